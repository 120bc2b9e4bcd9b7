import { z } from 'zod';

/** zod schemas of the parts of Slack payloads Jalon reads: anything else is ignored, never trusted. */

export const EventEnvelope = z.object({ type: z.literal('event_callback'), event_id: z.string().min(1) });

export const MentionEvent = z.object({
  type: z.literal('app_mention'),
  user: z.string().min(1),
  text: z.string().default(''),
  ts: z.string().min(1),
  channel: z.string().min(1),
  thread_ts: z.string().optional(),
  bot_id: z.string().optional(),
});

/** A file shared with Jalon (message `files`, a form's file field): what downloading it needs. */
export const SlackFileSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1).default('fichier'),
  size: z.number().int().nonnegative().optional(),
  url_private_download: z.string().optional(),
  url_private: z.string().optional(),
});

export const MessageEvent = z.object({
  type: z.literal('message'),
  subtype: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().default(''),
  ts: z.string().min(1),
  channel: z.string().min(1),
  channel_type: z.string().optional(),
  thread_ts: z.string().optional(),
  files: z.array(SlackFileSchema).optional(),
});

export const HomeOpenedEvent = z.object({ type: z.literal('app_home_opened'), user: z.string().min(1), tab: z.string().optional() });

export const SlashCommand = z.object({
  text: z.string().default(''),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  trigger_id: z.string().optional(),
});

export const BlockActionBody = z.object({
  user: z.object({ id: z.string().min(1) }),
  channel: z.object({ id: z.string().min(1) }).optional(),
  container: z.object({ channel_id: z.string().optional(), message_ts: z.string().optional(), thread_ts: z.string().optional() }).optional(),
  message: z.object({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  trigger_id: z.string().optional(),
  actions: z.array(z.object({ action_id: z.string(), block_id: z.string().optional(), value: z.string().optional() })).min(1),
});

const StateValue = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  files: z.array(SlackFileSchema).nullish(),
});

export const ViewSubmissionBody = z.object({
  user: z.object({ id: z.string().min(1) }),
  trigger_id: z.string().optional(),
  view: z.object({
    callback_id: z.string(),
    private_metadata: z.string().default(''),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), StateValue)) }),
  }),
});

export type ViewState = z.infer<typeof ViewSubmissionBody>['view']['state'];

/** The value of one input (block id = action id), text or selected option; null when empty. */
export function viewValue(state: ViewState, blockId: string): string | null {
  const v = state.values[blockId]?.[blockId];
  const raw = v?.selected_option?.value ?? v?.value ?? null;
  return raw && raw.trim() ? raw.trim() : null;
}

/** private_metadata, read back with its schema; null when it does not match. */
export function readMetadata<T>(schema: z.ZodType<T>, raw: string): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
