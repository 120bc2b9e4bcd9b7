import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadMeasureFiles } from '../knowledge/load-measure-files.js';
import { loadSources } from '../knowledge/load-sources.js';
import { loadCoverageRules } from '../knowledge/measure-coverage-rules.js';
import { documentCoverage, type DocumentCoverage } from '../measures/measure-coverage.js';

export interface CoverageReport {
  documents: DocumentCoverage[];
  /** All tracking documents together: covered / content lines. */
  ratio: number;
}

/**
 * `jalon measure coverage`: for each tracking document of knowledge/sources.yml, its content lines
 * and which ones the measure database cites. Reads files only (no store).
 */
export function measureCoverage(dirs: { seedsDir: string; knowledgeDir: string }): CoverageReport {
  const knowledge = loadMeasureFiles(join(dirs.knowledgeDir, 'measures'));
  const rules = loadCoverageRules(join(dirs.knowledgeDir, 'coverage.yml'));
  const documents = loadSources(join(dirs.knowledgeDir, 'sources.yml'))
    .filter((s) => s.tracking)
    .map((s) => documentCoverage(s.file, readFileSync(join(dirs.seedsDir, s.file), 'utf8'), knowledge, rules.find((r) => r.file === s.file)));
  const content = documents.reduce((n, d) => n + d.content, 0);
  const covered = documents.reduce((n, d) => n + d.covered, 0);
  return { documents, ratio: content === 0 ? 1 : covered / content };
}

const pct = (x: number) => `${(100 * x).toFixed(1).replace('.', ',')} %`;

/** The report for a terminal, in French: one line per document, then the lines no record cites. */
export function renderCoverage(report: CoverageReport, options: { all?: boolean } = {}): string {
  const out: string[] = [];
  for (const d of report.documents) {
    out.push(
      `${d.file} : ${pct(d.ratio)} (${d.covered}/${d.content} lignes de contenu citées ; ${d.furniture} de mise en page, ${d.omitted} écartées exprès)`,
    );
  }
  out.push(`Ensemble : ${pct(report.ratio)}`);
  for (const d of report.documents) {
    const shown = options.all ? d.uncovered : d.uncovered.slice(0, 20);
    if (shown.length === 0) continue;
    out.push('', `Non citées dans ${d.file} :`);
    for (const u of shown) out.push(`  ${u.line} (${Math.round(100 * u.share)} %) ${u.text.length > 110 ? `${u.text.slice(0, 110)}…` : u.text}`);
    if (shown.length < d.uncovered.length) out.push(`  … et ${d.uncovered.length - shown.length} autres (--all)`);
  }
  return out.join('\n');
}
