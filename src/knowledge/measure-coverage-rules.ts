import { existsSync } from 'node:fs';
import { z } from 'zod';
import type { CoverageRules } from '../measures/measure-coverage.js';
import { LinesSchema } from './measure-schema.js';
import { readYaml } from './read-yaml.js';

const Pattern = z.string().refine(
  (p) => {
    try {
      new RegExp(p, 'u');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'invalid regular expression' },
);

export const CoverageRulesSchema = z.array(
  z.strictObject({
    file: z.string().min(1),
    /** Page furniture, by rule: a line (spaces collapsed) matching one of these is no content. */
    furniture: z.array(z.strictObject({ pattern: Pattern, reason: z.string().min(1) })).default([]),
    /** Lines left out on purpose, with the reason. */
    omitted: z.array(z.strictObject({ lines: LinesSchema, reason: z.string().min(1) })).default([]),
  }),
);

/** knowledge/coverage.yml: what coverage leaves out of each tracking document, and why (none when absent). */
export function loadCoverageRules(path: string): CoverageRules[] {
  return existsSync(path) ? readYaml(path, CoverageRulesSchema) : [];
}
