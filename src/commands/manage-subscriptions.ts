import { addSubscription, listSubscriptions, removeSubscription } from '../db/slack-store.js';
import type { Scope } from '../domain/types.js';
import { resolveScope } from '../digest/load-digest-source.js';
import { formatScope } from '../measures/list-measures.js';
import { sections } from '../slack/blocks/block-builders.js';
import { buildErrorBlocks } from '../slack/blocks/build-help-blocks.js';
import { channelLabel, personLabel, plural, scopeLabel } from '../slack/blocks/format-fr.js';
import { escapeMrkdwn } from '../slack/escape-mrkdwn.js';
import type { CommandDeps } from './command-deps.js';
import type { Actor, Reply } from './reply.js';

const ephemeral = (content: { text: string; blocks: Reply['blocks'] }): Reply => ({ ...content, ephemeral: true });

/** Subscriptions decide who may change measures: only admins manage them, never in a DM. */
function refuse(deps: CommandDeps, actor: Actor, verb: 'abonner' | 'desabonner'): Reply | null {
  if (actor.console) return ephemeral(buildErrorBlocks('Les abonnements se gèrent depuis un canal Slack : le digest y est publié.'));
  if (/^D/.test(actor.channelId)) return ephemeral(buildErrorBlocks('Abonnez un canal, pas une conversation privée.', `/mesure ${verb} <portée>`));
  if (!deps.admins.includes(actor.userId)) {
    const admins = deps.admins.length ? deps.admins.map((a) => `<@${a}>`).join(', ') : 'aucun n’est configuré (JALON_ADMINS)';
    const text = `:no_entry: Seuls les administrateurs de Jalon peuvent ${verb === 'abonner' ? 'abonner' : 'désabonner'} un canal (ses membres peuvent ensuite modifier les mesures de la portée) : ${admins}.`;
    return { text: 'Abonnement réservé aux administrateurs', blocks: sections(text), ephemeral: true };
  }
  return null;
}

/** `/mesure abonner <portée>`: this channel gets the scope's digests (and its members the right to update). */
export function subscribe(deps: CommandDeps, actor: Actor, typed: Scope): Reply {
  const refusal = refuse(deps, actor, 'abonner');
  if (refusal) return refusal;
  const scope = resolveScope(deps.db, typed);
  const count = deps.measures.list(scope).length;
  if (count === 0) return ephemeral(buildErrorBlocks(`Aucune mesure dans la portée ${scopeLabel(scope)}.`, '/mesure abonner <portée>'));
  const { created } = addSubscription(deps.db, {
    channel: actor.channelId,
    scope: formatScope(scope),
    createdBy: actor.userId,
    createdAt: deps.now().toISOString(),
  });
  const label = escapeMrkdwn(scopeLabel(scope));
  if (!created) return { text: `Déjà abonné : ${scopeLabel(scope)}`, blocks: sections(`Ce canal reçoit déjà le digest du ${label}.`), ephemeral: true };
  deps.logger.info('subscribed', { channel: actor.channelId, scope: formatScope(scope) });
  return {
    text: `Ce canal reçoit désormais le digest du ${scopeLabel(scope)}`,
    blocks: sections(
      `📬 ${personLabel(actor.userId)} a abonné ce canal au digest du *${label}* (${plural(count, 'mesure')}). Ses membres peuvent désormais mettre à jour le statut de ces mesures (\`/mesure statut &lt;ID&gt; &lt;statut&gt;\`).`,
    ),
    ephemeral: false,
  };
}

/** `/mesure desabonner <portée>`. */
export function unsubscribe(deps: CommandDeps, actor: Actor, typed: Scope): Reply {
  const refusal = refuse(deps, actor, 'desabonner');
  if (refusal) return refusal;
  const scope = resolveScope(deps.db, typed);
  const label = escapeMrkdwn(scopeLabel(scope));
  if (!removeSubscription(deps.db, actor.channelId, formatScope(scope))) {
    return { text: 'Pas abonné', blocks: sections(`Ce canal n’est pas abonné au ${label}. \`/mesure abonnements\` pour la liste.`), ephemeral: true };
  }
  deps.logger.info('unsubscribed', { channel: actor.channelId, scope: formatScope(scope) });
  return {
    text: `Ce canal ne reçoit plus le digest du ${scopeLabel(scope)}`,
    blocks: sections(`📭 ${personLabel(actor.userId)} a désabonné ce canal du digest du *${label}*.`),
    ephemeral: false,
  };
}

/** `/mesure abonnements`: what this channel receives. */
export function showSubscriptions(deps: CommandDeps, actor: Actor): Reply {
  const subs = listSubscriptions(deps.db, { channel: actor.channelId });
  if (subs.length === 0) {
    return { text: 'Aucun abonnement', blocks: sections('Ce canal ne reçoit aucun digest. `/mesure abonner chantier:3` (administrateurs).'), ephemeral: true };
  }
  const lines = subs.map((s) => `• \`${escapeMrkdwn(s.scope)}\`${s.paused ? ' _(en pause)_' : ''}${s.cron ? ` · planning \`${escapeMrkdwn(s.cron)}\`` : ''}`);
  return { text: `${subs.length} abonnement(s)`, blocks: sections(`*Digests reçus par ${channelLabel(actor.channelId)}*\n${lines.join('\n')}`), ephemeral: true };
}
