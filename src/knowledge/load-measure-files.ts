import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { JalonError } from '../domain/errors.js';
import { MeasureFileSchema, ProgrammeEntrySchema, type MeasureFile, type ProgrammeEntry } from './measure-schema.js';
import { readYaml } from './read-yaml.js';

export interface MeasureKnowledge {
  programmes: ProgrammeEntry[];
  files: { path: string; data: MeasureFile }[];
}

/** Loads knowledge/measures/: programmes.yml plus every other *.yml, validated, in name order. */
export function loadMeasureFiles(dir: string): MeasureKnowledge {
  const programmes = readYaml(join(dir, 'programmes.yml'), z.array(ProgrammeEntrySchema));
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.yml') && name !== 'programmes.yml')
    .sort();
  const files = names.map((name) => {
    const path = join(dir, name);
    const data = readYaml(path, MeasureFileSchema);
    if (!programmes.some((p) => p.id === data.programme)) {
      throw new JalonError('knowledge', `${path}:1: unknown programme ${data.programme}`, `Programme inconnu dans ${name}`);
    }
    return { path, data };
  });
  return { programmes, files };
}
