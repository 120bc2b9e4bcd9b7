import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');
export const SEEDS_DIR = join(ROOT, 'seeds');
export const KNOWLEDGE_DIR = join(ROOT, 'knowledge');

export function readSeed(file: string): string {
  return readFileSync(join(SEEDS_DIR, file), 'utf8');
}

export const seedFiles = () => readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort();
