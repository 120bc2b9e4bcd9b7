import { z } from 'zod';
import { readYaml, type KnowledgeCache } from './read-yaml.js';

const LexiconSchema = z.object({ terms: z.record(z.string(), z.array(z.string())) });
const SynonymsSchema = z.object({ groups: z.array(z.array(z.string().min(1)).min(2)) });

/** knowledge/lexicon-en.yml: English word or phrase → French words of the corpus. */
export function loadLexicon(path: string, cache?: KnowledgeCache): Map<string, string[]> {
  return new Map(Object.entries(readYaml(path, LexiconSchema, cache).terms));
}

/** knowledge/synonyms.yml: groups of French words used interchangeably in questions and documents. */
export function loadSynonyms(path: string, cache?: KnowledgeCache): string[][] {
  return readYaml(path, SynonymsSchema, cache).groups;
}
