import { describe, expect, it } from 'vitest';
import { buildDigest, type Digest } from '../../src/digest/build-digest.js';
import { renderDigestBlocks } from '../../src/digest/render-digest-blocks.js';
import { renderDigestText } from '../../src/digest/render-digest-text.js';
import type { Measure, Milestone, StatusChange } from '../../src/domain/types.js';
import type { Block } from '../../src/slack/blocks/block-kit.js';

const NOW = new Date('2019-10-07T07:00:00Z');

function milestone(id: string, due: string, status: Milestone['status'], text: string): Milestone {
  return { id, label: null, due, from: due, to: due, text, status, kind: 'planned', source: { file: 'f.txt', lines: [1, 1] } };
}

function measureOf(id: string, milestones: Milestone[]): Measure {
  return {
    id,
    programme: 'ma-sante-2022',
    kind: 'project',
    group: 'MS-C3',
    groupTitle: 'URGENCES',
    chantier: 3,
    pilier: null,
    mesure: null,
    title: `Projet ${id} <b>&</b> ${'très long titre '.repeat(20)}`,
    description: null,
    aliases: [],
    pilots: ['DGOS', 'CNAM <x>'],
    start: null,
    end: null,
    status: 'in_progress',
    statusSetBy: null,
    milestones,
    deliverables: [],
    source: { file: 'f.txt', lines: [1, 2] },
  };
}

/** 50 projects × 10 overdue milestones = 500, plus upcoming, changed and done ones. */
function bigDigest(): Digest {
  const measures: Measure[] = [];
  const history: StatusChange[] = [];
  for (let p = 0; p < 50; p++) {
    const id = `MS-C3-P${p + 1}`;
    const ms: Milestone[] = [];
    for (let j = 0; j < 10; j++) ms.push(milestone(`${id}-J${j + 1}`, `2019-0${1 + (j % 8)}-1${p % 10}`, 'planned', `Jalon <script>alert(1)</script> & ${'texte '.repeat(60)}`));
    ms.push(milestone(`${id}-J11`, '2019-10-12', 'planned', 'À venir'));
    ms.push(milestone(`${id}-J12`, '2019-10-01', 'done', 'Fait'));
    measures.push(measureOf(id, ms));
    history.push({ id: p * 2 + 1, targetId: `${id}-J12`, targetKind: 'milestone', measureId: id, oldStatus: 'planned', newStatus: 'done', who: 'Anne', at: '2019-10-02T08:00:00.000Z', comment: null, origin: 'slack' });
    history.push({ id: p * 2 + 2, targetId: `${id}-J11`, targetKind: 'milestone', measureId: id, oldStatus: 'planned', newStatus: 'blocked', who: 'Paul <@U123>', at: '2019-10-03T08:00:00.000Z', comment: '<!channel> urgent & grave', origin: 'slack' });
  }
  return buildDigest({ scope: { kind: 'chantier', number: 3 }, scopeKey: 'chantier:3', measures, history, now: NOW, since: new Date('2019-09-30T07:00:00Z'), timeZone: 'Europe/Paris', horizonDays: 14 });
}

const textsOf = (blocks: Block[]): string[] =>
  blocks.flatMap((b) => {
    if (b.type === 'section') return [b.text?.text ?? ''];
    if (b.type === 'context') return b.elements.map((e) => e.text);
    if (b.type === 'header') return [b.text.text];
    return [];
  });

describe('renderDigestBlocks', () => {
  it('keeps Block Kit limits with 500 overdue items, and says how many are left out', () => {
    const digest = bigDigest();
    expect(digest.stats.overdue).toBe(500);
    const { text, blocks } = renderDigestBlocks(digest);
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const b of blocks) {
      if (b.type === 'section') expect(b.text!.text.length).toBeLessThanOrEqual(3000);
      if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(150);
      if (b.type === 'actions') expect(b.elements.length).toBeLessThanOrEqual(25);
    }
    const ids = blocks.map((b) => b.block_id).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
    expect(text.length).toBeLessThanOrEqual(3000);
    const all = textsOf(blocks).join('\n');
    expect(all).toContain('+490 autres — /mesure retards chantier:3');
    expect(all).toMatch(/\+\d+ autres — \/mesure prochains chantier:3/);
    // A caller adding its own blocks (the /mesure digest preview) can ask for fewer.
    expect(renderDigestBlocks(digest, { maxBlocks: 49 }).blocks.length).toBeLessThanOrEqual(49);
    // Every section got room.
    for (const title of ['En retard (500)', 'À échéance sous 14 jours (50)', 'Changements de statut (50)', 'Faits depuis le dernier point (50)']) expect(all).toContain(title);
  });

  it('escapes & < > everywhere it echoes document or user text', () => {
    const all = textsOf(renderDigestBlocks(bigDigest()).blocks).join('\n');
    expect(all).not.toMatch(/<script>|<b>|<!channel>|<@U123>|<x>/);
    expect(all).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp;');
    expect(all).toContain('&lt;!channel&gt; urgent &amp; grave');
  });

  it('gives each project "Voir" and "Mettre à jour" buttons carrying the measure id', () => {
    const actions = renderDigestBlocks(bigDigest()).blocks.filter((b) => b.type === 'actions');
    expect(actions.length).toBeGreaterThan(0);
    for (const a of actions) {
      expect(a.elements.map((e) => [e.action_id, e.text.text])).toEqual([
        ['measure_view', 'Voir'],
        ['measure_update', 'Mettre à jour'],
      ]);
      expect(a.elements[0]!.value).toMatch(/^MS-C3-P\d+$/);
      expect(a.elements[1]!.value).toBe(a.elements[0]!.value);
    }
  });

  it('groups items by project with ID, short text, due date, pilots', () => {
    const section = renderDigestBlocks(bigDigest()).blocks.find((b) => b.type === 'section' && b.text?.text.startsWith('*MS-C3-P'));
    const text = section?.type === 'section' ? section.text!.text : '';
    expect(text).toMatch(/^\*MS-C3-P\d+\* · Projet/);
    expect(text).toContain('_DGOS, CNAM &lt;x&gt;_');
    expect(text).toMatch(/• `MS-C3-P\d+-J\d+` Jalon .*… — échéance \d+ \S+ 2019 · \d+ j de retard/);
  });

  it('shows a header with counts and a text progress bar', () => {
    const digest: Digest = { ...bigDigest(), stats: { milestones: 100, done: 62, overdue: 3, upcoming: 5 } };
    const { blocks } = renderDigestBlocks(digest);
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: expect.stringContaining('Point du lundi 7 octobre 2019 — Chantier 3') } });
    expect(textsOf(blocks)[1]).toContain('▓▓▓▓░░ 62 % des jalons faits (62/100)');
    expect(textsOf(blocks)[1]).toContain('🔴 3 en retard');
  });

  it('nothing to report → one short line', () => {
    const empty = buildDigest({ scope: { kind: 'chantier', number: 5 }, scopeKey: 'chantier:5', measures: [], history: [], now: NOW, since: NOW, timeZone: 'Europe/Paris', horizonDays: 14 });
    const { blocks } = renderDigestBlocks(empty);
    expect(blocks).toHaveLength(1);
    expect(textsOf(blocks)[0]).toContain('rien à signaler');
  });
});

describe('days shown', () => {
  it('are local days (JALON_TZ), not UTC ones', () => {
    const m = measureOf('MS-C3-P1', [milestone('MS-C3-P1-J1', '2019-12-31', 'in_progress', 'Texte')]);
    const late: StatusChange = { id: 1, targetId: 'MS-C3-P1-J1', targetKind: 'milestone', measureId: 'MS-C3-P1', oldStatus: 'planned', newStatus: 'in_progress', who: 'Anne', at: '2019-10-02T22:30:00.000Z', comment: null, origin: 'slack' };
    const digest = buildDigest({ scope: null, scopeKey: null, measures: [m], history: [late], now: NOW, since: new Date('2019-09-29T22:30:00Z'), timeZone: 'Europe/Paris', horizonDays: 14 });
    const text = renderDigestText(digest);
    expect(text).toContain('par Anne, le 3 oct. 2019'); // 00:30 in Paris
    expect(text).toContain('depuis le 30 sept. 2019');
  });
});

describe('persons', () => {
  const digestBy = (blockedBy: string, doneBy: string) => {
    const m = measureOf('MS-C3-P1', [milestone('MS-C3-P1-J1', '2019-12-31', 'blocked', 'Bloqué'), milestone('MS-C3-P1-J2', '2019-12-31', 'done', 'Fait')]);
    const change = (id: number, targetId: string, newStatus: Milestone['status'], who: string): StatusChange =>
      ({ id, targetId, targetKind: 'milestone', measureId: 'MS-C3-P1', oldStatus: 'planned', newStatus, who, at: '2019-10-02T08:00:00.000Z', comment: null, origin: 'slack' });
    const history = [change(1, 'MS-C3-P1-J1', 'blocked', blockedBy), change(2, 'MS-C3-P1-J2', 'done', doneBy)];
    return buildDigest({ scope: null, scopeKey: null, measures: [m], history, now: NOW, since: new Date('2019-09-30T07:00:00Z'), timeZone: 'Europe/Paris', horizonDays: 14 });
  };

  it('mentions Slack users in Block Kit, as notices and cards do; a terminal shows them as recorded', () => {
    const digest = digestBy('UUSER1', 'WUSER2');
    const all = textsOf(renderDigestBlocks(digest).blocks).join('\n');
    expect(all).toContain('prévu → bloqué · par <@UUSER1>, le 2 oct. 2019');
    expect(all).toContain('fait le 2 oct. 2019 · par <@WUSER2>');
    const text = renderDigestText(digest);
    expect(text).toContain('prévu → bloqué · par UUSER1, le 2 oct. 2019');
    expect(text).toContain('fait le 2 oct. 2019 · par WUSER2');
  });

  it('names console users and anyone else, escaped in Block Kit', () => {
    const all = textsOf(renderDigestBlocks(digestBy('console:alice', 'Anne <b>')).blocks).join('\n');
    expect(all).toContain('par alice (console), le');
    expect(all).toContain('par Anne &lt;b&gt;');
  });
});

describe('renderDigestText', () => {
  it('prints the same sections for a terminal, capped, with the count left out', () => {
    const text = renderDigestText(bigDigest());
    expect(text.split('\n')[0]).toBe('Point du lundi 7 octobre 2019 — Chantier 3 — URGENCES');
    expect(text).toContain('En retard (500)');
    expect(text).toContain('+490 autre(s) — /mesure retards chantier:3');
    expect(text).toContain('« <!channel> urgent & grave »'); // a terminal needs no escaping
    expect(renderDigestText(bigDigest(), { maxItems: Infinity }).split('\n').length).toBeGreaterThan(650);
  });
});
