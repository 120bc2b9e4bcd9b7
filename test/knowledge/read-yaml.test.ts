import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readYaml } from '../../src/knowledge/read-yaml.js';

const write = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'jalon-yaml-')), 'data.yml');
  writeFileSync(path, text);
  return path;
};
const Schema = z.array(z.object({ id: z.string(), line: z.number() }));

describe('readYaml', () => {
  it('reads and validates a file', () => {
    expect(readYaml(write('- id: a\n  line: 3\n'), Schema)).toEqual([{ id: 'a', line: 3 }]);
  });

  it('names the file and line of a YAML syntax error', () => {
    const path = write('- id: a\n  line: 3\n- id: [unclosed\n');
    // The parser reports where it gave up: the unclosed bracket's line or the end of the file.
    expect(() => readYaml(path, Schema)).toThrow(/data\.yml:[34]: /);
  });

  it('names the file and line of a schema violation', () => {
    const path = write('- id: a\n  line: 3\n- id: b\n  line: trois\n');
    expect(() => readYaml(path, Schema)).toThrow(/data\.yml:4: 1\.line/);
  });

  it('says which file is missing', () => {
    expect(() => readYaml('/nonexistent/jalon.yml', Schema)).toThrow(/cannot read \/nonexistent\/jalon\.yml/);
  });
});
