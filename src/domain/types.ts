/** Shared domain types: plain data, no I/O. JSON shapes here are contracts of the CLI. */

export const STATUSES = ['planned', 'in_progress', 'late', 'blocked', 'done', 'cancelled'] as const;
export type Status = (typeof STATUSES)[number];

/** How each status reads in French, for every surface users see. */
export const STATUS_FR: Record<Status, string> = {
  planned: 'prévu',
  in_progress: 'en cours',
  late: 'en retard',
  blocked: 'bloqué',
  done: 'fait',
  cancelled: 'abandonné',
};

export interface SourceRef {
  file: string;
  lines: [number, number];
}

/** A date label as printed, with the range it stands for (null when it could not be read). */
export interface DateLabel {
  label: string;
  from: string | null;
  to: string | null;
}

export interface Milestone {
  id: string;
  label: string | null;
  /**
   * ISO date by which it is due (end of the label's range); null if undated or if the label only
   * says when it starts ("À compter de…", "Dès…"): such a milestone is never overdue.
   */
  due: string | null;
  from: string | null;
  to: string | null;
  text: string;
  status: Status;
  kind: 'past' | 'planned' | 'progress' | 'calendar';
  source: SourceRef;
  /** Who set the shown status, when a person did. */
  statusSetBy?: string | null;
  /** Who set the shown deadline (a spreadsheet import), when a person did; else it is the document's. */
  dueSetBy?: string | null;
}

/** `jalon measure show --json` and `find --json` items. */
export interface Measure {
  id: string;
  programme: string;
  kind: 'project' | 'subproject' | 'measure' | 'accord' | 'proposal';
  group: string | null;
  groupTitle: string | null;
  chantier: number | null;
  pilier: number | null;
  mesure: number | null;
  title: string;
  description: string | null;
  aliases: string[];
  pilots: string[];
  start: DateLabel | null;
  end: DateLabel | null;
  status: Status;
  /** Who set the shown status, when a person did; null when derived from milestones. */
  statusSetBy: string | null;
  milestones: Milestone[];
  deliverables: string[];
  source: SourceRef;
  /** When a person set the shown status (ISO), null when derived. */
  statusSetAt?: string | null;
  /** A sub-project's project. */
  parent?: string | null;
  /** The document's own progress note ("Etat d'avancement"), verbatim. */
  statusText?: string | null;
  arrangements?: string | null;
  /** The pilots' cell as printed, roles included. */
  pilotsText?: string | null;
  legalVehicle?: string | null;
  financialStakes?: string | null;
  /** `find` results only: the lookup score, comparable between the results of one query (see Measures.searchNames). */
  score?: number;
}

/** Scope of a list, digest or subscription: a chantier, a pilier, or a whole programme. */
export type Scope =
  | { kind: 'chantier'; number: number }
  | { kind: 'pilier'; number: number }
  | { kind: 'programme'; id: string };

export interface StatusChange {
  id: number;
  targetId: string;
  targetKind: 'measure' | 'milestone';
  measureId: string;
  oldStatus: Status | null;
  newStatus: Status;
  who: string;
  at: string;
  comment: string | null;
  origin: 'seed' | 'slack' | 'cli' | 'import';
}

export interface Citation {
  /** Indexed file name: a seed's, or an added document's ("rapport.pdf"). */
  source: string;
  lines: [number, number];
  /** Document title. */
  title: string;
  section: string;
  /** Verbatim text from the cited lines (checked before output). */
  quote: string;
  /** The lines of the quote itself, when `lines` is the whole passage around it. */
  focus?: [number, number];
  /**
   * True for a passage the answer quotes (numbered in its text); false for a related passage the
   * search ranked high, listed after them so the reader can check the neighbourhood.
   */
  quoted: boolean;
  /** Page of the first cited line where the source has pages (PDF, PPTX), else null. */
  page?: number | null;
  /** The document's date ("2020-12", "2019"), null when unknown. */
  date?: string | null;
  /** Where to open the source: its URL, at the page for a PDF (`…#page=12`); null without URL. */
  link?: string | null;
}

/**
 * answer: a confident answer; closest: no sure answer, the closest passages are shown; declined:
 * nothing relevant; tracking: answered from the measure database (late, due, changed…).
 */
export type AnswerKind = 'answer' | 'closest' | 'declined' | 'tracking';

/** An answer is data: renderers (Slack mrkdwn, terminal) decide how it looks. */
export interface Answer {
  answered: boolean;
  /** Answer text with [1], [2]… markers referring to `citations` in order. */
  text: string;
  citations: Citation[];
  /** Closest sources when declining. */
  suggestions: Citation[];
  /** How the answer was produced. */
  mode: 'extractive' | 'llm';
  kind: AnswerKind;
  /** How sure the answer is (0–1), calibrated on question sets by cross-validation. */
  confidence: number;
}
