import { buildDigest, type DigestMeasure } from '../../src/digest/build-digest.js';
import type { Milestone, Status } from '../../src/domain/types.js';
import { buildTimeline, type Timeline, type TimelineOptions } from '../../src/timeline/build-timeline.js';

/** Monday 7 October 2019, 09:00 in Paris. */
export const MONDAY = new Date('2019-10-07T07:00:00Z');

/** A milestone as a digest reads it: `due` null for an undated one. */
export function milestone(id: string, due: string | null, status: Status = 'planned', text = `Jalon ${id}`): Milestone {
  return { id, label: due, due, from: due, to: due, text, status, kind: 'planned', source: { file: 'x.txt', lines: [1, 1] } };
}

export function measure(id: string, title: string, milestones: Milestone[], chantier = 7): DigestMeasure {
  return { id, programme: 'ma-sante-2022', chantier, pilier: null, title, groupTitle: 'ESSAIS CLINIQUES', pilots: ['DGOS'], milestones };
}

/** A small chantier 7 as of MONDAY: an overdue row, an upcoming row, a finished row, a later row. */
export function sampleMeasures(): DigestMeasure[] {
  return [
    measure('MS-C7-P1', 'Plateformes régionales & <essais>', [
      milestone('MS-C7-P1-J1', '2019-03-31', 'done'),
      milestone('MS-C7-P1-J2', '2019-08-31'), // 37 days late
      milestone('MS-C7-P1-J3', '2020-06-30'),
    ]),
    measure('MS-C7-P2', 'Guichet unique des promoteurs', [milestone('MS-C7-P2-J1', '2019-10-15', 'in_progress'), milestone('MS-C7-P2-J2', null)]),
    measure('MS-C7-P3', 'Registre des études', [milestone('MS-C7-P3-J1', '2019-05-31', 'done'), milestone('MS-C7-P3-J2', '2019-09-15', 'cancelled')]),
    measure('MS-C7-P4', 'Formation des investigateurs', []),
    measure('MS-C7-P5', 'Évaluation nationale', [milestone('MS-C7-P5-J1', '2021-12-31')]),
  ];
}

/** The timeline of `measures` (chantier 7) as of `now`, through the digest's rules. */
export function timelineOf(measures: DigestMeasure[] = sampleMeasures(), options: TimelineOptions = {}, now = MONDAY): Timeline {
  const digest = buildDigest({
    scope: { kind: 'chantier', number: 7 },
    scopeKey: 'chantier:7',
    measures,
    history: [],
    now,
    since: now,
    timeZone: 'Europe/Paris',
    horizonDays: 14,
  });
  return buildTimeline(digest, measures, options);
}
