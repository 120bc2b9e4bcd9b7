/**
 * `npm run soak -- --minutes N`: the real `jalon start` (HTTP mode, built from dist/) against a fake
 * Slack Web API on loopback, fed mixed traffic — mentions, DM questions, status changes by command
 * and by button, reads — while it is killed with SIGKILL and restarted every few seconds. The
 * driver plays Slack: an event not acknowledged is sent again (same event_id, X-Slack-Retry-Num),
 * a command or a click is not. The Web API answers some calls with 429 or 500. At the end it
 * prints what was received (acknowledged), answered once, duplicated and lost.
 *
 * Other scenarios (`--scenario`): `lock` (ack latency at concurrency 50 while this process holds
 * the store's write lock for 6 s, against the same waves without the lock), `shutdown` (time from
 * SIGTERM to exit in each fault state), `fuzz` (signed junk at the real process), `all`.
 * Figures only: nothing here passes or fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { startFakeSlackApi, type FakeSlackApi } from '../test/fakes/fake-slack-api.js';
import { commandBody, eventBody, interactionBody, signSlackRequest, type SlackPost } from '../test/fakes/sign-slack-request.js';
import { junkBodies, prng } from '../test/fakes/signed-junk.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const SECRET = 'soak-secret';
const ADMIN = 'UADMIN01';
const PLACEHOLDER = 'Je cherche…';
const MEASURES = ['MS-C1-P1', 'MS-C1-P2', 'MS-C2-P1', 'MS-C3-P1', 'MS-C3-P2', 'MS-C4-P1', 'MS-C4-P2', 'MS-C4-P3'];
const STATUSES = ['bloqué', 'fait', 'prévu', 'annulé', 'en cours'];
const QUESTIONS = [
  'Quand le service d’accès aux soins est-il généralisé ?',
  'Qui pilote les assistants médicaux ?',
  'Que prévoit le Ségur pour l’investissement ?',
  'Quel est le calendrier des CPTS ?',
  'Qu’est-ce que le pacte de refondation des urgences ?',
];

const { values: opts } = parseArgs({
  options: {
    minutes: { type: 'string', default: '2' },
    scenario: { type: 'string', default: 'soak' },
    rate: { type: 'string', default: '12' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '7' },
    fuzz: { type: 'string', default: '1000' },
    /** Another build's entry point (bin/jalon.js of an older checkout), for a baseline. */
    bin: { type: 'string', default: join(ROOT, 'bin/jalon.js') },
  },
});
const random = prng(Number(opts.seed));
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (values: number[], q: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const median = (values: number[]) => quantile(values, 0.5);
const ms = (v: number) => (Number.isNaN(v) ? '—' : `${Math.round(v)} ms`);

const freePort = () =>
  new Promise<number>((done) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });

/** One `jalon start` process on the soak's files. */
class Bot {
  child: ChildProcess | null = null;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> = Promise.resolve({ code: null, signal: null });
  unexpectedExits = 0;
  private killing = false;

  constructor(
    private readonly env: Record<string, string>,
    private readonly logFile: string,
    readonly port: number,
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}/slack/events`;
  }

  async start(): Promise<number> {
    const started = performance.now();
    const log = openSync(this.logFile, 'a');
    const child = spawn(process.execPath, [opts.bin, 'start'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...this.env }, stdio: ['ignore', 'ignore', log] });
    closeSync(log);
    this.child = child;
    this.killing = false;
    this.exited = new Promise((done) =>
      child.on('close', (code, signal) => {
        if (!this.killing) this.unexpectedExits += 1;
        done({ code, signal });
      }),
    );
    for (;;) {
      if (child.exitCode !== null) throw new Error(`jalon start exited (${child.exitCode}); see ${this.logFile}`);
      if (await fetch(`http://127.0.0.1:${this.port}/health`).then((r) => r.ok, () => false)) return performance.now() - started;
      await sleep(25);
    }
  }

  async kill9(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    this.killing = true;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM; resolves with the time to exit and the exit code (SIGKILL after 30 s: code null). */
  async term(): Promise<{ ms: number; code: number | null }> {
    if (!this.child) return { ms: 0, code: null };
    this.killing = true;
    const asked = performance.now();
    this.child.kill('SIGTERM');
    const stuck = setTimeout(() => this.child?.kill('SIGKILL'), 30_000);
    const { code } = await this.exited;
    clearTimeout(stuck);
    return { ms: performance.now() - asked, code };
  }
}

/** Sends a request as Slack does: signed at send time; an event is sent again while not acknowledged. */
async function deliver(bot: Bot, post: SlackPost, retries: number): Promise<{ acked: boolean; ms: number }> {
  const delays = [500, 2_000, 5_000];
  for (let attempt = 0; ; attempt++) {
    const headers: Record<string, string> = { 'content-type': post.contentType, ...signSlackRequest(SECRET, post.body) };
    if (attempt > 0) headers['x-slack-retry-num'] = String(attempt);
    const started = performance.now();
    try {
      const res = await fetch(bot.url, { method: 'POST', headers, body: post.body, signal: AbortSignal.timeout(3_000) });
      await res.arrayBuffer();
      if (res.status === 200) return { acked: true, ms: performance.now() - started };
    } catch {
      // Refused (restarting), reset (killed) or no answer within 3 s: Slack counts it as failed.
    }
    if (attempt >= retries) return { acked: false, ms: NaN };
    await sleep(delays[attempt]!);
  }
}

interface Setup {
  dir: string;
  dbPath: string;
  fake: FakeSlackApi;
  bot: Bot;
}

async function setUp(name: string, env: Record<string, string> = {}): Promise<Setup> {
  const dir = mkdtempSync(join(tmpdir(), `jalon-soak-${name}-`));
  const dbPath = join(dir, 'jalon.db');
  const fake = await startFakeSlackApi({ members: {} });
  const port = await freePort();
  const bot = new Bot(
    {
      HOME: dir,
      JALON_DB: dbPath,
      JALON_NOW: '2021-03-01',
      LOG_LEVEL: 'warn',
      SLACK_BOT_TOKEN: 'xoxb-soak',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      JALON_ADMINS: ADMIN,
      ...env,
    },
    join(dir, 'jalon.log'),
    port,
  );
  return { dir, dbPath, fake, bot };
}

async function tearDown(s: Setup): Promise<void> {
  await s.bot.kill9();
  await s.fake.close();
  rmSync(s.dir, { recursive: true, force: true });
}

interface Question {
  channel: string;
  ts: string;
  acked: boolean;
}
interface Change {
  comment: string;
  response: string;
  acked: boolean;
}

let counter = 0;
const nextTs = () => `17${String(Date.now()).slice(-8)}.${String(++counter).padStart(6, '0')}`;

/** One request of the mix, with what to check for it afterwards. */
function nextRequest(fake: FakeSlackApi): { post: SlackPost; retries: number; question?: Omit<Question, 'acked'>; change?: Omit<Change, 'acked'> } {
  const roll = random();
  const n = ++counter;
  if (roll < 0.5) {
    const ts = nextTs();
    const channel = `CSOAK${n % 10}`;
    const event = { type: 'app_mention', user: `USER${n % 7}`, text: `<@UJALONBOT> ${pick(QUESTIONS)}`, ts, channel };
    return { post: eventBody(event, `EvSoak${n}`), retries: 3, question: { channel, ts } };
  }
  if (roll < 0.6) {
    const ts = nextTs();
    const channel = `DSOAK${n % 5}`;
    const event = { type: 'message', channel_type: 'im', user: `USER${n % 5}`, text: pick(QUESTIONS), ts, channel };
    return { post: eventBody(event, `EvSoak${n}`), retries: 3, question: { channel, ts } };
  }
  const comment = `soak-${n}`;
  const line = `statut ${pick(MEASURES)} ${pick(STATUSES)} ${comment}`;
  if (roll < 0.8) {
    const post = commandBody({ text: line, user_id: ADMIN, channel_id: 'CSOAKCMD', response_url: fake.responseUrl(comment), trigger_id: `trig-${comment}` });
    return { post, retries: 0, change: { comment, response: comment } };
  }
  if (roll < 0.9) {
    const post = interactionBody({
      type: 'block_actions',
      user: { id: ADMIN },
      channel: { id: 'CSOAKCMD' },
      trigger_id: `trig-${comment}`,
      container: { type: 'message', channel_id: 'CSOAKCMD', is_ephemeral: true },
      response_url: fake.responseUrl(comment),
      actions: [{ action_id: 'mesure_run', block_id: 'choice:1', value: line, type: 'button' }],
    });
    return { post, retries: 0, change: { comment, response: comment } };
  }
  return { post: commandBody({ text: `voir ${pick(MEASURES)}`, user_id: 'USER1', channel_id: 'CSOAKCMD', response_url: fake.responseUrl(`read-${n}`) }), retries: 0 };
}

/** Where each acknowledged question and change ended up. */
function tally(fake: FakeSlackApi, dbPath: string, questions: Question[], changes: Change[]) {
  const q = { acked: 0, answeredOnce: 0, apologised: 0, onPlaceholder: 0, lost: 0, duplicated: 0 };
  for (const question of questions.filter((x) => x.acked)) {
    q.acked += 1;
    // The placeholder (later the answer or an apology); further parts of a long answer excluded.
    const heads = fake.thread(question.channel, question.ts).filter((m) => !m.metadata || m.metadata.event_payload.part === 0);
    if (heads.length === 0) q.lost += 1;
    else if (heads.length > 1) q.duplicated += 1;
    else if (heads[0]!.text === PLACEHOLDER) q.onPlaceholder += 1;
    else if (heads[0]!.text.startsWith('Désolé')) q.apologised += 1;
    else q.answeredOnce += 1;
  }
  const db = new Database(dbPath, { readonly: true });
  const rows = new Map(
    (db.prepare("SELECT comment, count(*) AS n FROM status_history WHERE comment LIKE 'soak-%' GROUP BY comment").all() as { comment: string; n: number }[]).map((r) => [r.comment, r.n]),
  );
  db.close();
  const c = { acked: 0, recordedOnce: 0, toldNotRecorded: 0, lost: 0, duplicated: 0, extraReplies: 0 };
  for (const change of changes.filter((x) => x.acked)) {
    c.acked += 1;
    const replies = fake.calls.filter((call) => call.method === `/response/${change.response}`).map((call) => JSON.stringify(call.body));
    const n = rows.get(change.comment) ?? 0;
    if (n === 1) c.recordedOnce += 1;
    else if (n > 1) c.duplicated += 1;
    else if (replies.some((r) => r.includes('n’a pas été enregistrée'))) c.toldNotRecorded += 1;
    else c.lost += 1;
    if (replies.length > 1) c.extraReplies += replies.length - 1;
  }
  // Changes applied without an acknowledgement (Slack showed the user an error): not lost, not counted.
  return { q, c };
}

function settled(fake: FakeSlackApi, dbPath: string, questions: Question[], changes: Change[]): boolean {
  const { q, c } = tally(fake, dbPath, questions, changes);
  return q.onPlaceholder + q.lost === 0 && c.lost === 0;
}

async function soak(): Promise<void> {
  const minutes = Number(opts.minutes);
  const rate = Number(opts.rate);
  const s = await setUp('kill');
  const { fake, bot } = s;
  // Slack has bad moments: 2% of posts and updates rate limited (Retry-After 1 s), 1% answer 500.
  fake.options.intercept = (method) => {
    if (method !== 'chat.postMessage' && method !== 'chat.update') return null;
    const r = random();
    return r < 0.02 ? { status: 429, retryAfter: 1 } : r < 0.03 ? { status: 500 } : null;
  };
  await bot.start();
  const questions: Question[] = [];
  const changes: Change[] = [];
  const acks: number[] = [];
  let sent = 0;
  let kills = 0;
  const restarts: number[] = [];
  const inFlight = new Set<Promise<void>>();
  const until = performance.now() + minutes * 60_000;

  const killer = (async () => {
    while (performance.now() < until) {
      await sleep(2_000 + random() * 3_000);
      if (performance.now() >= until) break;
      await bot.kill9();
      kills += 1;
      restarts.push(await bot.start());
    }
  })();
  while (performance.now() < until) {
    const request = nextRequest(fake);
    sent += 1;
    const task = deliver(bot, request.post, request.retries).then(({ acked, ms: took }) => {
      if (acked) acks.push(took);
      if (request.question) questions.push({ ...request.question, acked });
      if (request.change) changes.push({ ...request.change, acked });
    });
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
    await sleep(1000 / rate);
  }
  await killer;
  await Promise.all(inFlight);
  if (!bot.child || bot.child.exitCode !== null) await bot.start();
  fake.options.intercept = () => null;
  const waitStarted = performance.now();
  while (!settled(fake, s.dbPath, questions, changes) && performance.now() - waitStarted < 120_000) await sleep(500);
  const stop = await bot.term();
  const { q, c } = tally(fake, s.dbPath, questions, changes);
  console.log(`soak: ${minutes} min, ${sent} requests sent, ${kills} kill -9 + restart (2–5 s after the previous start; restart to listening: median ${ms(median(restarts))}), ${bot.unexpectedExits} crashes`);
  console.log(`  received (acknowledged): ${acks.length} — questions ${q.acked}, changes ${c.acked}, reads ${acks.length - q.acked - c.acked}; not acknowledged (Slack would show an error or retry): ${sent - acks.length}`);
  console.log(`  questions: answered once ${q.answeredOnce} · apologised ${q.apologised} · left on the placeholder ${q.onPlaceholder} · lost ${q.lost} · duplicated ${q.duplicated}`);
  console.log(`  changes: recorded once ${c.recordedOnce} · refused and told ${c.toldNotRecorded} · lost ${c.lost} · duplicated ${c.duplicated} (confirmations sent twice: ${c.extraReplies})`);
  console.log(`  ack latency p50 ${ms(median(acks))} · p95 ${ms(quantile(acks, 0.95))} · settled ${ms(performance.now() - waitStarted)} after the traffic; final SIGTERM → exit ${ms(stop.ms)} (code ${stop.code})`);
  await tearDown(s);
}

/** One wave of `n` concurrent requests (mentions, reads, changes); resolves with each ack's time. */
async function wave(bot: Bot, fake: FakeSlackApi, n: number, tag: string): Promise<{ ms: number[]; questions: Question[]; changes: Change[] }> {
  const questions: Question[] = [];
  const changes: Change[] = [];
  const times = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      let post: SlackPost;
      const id = `${tag}-${i}`;
      if (i % 5 < 2) {
        const ts = nextTs();
        post = eventBody({ type: 'app_mention', user: 'USER1', text: `<@UJALONBOT> ${pick(QUESTIONS)}`, ts, channel: 'CLOCK' }, `Ev${id}`);
        questions.push({ channel: 'CLOCK', ts, acked: true });
      } else if (i % 5 < 4) {
        post = commandBody({ text: `voir ${pick(MEASURES)}`, user_id: 'USER1', channel_id: 'CLOCK', response_url: fake.responseUrl(`r${id}`) });
      } else {
        const comment = `soak-${id}`;
        post = commandBody({ text: `statut ${pick(MEASURES)} ${pick(STATUSES)} ${comment}`, user_id: ADMIN, channel_id: 'CLOCK', response_url: fake.responseUrl(comment) });
        changes.push({ comment, response: comment, acked: true });
      }
      const { acked, ms: took } = await deliver(bot, post, 0);
      return acked ? took : 3_000;
    }),
  );
  return { ms: times, questions, changes };
}

async function lock(): Promise<void> {
  const runs = Number(opts.runs);
  const s = await setUp('lock');
  const { fake, bot } = s;
  await bot.start();
  const warm = await wave(bot, fake, 50, 'warm');
  while (!settled(fake, s.dbPath, warm.questions, warm.changes)) await sleep(100);
  const p95 = { free: [] as number[], locked: [] as number[] };
  const all: { questions: Question[]; changes: Change[] } = { questions: [], changes: [] };
  for (let run = 0; run < runs; run++) {
    const free = await wave(bot, fake, 50, `free${run}`);
    p95.free.push(quantile(free.ms, 0.95));
    all.questions.push(...free.questions);
    all.changes.push(...free.changes);
    // Each measure starts from a quiet process: the previous wave's answers are all out.
    while (!settled(fake, s.dbPath, all.questions, all.changes)) await sleep(100);
    // Another process (this one) holds the write lock for 6 s; waves of 50 arrive meanwhile.
    const other = new Database(s.dbPath);
    other.exec('BEGIN IMMEDIATE');
    const release = sleep(6_000).then(() => other.exec('ROLLBACK'));
    const locked: number[] = [];
    for (let w = 0; w < 3; w++) {
      const result = await wave(bot, fake, 50, `lock${run}-${w}`);
      locked.push(...result.ms);
      all.questions.push(...result.questions);
      all.changes.push(...result.changes);
      await sleep(1_200);
    }
    await release;
    other.close();
    p95.locked.push(quantile(locked, 0.95));
  }
  const waitStarted = performance.now();
  while (!settled(fake, s.dbPath, all.questions, all.changes) && performance.now() - waitStarted < 60_000) await sleep(250);
  const { q, c } = tally(fake, s.dbPath, all.questions, all.changes);
  console.log(`lock: ${runs} runs; each 3 waves of 50 concurrent requests (20 mentions, 20 reads, 10 changes) during a 6 s write lock held by another process`);
  console.log(`  ack p95, median of runs: ${ms(median(p95.locked))} with the lock held (runs: ${p95.locked.map(ms).join(', ')}); baseline without the lock ${ms(median(p95.free))}`);
  console.log(`  after the lock: questions answered once ${q.answeredOnce}/${q.acked} (lost ${q.lost}, placeholder ${q.onPlaceholder}, duplicated ${q.duplicated}); changes recorded once ${c.recordedOnce}/${c.acked} (told ${c.toldNotRecorded}, lost ${c.lost}, duplicated ${c.duplicated})`);
  await tearDown(s);
}

async function shutdown(): Promise<void> {
  const runs = Number(opts.runs);
  const s = await setUp('stop');
  const { fake, bot } = s;
  let n = 0;
  const states: { name: string; arrange: () => Promise<() => void> }[] = [
    { name: 'idle', arrange: async () => () => {} },
    {
      name: 'hung Web API call (placeholder post)',
      arrange: async () => {
        const ts = nextTs();
        const release = fake.hold('chat.postMessage', (b) => b.thread_ts === ts);
        await deliver(bot, eventBody({ type: 'app_mention', user: 'USER1', text: `<@UJALONBOT> ${pick(QUESTIONS)}`, ts, channel: 'CSTOP' }, `EvStop${++n}`), 0);
        await fake.waitFor((calls) => calls.some((c) => c.body.thread_ts === ts));
        return release;
      },
    },
    {
      name: 'start-up digest catch-up, post hung',
      arrange: async () => {
        const channel = `CDIGHUNG${++n}`;
        subscribe(s.dbPath, channel);
        await bot.kill9();
        const release = fake.hold('chat.postMessage', (b) => b.channel === channel);
        await bot.start();
        await fake.waitFor((calls) => calls.some((c) => c.body.channel === channel));
        return release;
      },
    },
    {
      name: 'digest 429 Retry-After 20',
      arrange: async () => {
        const channel = `CDIG429${++n}`;
        subscribe(s.dbPath, channel);
        await bot.kill9();
        let once = true;
        fake.options.intercept = (method, body) => (method === 'chat.postMessage' && body.channel === channel && once ? ((once = false), { status: 429, retryAfter: 20 }) : null);
        await bot.start();
        await fake.waitFor((calls) => calls.some((c) => c.body.channel === channel));
        return () => {
          fake.options.intercept = () => null;
        };
      },
    },
    {
      name: 'write lock held by another process, change waiting',
      arrange: async () => {
        const other = new Database(s.dbPath);
        other.exec('BEGIN IMMEDIATE');
        const comment = `soak-stop-${++n}`;
        await deliver(bot, commandBody({ text: `statut ${pick(MEASURES)} bloqué ${comment}`, user_id: ADMIN, channel_id: 'CSTOP', response_url: fake.responseUrl(comment) }), 0);
        return () => {
          other.exec('ROLLBACK');
          other.close();
        };
      },
    },
    {
      name: 'slow client (headers sent, body never)',
      arrange: async () => {
        const socket = connect(bot.port, '127.0.0.1');
        socket.write(`POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`);
        await sleep(100);
        return () => socket.destroy();
      },
    },
  ];
  console.log(`shutdown: SIGTERM → exit, ${runs} runs per state (median, max), limit 10 s`);
  for (const state of states) {
    const times: number[] = [];
    const codes = new Set<number | null>();
    for (let run = 0; run < runs; run++) {
      if (!bot.child || bot.child.exitCode !== null) await bot.start();
      const cleanUp = await state.arrange();
      const { ms: took, code } = await bot.term();
      cleanUp();
      times.push(took);
      codes.add(code);
    }
    console.log(`  ${state.name}: ${ms(median(times))} (max ${ms(Math.max(...times))}), exit code ${[...codes].join('/')}`);
  }
  await tearDown(s);
}

/** A subscription whose digest is due at JALON_NOW (Monday 2021-03-01, 10:00 Paris). */
function subscribe(dbPath: string, channel: string): void {
  const db = new Database(dbPath);
  db.prepare("INSERT INTO subscriptions (channel, scope, created_by, created_at) VALUES (?, 'chantier:3', ?, '2021-01-04T08:00:00.000Z')").run(channel, ADMIN);
  db.close();
}

async function fuzz(): Promise<void> {
  const count = Number(opts.fuzz);
  const s = await setUp('fuzz');
  const { fake, bot } = s;
  await bot.start();
  const statuses = new Map<string, number>();
  const bodies = junkBodies(count, Number(opts.seed));
  for (let i = 0; i < bodies.length; i += 20) {
    await Promise.all(
      bodies.slice(i, i + 20).map(async (junk) => {
        const raw = typeof junk.body === 'string' ? junk.body : junk.body.toString('latin1');
        const headers: Record<string, string> = { ...signSlackRequest(SECRET, raw) };
        if (junk.contentType) headers['content-type'] = junk.contentType;
        const status = await fetch(bot.url, { method: 'POST', headers, body: junk.body, signal: AbortSignal.timeout(10_000) }).then(
          async (r) => (await r.arrayBuffer(), String(r.status)),
          () => 'no answer',
        );
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }),
    );
  }
  const ts = nextTs();
  await deliver(bot, eventBody({ type: 'app_mention', user: 'USER1', text: `<@UJALONBOT> ${QUESTIONS[0]}`, ts, channel: 'CFUZZ' }, 'EvAfterFuzz'), 0);
  const started = performance.now();
  while (!fake.thread('CFUZZ', ts).some((m) => m.text !== PLACEHOLDER) && performance.now() - started < 10_000) await sleep(50);
  const alive = bot.child?.exitCode === null;
  console.log(`fuzz: ${bodies.length} signed junk bodies at the real process → ${[...statuses].map(([k, v]) => `${k}: ${v}`).join(', ')}`);
  console.log(`  crashes ${bot.unexpectedExits} · still running ${alive} · answers a question afterwards ${fake.thread('CFUZZ', ts).some((m) => m.text !== PLACEHOLDER)}`);
  await tearDown(s);
}

const scenarios: Record<string, () => Promise<void>> = { soak, lock, shutdown, fuzz };
const chosen = opts.scenario === 'all' ? ['fuzz', 'lock', 'shutdown', 'soak'] : [opts.scenario];
for (const name of chosen) {
  const run = scenarios[name];
  if (!run) throw new Error(`unknown scenario ${name}: soak, lock, shutdown, fuzz or all`);
  await run();
}
process.exit(0);
