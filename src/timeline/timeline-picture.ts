import { formatDayShort } from '../digest/format-day-fr.js';
import type { Logger } from '../log.js';
import { timelineFileName, type Timeline } from './build-timeline.js';
import { renderTimelinePng } from './render-timeline-png.js';

/** A picture ready to be shared or saved: Slack uploads it, the console writes it to a file. */
export interface PictureFile {
  png: Buffer;
  filename: string;
  title: string;
  /** What the picture shows, in words (screen readers, notifications). */
  altText: string;
}

/** What a timeline shows, in words: the picture's alternative text. */
export function timelineAltText(t: Timeline): string {
  const { stats } = t;
  return `Frise de ${t.title} au ${formatDayShort(t.asOf)} : ${stats.milestones} jalons, ${stats.done} faits, ${stats.overdue} en retard, ${stats.upcoming} à échéance sous ${t.horizonDays} jours.`;
}

/** A timeline drawn as a picture file, named after its subject and day. */
export async function timelinePicture(timeline: Timeline, deps: { logger: Logger }): Promise<PictureFile> {
  const { png } = await renderTimelinePng(timeline, { logger: deps.logger });
  return { png, filename: timelineFileName(timeline), title: `Frise — ${timeline.title} — ${formatDayShort(timeline.asOf)}`, altText: timelineAltText(timeline) };
}
