import { listSubscriptions } from '../db/slack-store.js';
import { formatDayShort } from '../digest/format-day-fr.js';
import { JalonError } from '../domain/errors.js';
import { parseScope } from '../measures/list-measures.js';
import { checkScope } from '../measures/check-scope.js';
import { fallback, section } from '../slack/blocks/block-builders.js';
import { escapeMrkdwn } from '../slack/escape-mrkdwn.js';
import { loadTimeline, type TimelineTarget } from '../timeline/load-timeline.js';
import { timelinePicture } from '../timeline/timeline-picture.js';
import type { CommandDeps } from './command-deps.js';
import type { Actor, Reply } from './reply.js';

/**
 * What `/mesure frise` draws without a target: the scope of the channel's first subscription.
 * None (or the console) → an invalid_input error saying what to type.
 */
export function defaultTimelineTarget(deps: CommandDeps, actor: Actor): TimelineTarget {
  const subscription = actor.console ? undefined : listSubscriptions(deps.db, { channel: actor.channelId })[0];
  if (!subscription) throw new JalonError('invalid_input', 'frise without a target', 'Précisez une portée ou une mesure : `/mesure frise chantier:3`, `/mesure frise MS-C3-P2`.');
  return { kind: 'scope', scope: checkScope(deps.db, parseScope(subscription.scope)) };
}

/**
 * `/mesure frise <portée|ID>`: the timeline picture of a scope or a measure as of now, as a reply
 * whose text is the picture's comment. Rendering takes a few hundred milliseconds.
 */
export async function timelineReply(deps: CommandDeps, target: TimelineTarget): Promise<Reply> {
  const timeline = loadTimeline(deps.db, target, { now: deps.now(), timeZone: deps.digest.timeZone, horizonDays: deps.digest.horizonDays });
  const picture = await timelinePicture(timeline, deps);
  const line = `🖼️ Frise — *${escapeMrkdwn(timeline.title)}* au ${formatDayShort(timeline.asOf)}`;
  return { text: fallback(picture.title), blocks: [section(line)], ephemeral: false, picture };
}
