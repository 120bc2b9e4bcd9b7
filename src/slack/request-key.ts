import { createHash } from 'node:crypto';
import type { RequestKind } from '../db/inbox-store.js';

export interface RequestId {
  kind: RequestKind;
  /** What a replay or a retry of the same request repeats: the event_id, else the trigger_id. */
  key: string;
}

const id = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 && value.length <= 255 ? value : null);

const digest = (body: Record<string, unknown>): string => createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 32);

/**
 * The kind and replay key of a payload Jalon acts on — an Events API callback (key: event_id, so
 * Slack's retries are recognised), a slash command, a block action or a view submission (key: the
 * trigger_id, new for every click, command or submission; a hash of the body when there is none).
 * Null for anything else (url_verification is answered by the receiver; other payloads are only
 * acknowledged). May throw on a body that cannot be serialised (absurd nesting).
 */
export function requestIdOf(body: Record<string, unknown>): RequestId | null {
  if (body.type === 'event_callback') {
    const eventId = id(body.event_id);
    return eventId ? { kind: 'event', key: `event:${eventId}` } : null;
  }
  const trigger = id(body.trigger_id);
  if (typeof body.command === 'string') return { kind: 'command', key: `command:${trigger ?? digest(body)}` };
  if (body.type === 'block_actions') return { kind: 'action', key: `action:${trigger ?? digest(body)}` };
  if (body.type === 'view_submission') return { kind: 'view', key: `view:${trigger ?? digest(body)}` };
  return null;
}
