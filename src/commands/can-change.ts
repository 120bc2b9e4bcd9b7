import type { Measure, Scope } from '../domain/types.js';
import { inScope } from '../digest/build-digest.js';

export interface ScopedChannel {
  channel: string;
  scope: Scope;
  /** A paused subscription (digests stopped) grants nothing and is told nothing. */
  paused?: boolean;
}

export interface ChangeCheck {
  userId: string;
  admins: readonly string[];
  /** The terminal twin: its local user is an admin. */
  console?: boolean;
  measure: Pick<Measure, 'programme' | 'chantier' | 'pilier'>;
  /** Every subscription (channel → scope); those not covering the measure are ignored. */
  subscriptions: readonly ScopedChannel[];
  /** Channels (among the subscribed ones) the user is a member of. */
  memberOf: ReadonlySet<string>;
}

export type ChangeDecision =
  | { allowed: true; as: 'admin' | 'console' | 'member'; channel: string | null }
  | { allowed: false; admins: string[]; channels: string[]; scopes: Scope[] };

/**
 * Subscribed channels whose scope covers the measure, each channel once. Paused subscriptions are
 * left out: digests stopped there (Slack refused the channel: archived, Jalon removed…), so until
 * an admin resubscribes it, the channel neither grants edit rights nor receives change notices.
 */
export function coveringChannels(measure: ChangeCheck['measure'], subscriptions: readonly ScopedChannel[]): ScopedChannel[] {
  const seen = new Set<string>();
  return subscriptions.filter((s) => {
    if (s.paused || seen.has(s.channel) || !inScope(measure as Measure, s.scope)) return false;
    seen.add(s.channel);
    return true;
  });
}

/**
 * Who may change a measure (or one of its milestones): JALON_ADMINS anything; members of a
 * channel subscribed (not paused) to a scope covering the measure, the measures of that scope;
 * nobody else.
 * A refusal says who can. Pure.
 */
export function canChange(check: ChangeCheck): ChangeDecision {
  if (check.console) return { allowed: true, as: 'console', channel: null };
  if (check.admins.includes(check.userId)) return { allowed: true, as: 'admin', channel: null };
  const covering = coveringChannels(check.measure, check.subscriptions);
  const via = covering.find((s) => check.memberOf.has(s.channel));
  if (via) return { allowed: true, as: 'member', channel: via.channel };
  return { allowed: false, admins: [...check.admins], channels: covering.map((s) => s.channel), scopes: covering.map((s) => s.scope) };
}
