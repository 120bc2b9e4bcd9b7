import { listSubscriptions, removeSubscription } from '../db/slack-store.js';
import type { Scope } from '../domain/types.js';
import { formatMomentLong } from '../digest/format-day-fr.js';
import { resolveScope } from '../digest/load-digest-source.js';
import { parseCron } from '../digest/parse-cron.js';
import { describeSchedule } from '../digest/parse-digest-schedule.js';
import { subscribeChannel } from '../digest/subscribe-channel.js';
import { formatScope } from '../measures/list-measures.js';
import { sections } from '../slack/blocks/block-builders.js';
import { buildErrorBlocks } from '../slack/blocks/build-help-blocks.js';
import { channelLabel, personLabel, plural, scopeLabel } from '../slack/blocks/format-fr.js';
import { escapeMrkdwn } from '../slack/escape-mrkdwn.js';
import type { CommandDeps } from './command-deps.js';
import { ephemeral, type Actor, type Reply } from './reply.js';

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

/** A schedule in words for mrkdwn: a cron string that has no words goes in code (its `*` are not bold). */
function scheduleMrkdwn(words: string): string {
  return words.startsWith('cron ') ? `cron \`${escapeMrkdwn(words.slice(5))}\`` : escapeMrkdwn(words);
}

/**
 * `/mesure abonner <portée> [horaire]`: this channel gets the scope's digests (and its members the
 * right to update), on the schedule given ("lundi 8h30", "30 8 * * 1") or the default one.
 * Subscribing again changes the schedule, or resumes a paused subscription. An unreadable
 * schedule is refused with examples, nothing stored.
 */
export function subscribe(deps: CommandDeps, actor: Actor, typed: Scope, schedule: string | null = null): Reply {
  const refusal = refuse(deps, actor, 'abonner');
  if (refusal) return refusal;
  const r = subscribeChannel(
    deps.db,
    { timezone: deps.digest.timeZone, cron: deps.digest.cron },
    { channel: actor.channelId, scope: typed, schedule, createdBy: actor.userId, now: deps.now() },
  );
  const label = escapeMrkdwn(scopeLabel(r.scope));
  const when = `Horaire : *${scheduleMrkdwn(r.scheduleWords)}*${r.defaultCron ? ' (par défaut)' : ''}${r.next ? ` — prochain point ${formatMomentLong(r.next, deps.digest.timeZone)}` : ''}.`;
  if (!r.created && !r.resumed && !r.rescheduled) {
    const change = `Pour changer l’horaire : \`/mesure abonner ${escapeMrkdwn(r.scopeKey)} lundi 8h30\`.`;
    return { text: `Déjà abonné : ${scopeLabel(r.scope)}`, blocks: sections(`Ce canal reçoit déjà le digest du ${label}. ${when}\n${change}`), ephemeral: true };
  }
  deps.logger.info(r.created ? 'subscribed' : r.resumed ? 'subscription resumed' : 'subscription rescheduled', { channel: actor.channelId, scope: r.scopeKey, cron: r.cron });
  const who = personLabel(actor.userId);
  if (r.created) {
    return {
      text: `Ce canal reçoit désormais le digest du ${scopeLabel(r.scope)}`,
      blocks: sections(
        `📬 ${who} a abonné ce canal au digest du *${label}* (${plural(r.measures, 'mesure')}). ${when}\nSes membres peuvent désormais mettre à jour le statut de ces mesures (\`/mesure statut &lt;ID&gt; &lt;statut&gt;\`).`,
      ),
      ephemeral: false,
    };
  }
  const what = r.resumed ? `▶️ ${who} a repris le digest du *${label}* dans ce canal (il était en pause).` : `🕘 ${who} a changé l’horaire du digest du *${label}*.`;
  return { text: `${r.resumed ? 'Digest repris' : 'Horaire changé'} : ${scopeLabel(r.scope)}`, blocks: sections(`${what} ${when}`), ephemeral: false };
}

/** `/mesure desabonner <portée>`. */
export function unsubscribe(deps: CommandDeps, actor: Actor, typed: Scope): Reply {
  const refusal = refuse(deps, actor, 'desabonner');
  if (refusal) return refusal;
  let scope = typed;
  try {
    scope = resolveScope(deps.db, typed);
  } catch {
    // A scope that left knowledge/ can still be unsubscribed by the name it was given.
  }
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

/** A subscription's schedule in words, "(par défaut)" when it has none of its own. */
function scheduleOf(deps: CommandDeps, cron: string | null): string {
  try {
    return `${scheduleMrkdwn(describeSchedule(parseCron(cron ?? deps.digest.cron)))}${cron === null ? ' (par défaut)' : ''}`;
  } catch {
    return `cron illisible \`${escapeMrkdwn(cron ?? deps.digest.cron)}\``;
  }
}

/** `/mesure abonnements`: what this channel receives. */
export function showSubscriptions(deps: CommandDeps, actor: Actor): Reply {
  const subs = listSubscriptions(deps.db, { channel: actor.channelId });
  if (subs.length === 0) {
    return { text: 'Aucun abonnement', blocks: sections('Ce canal ne reçoit aucun digest. `/mesure abonner chantier:3` (administrateurs).'), ephemeral: true };
  }
  const lines = subs.map((s) => `• \`${escapeMrkdwn(s.scope)}\` · ${scheduleOf(deps, s.cron)}${s.paused ? ' _(en pause)_' : ''}`);
  return { text: `${subs.length} abonnement(s)`, blocks: sections(`*Digests reçus par ${channelLabel(actor.channelId)}*\n${lines.join('\n')}`), ephemeral: true };
}
