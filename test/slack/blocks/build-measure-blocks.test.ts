import { describe, expect, it } from 'vitest';
import { DIGEST_ACTIONS } from '../../../src/digest/render-digest-blocks.js';
import type { Measure, Milestone } from '../../../src/domain/types.js';
import type { Block } from '../../../src/slack/blocks/block-kit.js';
import { buildChangeNotice } from '../../../src/slack/blocks/build-change-notice.js';
import { buildMeasureCard, MEASURE_ACTIONS, milestoneLine } from '../../../src/slack/blocks/build-measure-card.js';
import { buildMeasureChoices } from '../../../src/slack/blocks/build-measure-choices.js';
import { buildLateList } from '../../../src/slack/blocks/build-milestone-list.js';
import { buildCompleteModal, buildFeedbackModal, buildStatusModal } from '../../../src/slack/blocks/build-modals.js';

const milestone = (i: number, over: Partial<Milestone> = {}): Milestone => ({
  id: `MS-C3-P4-J${i}`,
  label: `fin ${2019 + (i % 3)}`,
  due: `${2019 + (i % 3)}-12-31`,
  from: null,
  to: null,
  text: `Jalon ${i} <!channel>`,
  status: i % 2 ? 'planned' : 'late',
  kind: 'planned',
  source: { file: 'doc.txt', lines: [i, i] },
  ...over,
});

const measure = (over: Partial<Measure> = {}): Measure => ({
  id: 'MS-C3-P4',
  programme: 'ma-sante-2022',
  kind: 'project',
  group: 'MS-C3',
  groupTitle: 'Urgences & soins',
  chantier: 3,
  pilier: null,
  mesure: null,
  title: 'Pacte <!channel> & urgences',
  description: 'Une description <@U999>.',
  aliases: ['SAS'],
  pilots: ['DGOS', 'Anne <b>'],
  start: { label: 'Juillet 2019', from: '2019-07-01', to: '2019-07-31' },
  end: { label: '2022', from: '2022-01-01', to: '2022-12-31' },
  status: 'late',
  statusSetBy: 'U0ADMIN1',
  milestones: [1, 2, 3, 4, 5, 6, 7].map((i) => milestone(i)),
  deliverables: [],
  source: { file: 'doc.txt', lines: [10, 40] },
  statusSetAt: '2021-02-01T10:00:00Z',
  ...over,
});

const json = (blocks: readonly Block[]) => JSON.stringify(blocks);

describe('buildMeasureCard', () => {
  const card = buildMeasureCard(measure(), { sourceTitle: 'Ma santé 2022 — suivi' });
  it('title, ID, chantier, pilots, dates, status with who set it, next milestones, sources', () => {
    const out = json(card.blocks);
    expect(card.blocks[0]).toMatchObject({ type: 'header' });
    for (const part of ['*MS-C3-P4*', 'Chantier 3', '*Pilotes*', 'Juillet 2019', '*Fin*', 'en retard', '<@U0ADMIN1>', 'Prochains jalons', 'MS-C3-P4-J1', 'Source : _Ma santé 2022 — suivi_ · lignes 10–40']) {
      expect(out).toContain(part);
    }
    expect(out).toContain('… et 2 autre(s) jalon(s)');
  });
  it('escapes every document text (mrkdwn parts)', () => {
    const mrkdwn = json(card.blocks.filter((b) => b.type !== 'header'));
    expect(mrkdwn).not.toMatch(/<!channel>|<@U999>|<b>/);
  });
  it('has the update and history buttons', () => {
    const actions = card.blocks.at(-1)!;
    expect(actions.type).toBe('actions');
    if (actions.type === 'actions') {
      expect(actions.elements.map((e) => [e.action_id, e.value])).toEqual([
        ['measure_update', 'MS-C3-P4'],
        ['mesure_run', 'historique MS-C3-P4'],
      ]);
    }
  });
  it('keeps limits with absurdly long fields', () => {
    const long = buildMeasureCard(measure({ title: 'T'.repeat(500), description: 'd'.repeat(10_000), pilots: Array(500).fill('Pilote') }), { sourceTitle: 'x' });
    expect(long.blocks.length).toBeLessThanOrEqual(50);
    const header = long.blocks[0]!;
    if (header.type === 'header') expect(header.text.text.length).toBeLessThanOrEqual(150);
    for (const b of long.blocks) {
      if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
      if (b.type === 'section' && b.fields) for (const f of b.fields) expect(f.text.length).toBeLessThanOrEqual(2000);
    }
  });
  it('digest buttons use the same action ids the app listens to', () => {
    expect(DIGEST_ACTIONS.view).toBe(MEASURE_ACTIONS.view);
    expect(DIGEST_ACTIONS.update).toBe(MEASURE_ACTIONS.update);
  });
});

describe('choices, lists, notices', () => {
  it('choices: at most 10, each re-running the command with its ID', () => {
    const many = Array.from({ length: 25 }, (_, i) => measure({ id: `MS-C1-P${i}` }));
    const out = buildMeasureChoices('Laquelle ?', many, (id) => `statut ${id} fait`);
    const buttons = out.blocks.flatMap((b) => (b.type === 'section' && b.accessory ? [b.accessory] : []));
    expect(buttons).toHaveLength(10);
    expect(buttons[0]).toMatchObject({ action_id: 'mesure_run', value: 'statut MS-C1-P0 fait' });
    expect(json(out.blocks)).toContain('… et 15 autres');
  });
  it('a list of 500 overdue milestones stays within 50 blocks and 3000 characters', () => {
    const items = Array.from({ length: 500 }, (_, i) => ({ ...milestone(i), measureId: 'MS-C3-P4', measureTitle: 'Titre & co', pilots: ['DGOS'], daysLate: i }));
    const out = buildLateList('Retards — chantier 3', items, []);
    expect(out.blocks.length).toBeLessThanOrEqual(50);
    for (const b of out.blocks) if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    expect(json(out.blocks)).toContain('autres');
    expect(json(out.blocks)).not.toContain('<!channel>');
  });
  it('a change notice names who, what, from → to, the comment, escaped', () => {
    const out = buildChangeNotice(
      { id: 1, targetId: 'MS-C3-P4-J2', targetKind: 'milestone', measureId: 'MS-C3-P4', oldStatus: 'late', newStatus: 'done', who: 'U0MEMBER', at: '2021-03-01T09:00:00Z', comment: 'ok <!here>', origin: 'slack' },
      measure(),
    );
    const text = json(out.blocks);
    expect(text).toContain('<@U0MEMBER>');
    expect(text).toContain('MS-C3-P4-J2');
    expect(text).toContain('_en retard_ à *fait*');
    expect(text).not.toContain('<!here>');
  });
});

describe('modals', () => {
  it('status modal: target select (measure + milestones, ≤ 100 options), status select, optional comment', () => {
    const big = measure({ milestones: Array.from({ length: 150 }, (_, i) => milestone(i)) });
    const view = buildStatusModal(big, { measureId: big.id, channel: 'C1' }, 'MS-C3-P4-J3');
    expect(view.callback_id).toBe('measure_status');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    const target = view.blocks.find((b) => b.type === 'input' && b.block_id === 'target');
    if (target?.type === 'input' && target.element.type === 'static_select') {
      expect(target.element.options.length).toBeLessThanOrEqual(100);
      expect(target.element.initial_option?.value).toBe('MS-C3-P4-J3');
      for (const o of target.element.options) expect(o.text.text.length).toBeLessThanOrEqual(75);
    } else throw new Error('no target select');
    expect(JSON.parse(view.private_metadata!)).toEqual({ measureId: 'MS-C3-P4', channel: 'C1' });
  });
  it('completion and feedback modals keep title limits', () => {
    for (const verb of ['voir', 'statut', 'jalon', 'historique', 'abonner', 'desabonner'] as const) {
      expect(buildCompleteModal(verb, { ref: null, status: null, comment: null }, 'C1').title.text.length).toBeLessThanOrEqual(24);
    }
    expect(buildFeedbackModal({ answerId: 1, channel: 'C1', threadTs: null }).title.text.length).toBeLessThanOrEqual(24);
  });
});

describe('milestoneLine', () => {
  const base: Milestone = { id: 'MS-C1-P1-J1', label: null, due: null, from: null, to: null, text: 'texte', status: 'planned', kind: 'planned', source: { file: 'f', lines: [1, 1] } };
  it('says the deadline, a start without deadline, or no date', () => {
    expect(milestoneLine({ ...base, label: 'Fin 2019', due: '2019-12-31', from: '2019-10-01', to: '2019-12-31' })).toContain('31/12/2019');
    expect(milestoneLine({ ...base, label: 'À compter de mi-2019', from: '2019-05-01', to: '2019-07-31' })).toContain('à partir du 01/05/2019');
    expect(milestoneLine(base)).toContain('non daté');
  });
});
