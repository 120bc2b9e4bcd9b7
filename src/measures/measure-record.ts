import type { DateLabel, Status } from '../domain/types.js';

/**
 * The measure database as stored: curated fields (rewritten by each load of knowledge/) and what
 * a person set (kept across loads). Shown statuses are not stored: they depend on "today" and
 * are derived when a Measure is built (see build-measure).
 */

export interface ProgrammeRecord {
  id: string;
  code: string;
  title: string;
  /** Seed file of the programme's document. */
  source: string;
  /** The document's date: what it reports as achieved is done as of this day. */
  asOf: string;
  position: number;
}

export interface GroupRecord {
  id: string;
  programmeId: string;
  kind: 'chantier' | 'pilier' | 'objective' | 'theme';
  number: number;
  title: string;
  steering: string | null;
  pilots: string[];
  lines: [number, number];
  position: number;
}

/** A deadline a person set (a spreadsheet import): it wins over the one the documents give. */
export interface PersonDue {
  due: string;
  by: string;
  at: string;
}

/** A status a person set: it wins over what the documents and the calendar say. */
export interface PersonStatus {
  status: Status;
  by: string;
  at: string;
}

export interface MilestoneRecord {
  id: string;
  measureId: string;
  position: number;
  kind: 'past' | 'planned' | 'progress' | 'calendar';
  label: string | null;
  from: string | null;
  to: string | null;
  /** The deadline: null when undated or when the label only says when it starts ("À compter de…"). */
  due: string | null;
  text: string;
  /** Reported as achieved by the document, as of the programme's asOf. */
  seedDone: boolean;
  /**
   * For a seed-done milestone, the day from which it is done: the achievement date the document
   * prints ("Textes publiés le 22/09"), else the document's date. Null when not seed-done.
   */
  doneOn: string | null;
  /** Achieving it achieves the whole measure (the document says so). */
  completes: boolean;
  lines: [number, number];
}

export interface MeasureRecord {
  id: string;
  programmeId: string;
  groupId: string | null;
  chantier: number | null;
  pilier: number | null;
  parentId: string | null;
  kind: 'project' | 'subproject' | 'measure' | 'accord' | 'proposal';
  number: number | null;
  title: string;
  description: string | null;
  /** The pilots' cell as printed, roles included. */
  pilotsText: string | null;
  arrangements: string | null;
  legalVehicle: string | null;
  financialStakes: string | null;
  statusText: string | null;
  start: DateLabel | null;
  end: DateLabel | null;
  deliverables: string[];
  lines: [number, number];
  position: number;
  pilots: string[];
  aliases: { alias: string; kind: 'alias' | 'acronym' }[];
  milestones: MilestoneRecord[];
}

/** Everything one load of knowledge/measures/ writes. */
export interface MeasureKnowledgeState {
  programmes: ProgrammeRecord[];
  groups: GroupRecord[];
  measures: MeasureRecord[];
}

export interface StoredMilestone extends MilestoneRecord {
  set: PersonStatus | null;
  dueSet: PersonDue | null;
}

/** A measure read back from the store, with its programme and group and any person-set status. */
export interface StoredMeasure extends Omit<MeasureRecord, 'milestones'> {
  programme: ProgrammeRecord;
  groupTitle: string | null;
  retired: boolean;
  set: PersonStatus | null;
  milestones: StoredMilestone[];
}
