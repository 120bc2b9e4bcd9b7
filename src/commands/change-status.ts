import { listSubscriptions, type Subscription } from '../db/slack-store.js';
import { STATUS_FR, type Measure, type Status } from '../domain/types.js';
import { parseScope } from '../measures/list-measures.js';
import { isUnchanged } from '../measures/set-status.js';
import { buildChangeNotice } from '../slack/blocks/build-change-notice.js';
import { buildMeasureCard } from '../slack/blocks/build-measure-card.js';
import { sections } from '../slack/blocks/block-builders.js';
import { channelLabel, scopeLabel } from '../slack/blocks/format-fr.js';
import { escapeMrkdwn } from '../slack/escape-mrkdwn.js';
import { canChange, coveringChannels, type ChangeDecision, type ScopedChannel } from './can-change.js';
import type { CommandDeps } from './command-deps.js';
import type { Actor, Notice, Reply } from './reply.js';

export interface StatusRequest {
  target: 'measure' | 'milestone';
  /** Measure or milestone ID, as typed. */
  id: string;
  status: Status;
  comment: string | null;
}

/** Subscriptions with their scope read back; a row whose scope no longer parses is skipped. */
export function scopedSubscriptions(subscriptions: readonly Subscription[]): (ScopedChannel & { subscription: Subscription })[] {
  const out: (ScopedChannel & { subscription: Subscription })[] = [];
  for (const s of subscriptions) {
    try {
      out.push({ channel: s.channel, scope: parseScope(s.scope), paused: s.paused, subscription: s });
    } catch {
      // A scope written by hand in the database: ignored rather than fatal.
    }
  }
  return out;
}

/** "Seuls … peuvent modifier MS-C3-P4 : …" — who can, so the person knows whom to ask. */
export function refusalText(decision: Extract<ChangeDecision, { allowed: false }>, measure: Measure): string {
  const admins = decision.admins.length ? `les administrateurs de Jalon (${decision.admins.map((a) => `<@${a}>`).join(', ')})` : 'les administrateurs de Jalon (aucun n’est configuré : JALON_ADMINS)';
  const scopes = [measure.chantier !== null ? `chantier:${measure.chantier}` : null, measure.pilier !== null ? `pilier:${measure.pilier}` : null, `programme:${measure.programme}`]
    .filter((s): s is string => s !== null)
    .map((s) => `\`${escapeMrkdwn(s)}\``)
    .join(' ou ');
  const members = decision.channels.length
    ? `les membres de ${decision.channels.map(channelLabel).join(', ')} (${[...new Set(decision.scopes.map((s) => escapeMrkdwn(scopeLabel(s))))].join(', ')})`
    : `les membres d’un canal abonné à ${scopes} (aucun pour l’instant)`;
  return `:no_entry: Vous ne pouvez pas modifier *${escapeMrkdwn(measure.id)}*. Peuvent le faire : ${admins}, et ${members}.`;
}

/**
 * The refusal as plain text, short enough for a form's field error (no mentions: they would not
 * render there).
 */
export function refusalPlainText(measure: Measure): string {
  return `Vous ne pouvez pas modifier ${measure.id} : seuls les administrateurs de Jalon et les membres des canaux abonnés à sa portée le peuvent.`;
}

/**
 * Whether `actor` may change `measure`: admins and the console at once; anyone else is looked up
 * in the subscribed channels (not paused) covering it (the first membership found is enough).
 */
export async function decideChange(deps: CommandDeps, actor: Actor, measure: Measure) {
  const subscriptions = scopedSubscriptions(listSubscriptions(deps.db));
  const covering = coveringChannels(measure, subscriptions);
  const memberOf = new Set<string>();
  if (!actor.console && !deps.admins.includes(actor.userId)) {
    for (const s of covering) {
      if (await deps.isMember(s.channel, actor.userId)) {
        memberOf.add(s.channel);
        break;
      }
    }
  }
  const decision = canChange({ userId: actor.userId, admins: deps.admins, console: actor.console ?? false, measure, subscriptions, memberOf });
  return { decision, subscriptions, covering };
}

/** The ephemeral refusal that says who can. */
export function refusalReply(deps: CommandDeps, actor: Actor, decision: Extract<ChangeDecision, { allowed: false }>, measure: Measure): Reply {
  deps.logger.info('status change refused', { user: actor.userId, measure: measure.id });
  return { text: `Modification refusée : ${measure.id}`, blocks: sections(refusalText(decision, measure)), ephemeral: true };
}

/**
 * A person changes the status of a measure or milestone: permission check, status and history
 * written (with the person's Slack user ID), then a confirmation for them and a notice for every
 * subscribed channel whose scope covers the measure (in the thread of its latest digest).
 */
export async function changeStatus(deps: CommandDeps, actor: Actor, request: StatusRequest): Promise<Reply> {
  const { measure } = request.target === 'measure' ? { measure: deps.measures.get(request.id) } : deps.measures.getMilestone(request.id);
  const { decision, subscriptions, covering } = await decideChange(deps, actor, measure);
  if (!decision.allowed) return refusalReply(deps, actor, decision, measure);
  const change = deps.measures.setStatus(request.id, {
    status: request.status,
    who: actor.userId,
    comment: request.comment,
    origin: actor.console ? 'cli' : 'slack',
  });
  if (isUnchanged(change)) {
    // Nothing written: nobody is told about a change that did not happen.
    const already = STATUS_FR[change.newStatus];
    return {
      text: `${change.targetId} : déjà ${already}`,
      blocks: sections(`ℹ️ \`${escapeMrkdwn(change.targetId)}\` est déjà *${already}* : rien n’a changé, personne n’est prévenu.`),
      ephemeral: true,
      notices: [],
    };
  }
  deps.logger.info('status changed', { user: actor.userId, target: change.targetId, status: change.newStatus });
  const updated = deps.measures.get(measure.id);
  const notice = buildChangeNotice(change, updated);
  const notices: Notice[] = covering.map((s) => {
    // A channel may hold several subscriptions covering the measure: the latest digest wins.
    const latest = subscriptions
      .filter((x) => x.channel === s.channel && coveringChannels(updated, [x]).length > 0 && x.subscription.lastDigestTs)
      .sort((a, b) => (b.subscription.lastDigestAt ?? '').localeCompare(a.subscription.lastDigestAt ?? ''))[0];
    return { channel: s.channel, threadTs: latest?.subscription.lastDigestTs ?? null, ...notice };
  });
  const from = change.oldStatus ? STATUS_FR[change.oldStatus] : '—';
  const told = notices.length
    ? `Prévenu${notices.length > 1 ? 's' : ''} : ${notices.map((n) => channelLabel(n.channel)).join(', ')}.`
    : 'Aucun canal n’est abonné à sa portée : personne d’autre n’est prévenu.';
  const card = buildMeasureCard(updated, { sourceTitle: deps.sourceTitle(updated.source.file) });
  return {
    text: `${change.targetId} : ${from} → ${STATUS_FR[change.newStatus]}`,
    blocks: [...sections(`✅ \`${escapeMrkdwn(change.targetId)}\` : ${from} → *${STATUS_FR[change.newStatus]}*. ${told}`), ...card.blocks],
    ephemeral: true,
    notices,
  };
}
