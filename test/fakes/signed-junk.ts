/** Signed junk for the receiver: what a signed request may carry that Slack never sends. */

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/** A small deterministic PRNG (mulberry32): the same junk on every run. */
export function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Junk {
  body: string | Buffer;
  contentType?: string;
}

const LEAVES: unknown[] = [null, 0, -1, 1e308, '', 'x'.repeat(10_000), '<!channel> &amp; é', [], [null], {}, { a: { b: [] } }, true, '0', 'null'];

/** A copy of `value` with one leaf somewhere replaced by junk. */
function mutate(value: unknown, random: () => number): unknown {
  if (Array.isArray(value) && value.length > 0 && random() < 0.7) {
    const copy = [...value];
    const i = Math.floor(random() * copy.length);
    copy[i] = mutate(copy[i], random);
    return copy;
  }
  if (value && typeof value === 'object' && !Array.isArray(value) && random() < 0.8) {
    const keys = Object.keys(value);
    if (keys.length > 0) {
      const key = keys[Math.floor(random() * keys.length)]!;
      return { ...(value as Record<string, unknown>), [key]: mutate((value as Record<string, unknown>)[key], random) };
    }
  }
  return LEAVES[Math.floor(random() * LEAVES.length)];
}

/** Well-formed payloads of every surface, to be broken one field at a time. */
const TEMPLATES: { form: boolean; value: Record<string, unknown> }[] = [
  {
    form: false,
    value: { type: 'event_callback', event_id: 'EvJ', team_id: 'T0FAKE', event: { type: 'app_mention', user: 'U1', text: '<@UJALONBOT> SAS ?', ts: '1.1', channel: 'C1' } },
  },
  { form: false, value: { type: 'event_callback', event_id: 'EvJ', event: { type: 'message', channel_type: 'im', user: 'U1', text: 'q', ts: '1.2', channel: 'D1' } } },
  { form: false, value: { type: 'event_callback', event_id: 'EvJ', event: { type: 'app_home_opened', user: 'U1', tab: 'home' } } },
  { form: true, value: { type: 'block_actions', user: { id: 'U1' }, trigger_id: 't', actions: [{ action_id: 'mesure_run', value: 'voir MS-C3-P1', block_id: 'b' }] } },
  { form: true, value: { type: 'block_actions', user: { id: 'U1' }, trigger_id: 't', actions: [{ action_id: 'feedback_up', value: '1' }] } },
  {
    form: true,
    value: { type: 'view_submission', user: { id: 'U1' }, trigger_id: 't', view: { callback_id: 'measure_status', private_metadata: '{"measureId":"MS-C3-P1","channel":"C1"}', state: { values: {} } } },
  },
  { form: true, value: { type: 'view_submission', user: { id: 'U1' }, view: { callback_id: 'feedback_report', private_metadata: 'not json', state: { values: { comment: {} } } } } },
];

/**
 * `count` bodies (at least the fixed cases) that are not what Slack sends: JSON that is not an
 * object, broken JSON, absurd nesting, 5 MB, bad UTF-8, wrong content types, and well-formed
 * payloads of every surface with one to three fields replaced by junk. The same for a given seed.
 */
export function junkBodies(count: number, seed: number): Junk[] {
  const random = prng(seed);
  const fixed: Junk[] = [
    ...['null', '[]', '[null]', '0', '-1', '1e999', '"x"', 'true', '{}', '', ' ', '{', '[1,', '{"type":null}', '{"type":"event_callback"}'].flatMap((body) => [
      { body, contentType: JSON_TYPE },
      { body: `payload=${encodeURIComponent(body)}`, contentType: FORM },
    ]),
    { body: `${'['.repeat(100_000)}${']'.repeat(100_000)}`, contentType: JSON_TYPE },
    { body: `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`, contentType: JSON_TYPE },
    { body: `payload=${encodeURIComponent(`${'['.repeat(50_000)}${']'.repeat(50_000)}`)}`, contentType: FORM },
    { body: JSON.stringify({ type: 'event_callback', event_id: 'EvBig', blob: 'x'.repeat(5 * 1024 * 1024) }), contentType: JSON_TYPE },
    { body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]), contentType: JSON_TYPE },
    { body: Buffer.from([0x70, 0x61, 0x79, 0x6c, 0x6f, 0x61, 0x64, 0x3d, 0xff, 0xc0, 0xaf]), contentType: FORM },
    { body: '{"type":"event_callback","event_id":"EvT"}', contentType: 'text/plain' },
    { body: '{"type":"event_callback","event_id":"EvT"}' },
    { body: 'command=/mesure&text=statut&text=done', contentType: FORM },
    { body: 'command=/mesure', contentType: FORM },
    { body: 'command=/autre&text=x&user_id=U1&channel_id=C1', contentType: FORM },
    { body: 'payload=%7B%22type%22%3A%22block_actions%22%7D', contentType: `${FORM}; charset=utf-8` },
    { body: '{"type":"url_verification","challenge":{"x":1}}', contentType: JSON_TYPE },
    { body: 'ssl_check=1&payload=null', contentType: FORM },
  ];
  const mutated: Junk[] = [];
  while (fixed.length + mutated.length < count) {
    const template = TEMPLATES[Math.floor(random() * TEMPLATES.length)]!;
    let value = template.value;
    for (let n = 1 + Math.floor(random() * 3); n > 0; n--) value = mutate(value, random) as Record<string, unknown>;
    const text = JSON.stringify(value) ?? 'null';
    mutated.push(template.form ? { body: `payload=${encodeURIComponent(text)}`, contentType: FORM } : { body: text, contentType: JSON_TYPE });
  }
  return [...fixed, ...mutated];
}

