import { z } from 'zod';

/** A 1-based inclusive line range in the programme's seed file. */
export const LinesSchema = z
  .tuple([z.number().int().positive(), z.number().int().positive()])
  .refine(([a, b]) => a <= b, { message: 'line range must be ascending' });

export const MilestoneKindSchema = z.enum(['past', 'planned', 'progress', 'calendar']);

export const MilestoneEntrySchema = z.strictObject({
  /** Verbatim date label as printed ("Septembre 2019", "fin du quinquennat"); absent when undated. */
  label: z.string().min(1).optional(),
  /** Verbatim text of the milestone (without its leading "label :"). */
  text: z.string().min(1),
  /** past = "Échéances passées"; planned = calendar column; progress = "Etat d'avancement"; calendar = "Calendrier indicatif" slide. */
  kind: MilestoneKindSchema,
  /** Reported as achieved as of the document's date. */
  done: z.boolean().default(false),
  /**
   * Achieving it achieves the whole measure: the document says so for the measure (texts
   * published, agreement signed, law adopted…). Only then is a measure done without a person
   * saying so; done milestones alone make it "in progress".
   */
  completes: z.boolean().default(false),
  lines: LinesSchema,
});

export const GroupEntrySchema = z.strictObject({
  id: z.string().regex(/^[A-Z]+-[A-Z0-9]+$/),
  kind: z.enum(['chantier', 'pilier', 'objective', 'theme']),
  number: z.number().int().positive(),
  title: z.string().min(1),
  pilots: z.array(z.string().min(1)).default([]),
  steering: z.string().min(1).optional(),
  lines: LinesSchema,
  /** Other places the document prints the group's name or pilots (a page's variant), verbatim. */
  printedAs: z.array(z.strictObject({ text: z.string().min(1), lines: LinesSchema })).default([]),
});

export const MeasureEntrySchema = z.strictObject({
  id: z.string().regex(/^[A-Z]+(-[A-Z0-9]+)+$/),
  group: z.string().optional(),
  kind: z.enum(['project', 'subproject', 'measure', 'accord', 'proposal']),
  parent: z.string().optional(),
  /** The document's own number for a Ségur/STSS measure or a CFE-CGC proposal. */
  number: z.number().int().positive().optional(),
  title: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  description: z.string().min(1).optional(),
  pilots: z.array(z.string().min(1)).default([]),
  /** The "Pilotes de projet" cell as printed, roles included ("Delphine Champetier, directrice de l'offre de soins (Cnam)"). */
  pilotsText: z.string().min(1).optional(),
  arrangements: z.string().min(1).optional(),
  start: z.string().min(1).optional(),
  end: z.string().min(1).optional(),
  deliverables: z.array(z.string().min(1)).default([]),
  legalVehicle: z.string().min(1).optional(),
  financialStakes: z.string().min(1).optional(),
  statusText: z.string().min(1).optional(),
  lines: LinesSchema,
  /**
   * Other places the document names this record, verbatim, with their lines: the title on a
   * pilier's list of measures, a calendar's wording. Lookup reads them as names.
   */
  printedAs: z.array(z.strictObject({ text: z.string().min(1), lines: LinesSchema })).default([]),
  milestones: z.array(MilestoneEntrySchema).default([]),
});

export const MeasureFileSchema = z.strictObject({
  programme: z.string().min(1),
  groups: z.array(GroupEntrySchema).default([]),
  measures: z.array(MeasureEntrySchema).default([]),
});

export const ProgrammeEntrySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  code: z.string().regex(/^[A-Z]+$/),
  title: z.string().min(1),
  source: z.string().min(1),
  /** The document's date: items it reports as achieved are done as of this day. */
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

export type MilestoneEntry = z.infer<typeof MilestoneEntrySchema>;
export type GroupEntry = z.infer<typeof GroupEntrySchema>;
export type MeasureEntry = z.infer<typeof MeasureEntrySchema>;
export type MeasureFile = z.infer<typeof MeasureFileSchema>;
export type ProgrammeEntry = z.infer<typeof ProgrammeEntrySchema>;
