import { z } from 'zod';
import { readYaml, type KnowledgeCache } from './read-yaml.js';

export const GlossaryEntrySchema = z.object({
  acronym: z.string().min(1),
  expansion: z.string().min(1),
  variants: z.array(z.string().min(1)).default([]),
  source: z.string().min(1),
  line: z.number().int().positive(),
});
export type GlossaryEntry = z.infer<typeof GlossaryEntrySchema>;

/** knowledge/glossary.yml: acronyms of the corpus with their expansion and where they occur. */
export function loadGlossary(path: string, cache?: KnowledgeCache): GlossaryEntry[] {
  return readYaml(path, z.array(GlossaryEntrySchema), cache);
}
