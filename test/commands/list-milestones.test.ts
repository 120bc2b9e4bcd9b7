import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandDeps } from '../../src/commands/command-deps.js';
import { handleMesureCommand } from '../../src/commands/handle-mesure-command.js';
import type { Db } from '../../src/db/open-database.js';
import { silentLogger } from '../../src/log.js';
import { createMeasures } from '../../src/measures/create-measures.js';
import type { MeasureKnowledgeState } from '../../src/measures/measure-record.js';
import { setStatus } from '../../src/measures/set-status.js';
import type { Block } from '../../src/slack/blocks/block-kit.js';
import { fixtureState, measure, openFixtureDb } from '../digest/helpers/digest-fixture.js';

const NOW = new Date('2019-10-07T07:00:00Z');
const PROJECTS = 50;

/** Chantier 3 grown by 50 projects × 11 milestones past due, plus one due soon each. */
function bigChantier(): MeasureKnowledgeState {
  const base = fixtureState();
  const place = { programmeId: 'ma-sante-2022', groupId: 'MS-C3', chantier: 3 };
  const projects = Array.from({ length: PROJECTS }, (_, p) =>
    measure(`MS-C3-X${p + 1}`, place, `Projet ${p + 1}`, ['DGOS'], [
      ...Array.from({ length: 11 }, (_, j) => ({ label: 'mars 2019', to: `2019-03-${String(j + 10)}`, text: `Jalon ${j + 1} du projet ${p + 1}` })),
      { label: '12 octobre 2019', to: '2019-10-12', text: 'Comité' },
    ], 10 + p),
  );
  return { ...base, measures: [...base.measures, ...projects] };
}

let db: Db;
let deps: CommandDeps;

beforeAll(() => {
  db = openFixtureDb(bigChantier()).db;
  // Changes since the previous digest (one done, one started per project): every section of the
  // digest has more than it shows, 500 overdue among them.
  for (let p = 1; p <= PROJECTS; p++) {
    setStatus(db, { kind: 'milestone', id: `MS-C3-X${p}-J1` }, { status: 'fait', who: 'Anne', comment: null, origin: 'slack' }, new Date('2019-10-02T08:00:00Z'));
    setStatus(db, { kind: 'milestone', id: `MS-C3-X${p}-J12` }, { status: 'en cours', who: 'Paul', comment: 'lancé', origin: 'slack' }, new Date('2019-10-03T08:00:00Z'));
  }
  deps = {
    db,
    measures: createMeasures(db, { now: () => NOW }),
    now: () => NOW,
    admins: [],
    logger: silentLogger,
    sourceTitle: (file) => file,
    isMember: async () => false,
    digest: { timeZone: 'Europe/Paris', horizonDays: 14, cron: '0 9 * * 1' },
  };
});
afterAll(() => db.close());

const texts = (blocks: Block[]) =>
  blocks.map((b) => (b.type === 'section' ? (b.text?.text ?? '') : b.type === 'context' ? b.elements.map((e) => e.text).join(' ') : b.type === 'header' ? b.text.text : ''));

describe('/mesure digest [portée] — the preview', () => {
  it('keeps a 500-item scope within 50 blocks without cutting off the digest’s last "+N autres" line', async () => {
    const reply = await handleMesureCommand(deps, { userId: 'UX', channelId: 'CBIG0001' }, 'digest chantier:3');
    expect(reply.ephemeral).toBe(true);
    expect(reply.blocks.length).toBeLessThanOrEqual(50);
    const all = texts(reply.blocks);
    expect(all[0]).toContain('Aperçu, visible de vous seul');
    expect(all.join('\n')).toMatch(/En retard \(5\d\d\)/);
    expect(all.join('\n')).toMatch(/\+\d+ autres — \/mesure retards chantier:3/);
    // The digest ends with its last section's "+N autres" line, and the preview still does.
    expect(reply.blocks.at(-1)?.type).toBe('context');
    expect(all.at(-1)).toMatch(/^\+\d+ autres/);
    expect(all.join('\n')).toContain('Changements de statut (50)');
    expect(all.join('\n')).toContain('Faits depuis le dernier point (50)');
  });
});
