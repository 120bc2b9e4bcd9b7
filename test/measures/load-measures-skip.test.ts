import { statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadMeasures } from '../../src/measures/load-measures.js';
import { GLOSSARY, loadFixture, MS_YML } from './measure-fixture.js';

// Count YAML loads: an unchanged knowledge/ must not be parsed again.
const parsed = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/knowledge/load-measure-files.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/knowledge/load-measure-files.js')>();
  return {
    ...real,
    loadMeasureFiles: (dir: string) => {
      parsed.count++;
      return real.loadMeasureFiles(dir);
    },
  };
});

describe('loadMeasures when nothing changed', () => {
  it('does not parse the files again, and reports what the store holds', () => {
    const { db, dir } = loadFixture();
    const before = parsed.count;
    const report = loadMeasures(db, dir, { glossary: GLOSSARY });
    expect(parsed.count).toBe(before);
    expect(report).toMatchObject({ changed: false, programmes: 2, measures: 6, milestones: 8 });
  });

  it('parses again when a file, or the glossary, changes', () => {
    const { db, dir } = loadFixture();
    const before = parsed.count;
    writeFileSync(join(dir, 'ms.yml'), `# a curator's comment\n${MS_YML}`);
    expect(loadMeasures(db, dir, { glossary: GLOSSARY }).changed).toBe(false);
    loadMeasures(db, dir, { glossary: GLOSSARY.slice(1) });
    expect(parsed.count).toBe(before + 2);
  });

  it('parses again when the period parser’s rules change, and only then re-reads stored dates', () => {
    const { db, dir } = loadFixture();
    db.prepare("UPDATE milestones SET date_to = '1999-12-31' WHERE id = 'MS-C3-P1-J2'").run();
    const before = parsed.count;
    loadMeasures(db, dir, { glossary: GLOSSARY });
    expect(parsed.count).toBe(before); // dates are stored, not read again at each open
    loadMeasures(db, dir, { glossary: GLOSSARY, periodRules: 'rules-v2' });
    expect(parsed.count).toBe(before + 1);
  });

  it('does not even read a file whose size and modification time are unchanged', () => {
    const { db, dir } = loadFixture();
    const path = join(dir, 'ms.yml');
    // A whole second: file systems store times in units a Date may not round-trip to.
    const mtime = new Date(Math.floor(statSync(path).mtimeMs / 1000) * 1000 - 60_000);
    utimesSync(path, mtime, mtime);
    loadMeasures(db, dir, { glossary: GLOSSARY });
    writeFileSync(path, 'x'.repeat(statSync(path).size)); // not YAML: reading it would fail the load
    utimesSync(path, mtime, mtime);
    expect(loadMeasures(db, dir, { glossary: GLOSSARY }).changed).toBe(false);
    utimesSync(path, new Date(mtime.getTime() + 5000), new Date(mtime.getTime() + 5000));
    expect(() => loadMeasures(db, dir, { glossary: GLOSSARY })).toThrow();
  });
});
