import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../src/db/open-database.js';
import type { DigestSettings } from '../../../src/digest/post-digests.js';
import { silentLogger, type Logger } from '../../../src/log.js';
import { syncMeasures } from '../../../src/measures/load-measures.js';
import { createSlackClient, type SlackClient } from '../../../src/slack/create-slack-client.js';
import type { MeasureKnowledgeState, MeasureRecord, MilestoneRecord } from '../../../src/measures/measure-record.js';

type MilestoneSpec = { label: string; to: string | null; text: string; done?: boolean };

export function measure(
  id: string,
  place: { programmeId: string; groupId: string; chantier?: number; pilier?: number },
  title: string,
  pilots: string[],
  milestones: MilestoneSpec[],
  position = 0,
): MeasureRecord {
  return {
    id,
    programmeId: place.programmeId,
    groupId: place.groupId,
    chantier: place.chantier ?? null,
    pilier: place.pilier ?? null,
    parentId: null,
    kind: place.chantier ? 'project' : 'measure',
    number: null,
    title,
    description: null,
    pilotsText: null,
    arrangements: null,
    legalVehicle: null,
    financialStakes: null,
    statusText: null,
    start: null,
    end: null,
    deliverables: [],
    lines: [1, 2],
    position,
    pilots,
    aliases: [],
    milestones: milestones.map(
      (m, i): MilestoneRecord => ({
        id: `${id}-J${i + 1}`,
        measureId: id,
        position: i,
        kind: m.done ? 'past' : 'planned',
        label: m.label,
        from: m.to,
        to: m.to,
        due: m.to,
        text: m.text,
        seedDone: m.done ?? false,
        // Reported done as of the programme's document date (both fixture programmes).
        doneOn: m.done ? (place.programmeId === 'segur' ? '2020-12-15' : '2019-09-30') : null,
        completes: false,
        lines: [1, 1],
      }),
    ),
  };
}

const MS = { programmeId: 'ma-sante-2022', groupId: 'MS-C3', chantier: 3 };

/** A small catalogue: chantier 3 (two projects), chantier 1, Ségur pilier 1, and an empty chantier 5. */
export function fixtureState(): MeasureKnowledgeState {
  return {
    programmes: [
      { id: 'ma-sante-2022', code: 'MS', title: 'Ma santé 2022', source: '003.txt', asOf: '2019-09-30', position: 0 },
      { id: 'segur', code: 'SEGUR', title: 'Ségur de la santé', source: '002.txt', asOf: '2020-12-15', position: 1 },
    ],
    groups: [
      { id: 'MS-C1', programmeId: 'ma-sante-2022', kind: 'chantier', number: 1, title: 'STRUCTURATION TERRITORIALE', steering: null, pilots: [], lines: [1, 2], position: 0 },
      { id: 'MS-C3', programmeId: 'ma-sante-2022', kind: 'chantier', number: 3, title: 'URGENCES ET SOINS NON-PROGRAMMÉS', steering: null, pilots: [], lines: [1, 2], position: 1 },
      { id: 'MS-C5', programmeId: 'ma-sante-2022', kind: 'chantier', number: 5, title: 'NUMÉRIQUE', steering: null, pilots: [], lines: [1, 2], position: 2 },
      { id: 'SEGUR-P1', programmeId: 'segur', kind: 'pilier', number: 1, title: 'TRANSFORMER LES MÉTIERS', steering: null, pilots: [], lines: [1, 2], position: 3 },
    ],
    measures: [
      measure('MS-C1-P1', { programmeId: 'ma-sante-2022', groupId: 'MS-C1', chantier: 1 }, '1 000 CPTS', ['DGOS'], [{ label: '10 octobre 2019', to: '2019-10-10', text: 'Instruction CPTS' }], 0),
      measure('MS-C3-P1', MS, "Service d'accès aux soins (SAS)", ['DGOS', 'CNAM'], [
        { label: 'juin 2019', to: '2019-06-30', text: 'Lancement de la concertation SAS', done: true },
        { label: 'fin septembre 2019', to: '2019-09-30', text: 'Rapport de la mission SAS' },
        { label: 'mi-octobre 2019', to: '2019-10-20', text: 'Sélection des sites pilotes' },
        { label: '2020', to: '2020-12-31', text: 'Généralisation du SAS' },
      ], 1),
      measure('MS-C3-P2', MS, 'Pacte de refondation des urgences <R&D>', ['DGOS', 'Thomas Mesnier'], [
        { label: 'T3 2019', to: '2019-09-30', text: 'Publication du décret <urgent> & co' },
        { label: '15 octobre 2019', to: '2019-10-15', text: 'Installation du comité de suivi' },
      ], 2),
      measure('MS-C5-P1', { programmeId: 'ma-sante-2022', groupId: 'MS-C5', chantier: 5 }, 'Espace numérique', ['DNS'], [
        { label: '2022', to: '2022-12-31', text: 'Ouverture' },
      ], 3),
      measure('SEGUR-M1', { programmeId: 'segur', groupId: 'SEGUR-P1', pilier: 1 }, 'Revaloriser les métiers', ['DGOS'], [
        { label: 'décembre 2020', to: '2020-12-31', text: 'Revalorisation', done: true },
      ], 0),
    ],
  };
}

/** A real SQLite file in a temp dir, migrated and loaded with the fixture catalogue. */
export function openFixtureDb(state: MeasureKnowledgeState = fixtureState()): { db: Db; path: string } {
  const path = join(mkdtempSync(join(tmpdir(), 'jalon-digest-')), 'jalon.db');
  const db = openDatabase(path);
  syncMeasures(db, state);
  return { db, path };
}

/** A clock that only moves when told to; `sleep` moves it (and records how long was asked). */
export function fakeClock(start: string) {
  let t = new Date(start).getTime();
  const sleeps: number[] = [];
  return {
    now: () => new Date(t),
    set: (iso: string) => {
      t = new Date(iso).getTime();
    },
    advance: (ms: number) => {
      t += ms;
    },
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    sleeps,
  };
}

export interface LogLine {
  level: string;
  msg: string;
  fields?: Record<string, unknown>;
}

/** A logger that keeps what it is told, for assertions. */
export function recordingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => {
    lines.push(fields ? { level, msg, fields } : { level, msg });
  };
  return { logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, lines };
}

/**
 * The client digests post with in production (createSlackClient, `retries: 'none'`) on the fake:
 * 429s and errors come back to the digest poster, no client retries.
 */
export function digestWebClient(apiUrl: string): SlackClient {
  return createSlackClient('xoxb-test', { apiUrl, logger: silentLogger, retries: 'none' });
}

export const SETTINGS: DigestSettings = {
  timezone: 'Europe/Paris',
  cron: '0 9 * * 1',
  horizonDays: 14,
  graceHours: 10,
  skipEmpty: false,
  admins: ['UADMIN1'],
};
