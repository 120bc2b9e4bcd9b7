import type { Measure, Milestone } from '../domain/types.js';
import { measureStatus, milestoneStatus } from './derive-status.js';
import type { StoredMeasure } from './measure-record.js';

/**
 * A stored measure as the CLI's JSON contract and every renderer see it, with shown statuses
 * derived for `today` (ISO day). Key order follows the documented contract.
 */
export function toMeasure(stored: StoredMeasure, today: string): Measure {
  const file = stored.programme.source;
  const milestones: Milestone[] = stored.milestones.map((m) => {
    const due = m.dueSet?.due ?? m.due;
    return {
      id: m.id,
      label: m.label,
      due,
      from: m.from,
      to: m.to,
      text: m.text,
      status: milestoneStatus({ set: m.set?.status ?? null, seedDone: m.seedDone, doneOn: m.doneOn, due }, today),
      kind: m.kind,
      source: { file, lines: m.lines },
      statusSetBy: m.set?.by ?? null,
      dueSetBy: m.dueSet?.by ?? null,
    };
  });
  return {
    id: stored.id,
    programme: stored.programmeId,
    kind: stored.kind,
    group: stored.groupId,
    groupTitle: stored.groupTitle,
    chantier: stored.chantier,
    pilier: stored.pilier,
    mesure: stored.number,
    title: stored.title,
    description: stored.description,
    aliases: stored.aliases.map((a) => a.alias),
    pilots: stored.pilots,
    start: stored.start,
    end: stored.end,
    status: measureStatus(
      stored.set?.status ?? null,
      milestones.map((m) => m.status),
      stored.milestones.some((m, i) => m.completes && milestones[i]!.status === 'done'),
    ),
    statusSetBy: stored.set?.by ?? null,
    milestones,
    deliverables: stored.deliverables,
    source: { file, lines: stored.lines },
    statusSetAt: stored.set?.at ?? null,
    parent: stored.parentId,
    statusText: stored.statusText,
    arrangements: stored.arrangements,
    pilotsText: stored.pilotsText,
    legalVehicle: stored.legalVehicle,
    financialStakes: stored.financialStakes,
  };
}
