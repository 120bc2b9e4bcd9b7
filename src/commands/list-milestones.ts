import { listSubscriptions } from '../db/slack-store.js';
import type { Scope } from '../domain/types.js';
import { digestFromSource, loadDigestSource, resolveScope } from '../digest/load-digest-source.js';
import { renderDigestBlocks } from '../digest/render-digest-blocks.js';
import { formatScope, parseScope } from '../measures/list-measures.js';
import { sections } from '../slack/blocks/block-builders.js';
import { LIMITS } from '../slack/blocks/block-kit.js';
import { buildLateList, buildUpcomingList } from '../slack/blocks/build-milestone-list.js';
import { scopeLabel } from '../slack/blocks/format-fr.js';
import type { CommandDeps } from './command-deps.js';
import type { Actor, Reply } from './reply.js';

const DAY_MS = 86_400_000;

function digestOf(deps: CommandDeps, scope: Scope | null, horizonDays: number, since?: Date) {
  const now = deps.now();
  const source = loadDigestSource(deps.db, { scope, now, since: since ?? now, timeZone: deps.digest.timeZone });
  return digestFromSource(source, scope, { timeZone: deps.digest.timeZone, horizonDays });
}

const title = (what: string, scope: Scope | null) => `${what} — ${scopeLabel(scope)}`;

/** `/mesure retards [portée]`: overdue milestones, then measures people marked late or blocked. */
export function listLate(deps: CommandDeps, typed: Scope | null): Reply {
  const scope = typed && resolveScope(deps.db, typed);
  const digest = digestOf(deps, scope, deps.digest.horizonDays);
  const flagged = deps.measures.list(scope).filter((m) => m.statusSetBy !== null && (m.status === 'late' || m.status === 'blocked'));
  return { ...buildLateList(title('Retards', scope), digest.overdue, flagged), ephemeral: true };
}

/** `/mesure prochains [portée] [jours]`: milestones due within the horizon, soonest first. */
export function listUpcoming(deps: CommandDeps, typed: Scope | null, days: number | null): Reply {
  const scope = typed && resolveScope(deps.db, typed);
  const horizon = days ?? deps.digest.horizonDays;
  const digest = digestOf(deps, scope, horizon);
  return { ...buildUpcomingList(title('Prochains jalons', scope), digest.upcoming, horizon), ephemeral: true };
}

/**
 * `/mesure digest [portée]`: the digest this channel would get now, visible only to the asker.
 * Without a scope, the channel's first subscription; changes since its latest digest (else 7 days).
 */
export function previewDigest(deps: CommandDeps, actor: Actor, typed: Scope | null): Reply {
  const subs = actor.console ? [] : listSubscriptions(deps.db, { channel: actor.channelId });
  let scope: Scope | null = typed && resolveScope(deps.db, typed);
  if (!scope && subs[0]) scope = parseScope(subs[0].scope);
  const key = scope ? formatScope(scope) : null;
  const last = subs.find((s) => s.scope === key)?.lastDigestAt;
  const now = deps.now();
  const since = last ? new Date(last) : new Date(now.getTime() - 7 * DAY_MS);
  const digest = digestOf(deps, scope, deps.digest.horizonDays, since);
  const note = sections(`_Aperçu, visible de vous seul${scope ? '' : ' — toutes les mesures ; précisez une portée : `/mesure digest chantier:3`'}._`);
  // The digest shares the message's 50 blocks with the note: render it within what is left, so
  // that nothing is cut off its end (the "+N autres" line of its last section).
  const content = renderDigestBlocks(digest, { maxBlocks: LIMITS.blocksPerMessage - note.length });
  return { text: content.text, blocks: [...note, ...content.blocks], ephemeral: true };
}
