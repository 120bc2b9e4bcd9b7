import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/db/open-database.js';
import type { GlossaryEntry } from '../../src/knowledge/load-glossary.js';
import { createMeasures, type Measures } from '../../src/measures/create-measures.js';
import { loadMeasures, type MeasureLoadReport } from '../../src/measures/load-measures.js';

/** A "today" after both fixture documents: past due dates read as late. */
export const NOW = new Date('2021-03-01T09:00:00Z');

export const PROGRAMMES_YML = `
- id: ma-sante-2022
  code: MS
  title: Ma santé 2022
  source: 003_ms.txt
  asOf: "2019-09-30"
- id: segur
  code: SEGUR
  title: Ségur de la santé
  source: 002_segur.txt
  asOf: "2020-12-15"
`;

export const MS_YML = `
programme: ma-sante-2022
groups:
  - id: MS-C1
    kind: chantier
    number: 1
    title: "STRUCTURATION TERRITORIALE"
    lines: [1, 50]
  - id: MS-C3
    kind: chantier
    number: 3
    title: "URGENCES ET SOINS NON-PROGRAMMÉS"
    lines: [51, 200]
measures:
  - id: MS-C1-P1
    group: MS-C1
    kind: project
    title: "Création et soutien financier aux assistants médicaux"
    aliases: ["assistants médicaux"]
    pilots: ["CNAM", "Delphine Champetier"]
    start: "Octobre 2018"
    end: "2022"
    lines: [10, 40]
    milestones:
      - kind: planned
        label: "fin du quinquennat"
        text: "Accompagnement du déploiement dans l'objectif de 4 000 recrutements à la fin du quinquennat."
        lines: [30, 31]
  - id: MS-C3-P1
    group: MS-C3
    kind: project
    title: "Pacte de refondation des urgences"
    aliases: ["pacte urgences"]
    pilots: ["DGOS", "Thierry Kurth"]
    start: "Septembre 2019"
    end: "Fin 2022"
    lines: [60, 90]
    milestones:
      - kind: past
        done: true
        label: "Septembre 2019"
        text: "Annonce du pacte"
        lines: [70, 70]
      - kind: planned
        label: "T1 2020"
        text: "Premières mesures du pacte"
        lines: [72, 72]
      - kind: planned
        label: "été"
        text: "Bilan d'étape"
        lines: [74, 74]
  - id: MS-C3-P1-S1
    kind: subproject
    parent: MS-C3-P1
    title: "Mettre en place une maison médicale de garde (MMG) à proximité de tous les services d'urgences"
    aliases: ["MMG"]
    pilots: ["DGOS", "Nathalie Duparc"]
    lines: [75, 80]
  - id: MS-C3-P4
    group: MS-C3
    kind: project
    title: "Service d'accès aux soins"
    aliases: ["SAS"]
    pilots: ["DGOS / CNAM"]
    start: "2020"
    end: "2022"
    lines: [100, 140]
    milestones:
      - kind: planned
        label: "2022"
        text: "Généralisation du SAS"
        lines: [120, 120]
`;

export const SEGUR_YML = `
programme: segur
groups:
  - id: SEGUR-P4
    kind: pilier
    number: 4
    title: "Fédérer les acteurs de la santé dans les territoires"
    lines: [1, 100]
measures:
  - id: SEGUR-M24
    kind: measure
    number: 24
    group: SEGUR-P4
    title: "Assurer le développement de la télésanté"
    aliases: ["télésanté", "télémédecine"]
    lines: [10, 20]
    milestones:
      - kind: progress
        label: "PLFSS 2021 et négociations conventionnelles"
        text: "Travail sur le financement de droit commun de la télésurveillance (PLFSS 2022)"
        lines: [15, 15]
  - id: SEGUR-M25
    kind: measure
    number: 25
    group: SEGUR-P4
    title: "Améliorer l’accès aux soins non programmés par le développement de l’exercice coordonné"
    aliases: ["CPTS", "soins non programmés"]
    lines: [21, 40]
    milestones:
      - kind: progress
        label: "Fin 2020"
        text: "578 projets de CPTS (73 en fonctionnement)"
        done: true
        lines: [25, 25]
      - kind: calendar
        label: "S1 2021"
        text: "Déploiement du SAS"
        lines: [30, 30]
`;

export const GLOSSARY: GlossaryEntry[] = [
  { acronym: 'SAMU', expansion: 'service d’aide médicale urgente', variants: [], source: '003_ms.txt', line: 1 },
  { acronym: 'MMG', expansion: 'maison médicale de garde', variants: [], source: '003_ms.txt', line: 1 },
  { acronym: 'ACS', expansion: 'accès aux soins', variants: [], source: '003_ms.txt', line: 1 },
];

/** knowledge/measures/ in a temp dir; each value is a file's YAML text (omit one to leave it out). */
export function writeKnowledge(files: Record<string, string> = { 'programmes.yml': PROGRAMMES_YML, 'ms.yml': MS_YML, 'segur.yml': SEGUR_YML }): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'jalon-measures-')), 'measures');
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

export interface MeasureFixture {
  dir: string;
  db: Db;
  report: MeasureLoadReport;
  measures: Measures;
}

/** The fixture knowledge loaded into a store (':memory:' unless a file path is given). */
export function loadFixture(options: { dbPath?: string; dir?: string; now?: Date } = {}): MeasureFixture {
  const dir = options.dir ?? writeKnowledge();
  const db = openDatabase(options.dbPath ?? ':memory:');
  const report = loadMeasures(db, dir, { glossary: GLOSSARY });
  const now = options.now ?? NOW;
  return { dir, db, report, measures: createMeasures(db, { now: () => now }) };
}

export const tempDbPath = () => join(mkdtempSync(join(tmpdir(), 'jalon-measures-db-')), 'jalon.db');
