import { Option, type Command } from 'commander';
import { readPauseReasons } from '../db/digest-store.js';
import { listSubscriptions, removeSubscription } from '../db/slack-store.js';
import { latestOccurrence, nextOccurrence, previousOccurrence } from '../digest/digest-period.js';
import { digestFromSource, loadDigestSource, resolveScope } from '../digest/load-digest-source.js';
import { parseCron } from '../digest/parse-cron.js';
import { describeSchedule } from '../digest/parse-digest-schedule.js';
import { createDigestPoster, type DigestSettings, type DigestSlackClient } from '../digest/post-digests.js';
import { renderDigestText } from '../digest/render-digest-text.js';
import { formatDayLong, formatMomentLong } from '../digest/format-day-fr.js';
import { subscribeChannel } from '../digest/subscribe-channel.js';
import { fromLocalTime, localDay } from '../digest/zoned-time.js';
import { JalonError } from '../domain/errors.js';
import { checkScope } from '../measures/check-scope.js';
import type { Timeline } from '../timeline/build-timeline.js';
import { timelineFromSource } from '../timeline/load-timeline.js';
import { renderTimelinePng } from '../timeline/render-timeline-png.js';
import { timelinePicture } from '../timeline/timeline-picture.js';
import { assertWritable, writePicture } from '../timeline/write-picture.js';
import type { Scope } from '../domain/types.js';
import { formatScope, parseScope } from '../measures/list-measures.js';
import type { Jalon } from '../open-jalon.js';
import { print } from './with-jalon.js';

/** The CLI's wrapper: opens Jalon around an action (src/cli/with-jalon.ts). */
export type WithJalon = <A extends unknown[]>(action: (jalon: Jalon, ...args: A) => unknown) => (...args: A) => Promise<void>;

const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;

/** Where command output goes: stdout by default, a buffer in tests. */
export interface CommandOutput {
  print(text: string): void;
}

/** `--as-of`: a day written AAAA-MM-JJ. */
export function asOfDay(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new JalonError('invalid_input', `invalid --as-of ${value}`, `--as-of attend une date AAAA-MM-JJ (reçu : ${value})`);
  }
  return value;
}

/** `--horizon`: whole days, 1 to 365. */
export function horizon(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 365) throw new JalonError('invalid_input', `invalid --horizon ${value}`, `--horizon attend un nombre de jours de 1 à 365 (reçu : ${value})`);
  return n;
}

function channelId(value: string): string {
  const id = value.trim().toUpperCase();
  if (!CHANNEL_ID.test(id)) throw new JalonError('invalid_input', `invalid channel ${value}`, `--channel attend un identifiant de canal Slack, ex. C012ABCDEF (reçu : ${value})`);
  return id;
}

/** The digest settings of a Jalon's config (JALON_TZ, JALON_DIGEST_*, JALON_ADMINS). */
export function settingsOf(jalon: Jalon): DigestSettings {
  const { digest, slack } = jalon.config;
  return { timezone: digest.timezone, cron: digest.cron, horizonDays: digest.horizonDays, graceHours: digest.graceHours, skipEmpty: digest.skipEmpty, admins: slack.admins };
}

/**
 * The instant a digest "as of" a day stands for: that day's scheduled time (JALON_DIGEST_CRON,
 * 09:00 by default) when a digest falls on it, else the end of the day.
 */
export function asOfInstant(day: string, jalon: Jalon): Date {
  const { timezone, cron } = jalon.config.digest;
  const endOfDay = new Date(fromLocalTime(day, 23, 59, timezone).getTime() + 59_999);
  const occurrence = latestOccurrence(parseCron(cron), timezone, endOfDay);
  return occurrence && occurrence.period === day ? occurrence.at : endOfDay;
}

function scopeOf(jalon: Jalon, text: string | undefined): Scope | null {
  return text === undefined ? null : resolveScope(jalon.db, parseScope(text));
}

/** A scope to show: one the store knows (an unknown one lists the valid scopes, exit code 2). */
function shownScopeOf(jalon: Jalon, text: string | undefined): Scope | null {
  return text === undefined ? null : checkScope(jalon.db, parseScope(text));
}

interface DigestOptions {
  scope?: string;
  asOf?: string;
  horizon?: number;
  json?: boolean;
  post?: boolean;
  png?: string;
}

async function digestCommand(jalon: Jalon, opts: DigestOptions, out: CommandOutput): Promise<void> {
  const { print } = out;
  const printJson = (value: unknown) => print(JSON.stringify(value));
  const settings = settingsOf(jalon);
  const now = opts.asOf ? asOfInstant(opts.asOf, jalon) : jalon.now();
  if (opts.post && opts.png !== undefined) {
    throw new JalonError('invalid_input', '--png with --post', '--png ne s’emploie pas avec --post : chaque point publié porte déjà sa frise.', { exitCode: 2 });
  }
  const scope = opts.post ? scopeOf(jalon, opts.scope) : shownScopeOf(jalon, opts.scope);
  if (opts.png !== undefined) assertWritable(opts.png);
  if (opts.post) {
    const { botToken, apiUrl } = jalon.config.slack;
    if (!botToken) throw new JalonError('config', 'SLACK_BOT_TOKEN is required for --post', 'SLACK_BOT_TOKEN manquant : jalon digest --post publie dans Slack.');
    // The poster retries on its own clock (Retry-After, backoff): the client must not retry too.
    const { createSlackClient } = await import('../slack/create-slack-client.js');
    const slack: DigestSlackClient = createSlackClient(botToken, { apiUrl, logger: jalon.logger, retries: 'none' });
    const poster = createDigestPoster({
      db: jalon.db,
      slack,
      settings: { ...settings, horizonDays: opts.horizon ?? settings.horizonDays },
      now: () => now,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      logger: jalon.logger,
      ...(jalon.config.digest.pictures ? { drawPicture: (timeline: Timeline) => timelinePicture(timeline, jalon) } : {}),
    });
    const outcomes = await poster.postNow(scope ? formatScope(scope) : undefined);
    if (opts.json) return printJson({ outcomes });
    if (outcomes.length === 0) return print('Aucun abonnement actif.');
    const words = { posted: 'publié', empty: 'rien à signaler (non publié)', already: 'déjà publié pour cette période', paused: 'mis en pause', failed: 'échec' };
    for (const o of outcomes) print(`${words[o.result]} · ${o.channel} · ${o.scope} · ${o.period}${'error' in o ? ` · ${o.error}` : ''}`);
    if (outcomes.some((o) => o.result === 'failed' || o.result === 'paused')) process.exitCode = 1;
    return;
  }
  const spec = parseCron(settings.cron);
  const occurrence = latestOccurrence(spec, settings.timezone, now);
  // A digest built now belongs to the latest scheduled one: it covers since the one before.
  const since = (occurrence && previousOccurrence(spec, settings.timezone, occurrence)?.at) ?? new Date(now.getTime() - 7 * 86_400_000);
  const source = loadDigestSource(jalon.db, { scope, now, since, timeZone: settings.timezone });
  const horizonDays = opts.horizon ?? settings.horizonDays;
  const digest = digestFromSource(source, scope, { timeZone: settings.timezone, horizonDays });
  const written = opts.png === undefined ? null : await drawTimeline(jalon, timelineFromSource(source, { kind: 'scope', scope }, { timeZone: settings.timezone, horizonDays }), opts.png);
  if (opts.json) return printJson(digest);
  print(renderDigestText(digest));
  if (written) print(`\n${written}`);
}

/** Draws a timeline into `file`; returns the line that says where, and how big. */
export async function drawTimeline(jalon: Pick<Jalon, 'logger'>, timeline: Timeline, file: string): Promise<string> {
  const picture = await renderTimelinePng(timeline, { logger: jalon.logger });
  const path = writePicture(file, picture.png);
  return `Frise enregistrée : ${path} (${picture.width} × ${picture.height} px)`;
}

/** `jalon digest`, `jalon subscribe`, `jalon unsubscribe`, `jalon subscriptions`. */
export function registerDigestCommands(program: Command, withJalon: WithJalon, out: CommandOutput = { print }): void {
  const printJson = (value: unknown) => out.print(JSON.stringify(value));
  program
    .command('digest')
    .description('affiche le point des jalons (en retard, à échéance, changements, faits) ; --post le publie dans les canaux abonnés')
    .option('--scope <portée>', 'chantier:3, pilier:2, programme:segur (toutes les mesures sans)')
    .addOption(new Option('--as-of <date>', 'rejoue un jour passé (AAAA-MM-JJ), ex. 2019-10-07').argParser(asOfDay))
    .addOption(new Option('--horizon <jours>', 'échéances à venir sur N jours (JALON_DIGEST_HORIZON_DAYS)').argParser(horizon))
    .option('--json', 'sortie JSON')
    .option('--post', 'publie maintenant dans chaque canal abonné (une fois par période)')
    .option('--png <fichier>', 'écrit aussi la frise de la portée (image PNG) dans ce fichier')
    .action(withJalon((jalon, opts: DigestOptions) => digestCommand(jalon, opts, out)));

  program
    .command('subscribe')
    .description('abonne un canal Slack aux points d’une portée')
    .argument('<portée>', 'chantier:3, pilier:2, programme:segur')
    .requiredOption('--channel <id>', 'identifiant du canal (C012ABCDEF)', channelId)
    .option('--cron <horaire>', 'horaire propre : « lundi 8h30 », « du lundi au vendredi 9h » ou cron « 30 8 * * 1 »')
    .option('--json', 'sortie JSON')
    .action(
      withJalon((jalon, scopeText: string, opts: { channel: string; cron?: string; json?: boolean }) => {
        const { timezone, cron: defaultCron } = jalon.config.digest;
        const r = subscribeChannel(jalon.db, { timezone, cron: defaultCron }, { channel: opts.channel, scope: parseScope(scopeText), schedule: opts.cron, createdBy: 'cli', now: jalon.now() });
        if (opts.json) return printJson({ id: r.subscription.id, channel: opts.channel, scope: r.scopeKey, cron: r.cron, created: r.created, resumed: r.resumed, next: r.next?.toISOString() ?? null });
        const verb = r.created ? 'Abonné' : r.resumed ? 'Repris' : r.rescheduled ? 'Horaire changé' : 'Déjà abonné';
        out.print(`${verb} : ${opts.channel} ← ${r.scopeKey} (${r.scheduleWords}${r.next ? `, prochain point ${formatMomentLong(r.next, timezone)}` : ''})`);
      }),
    );

  program
    .command('unsubscribe')
    .description('désabonne un canal des points d’une portée')
    .argument('<portée>', 'chantier:3, pilier:2, programme:segur')
    .requiredOption('--channel <id>', 'identifiant du canal (C012ABCDEF)', channelId)
    .action(
      withJalon((jalon, scopeText: string, opts: { channel: string }) => {
        const scope = parseScope(scopeText);
        let key = formatScope(scope);
        try {
          key = formatScope(resolveScope(jalon.db, scope));
        } catch {
          // A programme that left knowledge/ can still be unsubscribed by the name it was given.
        }
        if (!removeSubscription(jalon.db, opts.channel, key)) {
          throw new JalonError('not_found', `no subscription ${opts.channel} ${key}`, `Aucun abonnement de ${opts.channel} à ${key}.`);
        }
        out.print(`Désabonné : ${opts.channel} ✕ ${key}`);
      }),
    );

  program
    .command('subscriptions')
    .description('liste les abonnements aux points')
    .option('--json', 'sortie JSON')
    .action(
      withJalon((jalon, opts: { json?: boolean }) => {
        const { timezone, cron: defaultCron } = jalon.config.digest;
        const now = jalon.now();
        const pauses = readPauseReasons(jalon.db);
        const rows = listSubscriptions(jalon.db).map((s) => {
          const cron = s.cron ?? defaultCron;
          let schedule: string;
          let next: Date | null = null;
          try {
            const spec = parseCron(cron);
            schedule = describeSchedule(spec);
            next = s.paused ? null : (nextOccurrence(spec, timezone, now)?.at ?? null);
          } catch {
            schedule = `cron illisible : ${cron}`;
          }
          return {
            id: s.id,
            channel: s.channel,
            scope: s.scope,
            cron,
            defaultCron: s.cron === null,
            schedule,
            paused: s.paused,
            pausedReason: pauses.get(s.id)?.reason ?? null,
            next: next?.toISOString() ?? null,
            lastDigestAt: s.lastDigestAt,
            lastDigestTs: s.lastDigestTs,
            createdBy: s.createdBy,
          };
        });
        if (opts.json) return printJson({ subscriptions: rows });
        if (rows.length === 0) return out.print('Aucun abonnement. Ajoutez-en un : jalon subscribe chantier:3 --channel C012ABCDEF');
        for (const r of rows) {
          const state = r.paused ? `en pause${r.pausedReason ? ` (${r.pausedReason})` : ''}` : r.next ? `prochain ${formatMomentLong(new Date(r.next), timezone)}` : '—';
          const last = r.lastDigestAt ? ` · dernier ${formatDayLong(localDay(new Date(r.lastDigestAt), timezone))}` : '';
          out.print(`${r.channel} · ${r.scope} · ${r.schedule}${r.defaultCron ? ' (défaut)' : ''} · ${state}${last}`);
        }
      }),
    );
}

