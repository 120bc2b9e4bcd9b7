import { STATUS_FR, type Scope, type Status } from '../../domain/types.js';
import { escapeMrkdwn } from '../escape-mrkdwn.js';

/** How Jalon writes values in French, the same on every surface (escaped mrkdwn). */

const STATUS_EMOJI: Record<Status, string> = {
  planned: '⚪',
  in_progress: '🔵',
  late: '🟠',
  blocked: '🔴',
  done: '✅',
  cancelled: '⚫',
};

/** "🟠 en retard". */
export const statusBadge = (status: Status): string => `${STATUS_EMOJI[status]} ${STATUS_FR[status]}`;

/** "2020-12-31" → "31/12/2020"; anything else is shown escaped, as is. */
export function formatDateFr(iso: string | null): string {
  if (!iso) return 'non daté';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : escapeMrkdwn(iso);
}

const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;
const SLACK_CHANNEL = /^[CGD][A-Z0-9]{2,}$/;

/** A person as recorded in the history: a Slack user is mentioned, anyone else named (escaped). */
export function personLabel(who: string): string {
  if (SLACK_USER.test(who)) return `<@${who}>`;
  if (who.startsWith('console:')) return `${escapeMrkdwn(who.slice('console:'.length))} (console)`;
  return escapeMrkdwn(who);
}

/** A channel link when the id looks like one, else the escaped text. */
export const channelLabel = (channel: string): string => (SLACK_CHANNEL.test(channel) ? `<#${channel}>` : escapeMrkdwn(channel));

/** "chantier 3", "pilier 2", "programme segur" — raw text: escape it where it goes in mrkdwn. */
export function scopeLabel(scope: Scope | null): string {
  if (!scope) return 'toutes les mesures';
  return scope.kind === 'programme' ? `programme ${scope.id}` : `${scope.kind} ${scope.number}`;
}

/** "3 mesures", "1 mesure". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
