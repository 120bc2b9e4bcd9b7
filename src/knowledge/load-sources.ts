import { z } from 'zod';
import { readYaml, type KnowledgeCache } from './read-yaml.js';

export const SourceSchema = z.object({
  id: z.string().min(1),
  file: z.string().regex(/\.(txt|md)$/),
  title: z.string().min(1),
  short: z.string().min(1),
  publisher: z.string().min(1),
  date: z.string().regex(/^\d{4}(-\d{2}){0,2}$/),
  kind: z.string().min(1),
  description: z.string().min(1),
  title_line: z.number().int().positive().optional(),
  /** A tracking document (tables of measures): `jalon measure coverage` reports which of its lines records cite. */
  tracking: z.boolean().optional(),
  /** Where staff open the original (citations link to it). */
  url: z.url({ protocol: /^https?$/ }).optional(),
});
export type Source = z.infer<typeof SourceSchema>;

/** knowledge/sources.yml: the catalogue of seed documents. */
export function loadSources(path: string, cache?: KnowledgeCache): Source[] {
  return readYaml(path, z.array(SourceSchema), cache);
}
