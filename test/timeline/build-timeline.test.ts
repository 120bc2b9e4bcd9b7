import { describe, expect, it } from 'vitest';
import { timelineFileName } from '../../src/timeline/build-timeline.js';
import { timelineChartData, timelineSpec } from '../../src/timeline/timeline-spec.js';
import { measure, milestone, sampleMeasures, timelineOf } from './timeline-fixture.js';

describe('buildTimeline', () => {
  it('puts each dated milestone on its project row in the state the digest gives it', () => {
    const t = timelineOf();
    expect(t).toMatchObject({ subject: 'chantier:7', title: 'Chantier 7 — ESSAIS CLINIQUES', asOf: '2019-10-07', horizonDays: 14, rowsAre: 'measures', hiddenRows: 0 });
    // A project without a dated milestone (or with only a cancelled one) gets no row.
    expect(t.rows.map((r) => r.key)).toEqual(['MS-C7-P1', 'MS-C7-P2', 'MS-C7-P3', 'MS-C7-P5']);
    expect(t.rows[0]!.label).toBe('MS-C7-P1 · Plateformes régionales & <essais>');
    expect(t.points.map((p) => [p.id, p.row, p.state, p.daysLate])).toEqual([
      ['MS-C7-P1-J1', 'MS-C7-P1', 'done', null],
      ['MS-C7-P1-J2', 'MS-C7-P1', 'overdue', 37],
      ['MS-C7-P1-J3', 'MS-C7-P1', 'later', null],
      ['MS-C7-P2-J1', 'MS-C7-P2', 'soon', null],
      ['MS-C7-P3-J1', 'MS-C7-P3', 'done', null],
      ['MS-C7-P5-J1', 'MS-C7-P5', 'later', null],
    ]);
    expect(t.undated).toBe(1);
    expect(t.stats).toEqual({ milestones: 7, done: 2, overdue: 1, upcoming: 1 });
  });

  it('caps the rows, keeping the most urgent ones, shown in catalogue order', () => {
    const many = [
      ...Array.from({ length: 6 }, (_, i) => measure(`MS-C7-P${i + 1}`, `Fini ${i + 1}`, [milestone(`MS-C7-P${i + 1}-J1`, '2019-01-31', 'done')])),
      measure('MS-C7-P7', 'En retard', [milestone('MS-C7-P7-J1', '2019-09-30')]),
      measure('MS-C7-P8', 'Bientôt', [milestone('MS-C7-P8-J1', '2019-10-10')]),
    ];
    const t = timelineOf(many, { maxRows: 4 });
    expect(t.rows.map((r) => r.key)).toEqual(['MS-C7-P1', 'MS-C7-P2', 'MS-C7-P7', 'MS-C7-P8']);
    expect(t.hiddenRows).toBe(4);
    expect(t.points.every((p) => t.rows.some((r) => r.key === p.row))).toBe(true);
    expect(timelineChartData(t).subtitle[1]).toBe('+4 autres mesures non affichées (les moins urgentes)');
  });

  it('draws one row per milestone for a single measure', () => {
    const [first] = sampleMeasures();
    const t = timelineOf([first!], { rowsAre: 'milestones', title: 'MS-C7-P1 — Plateformes', subject: 'MS-C7-P1' });
    expect(t.rows.map((r) => r.label)).toEqual(['J1 · Jalon MS-C7-P1-J1', 'J2 · Jalon MS-C7-P1-J2', 'J3 · Jalon MS-C7-P1-J3']);
    expect(t.points.map((p) => p.row)).toEqual(['MS-C7-P1-J1', 'MS-C7-P1-J2', 'MS-C7-P1-J3']);
    expect(timelineFileName(t)).toBe('frise-ms-c7-p1-2019-10-07.png');
  });

  it('names its file after the subject and the day', () => {
    expect(timelineFileName({ subject: 'programme:ségur', asOf: '2020-12-15' })).toBe('frise-programme-segur-2020-12-15.png');
    expect(timelineFileName({ subject: null, asOf: '2020-12-15' })).toBe('frise-tout-2020-12-15.png');
  });
});

describe('timelineSpec', () => {
  it('titles the picture, dates it, counts it and writes the legend in French', () => {
    const data = timelineChartData(timelineOf());
    expect(data.title).toBe('Chantier 7 — ESSAIS CLINIQUES');
    expect(data.subtitle).toEqual(['Frise au lundi 7 octobre 2019 · 2/7 jalons faits (29 %) · 1 en retard · 1 à échéance sous 14 jours', '1 jalon sans date non placé']);
    // Rows are ranked in catalogue order; the overdue dot is drawn last.
    expect(data.points.map((p) => [p.rank, p.state])).toEqual([
      [0, 'Fait'],
      [2, 'Fait'],
      [0, 'Plus tard'],
      [3, 'Plus tard'],
      [1, 'À échéance sous 14 j'],
      [0, 'En retard (jours de retard)'],
    ]);
    const spec = JSON.stringify(timelineSpec(timelineOf()));
    expect(spec).toContain('"value":"Chantier 7 — ESSAIS CLINIQUES"');
    for (const label of ['Fait', 'En retard (jours de retard)', 'À échéance sous 14 j', 'Plus tard']) expect(spec).toContain(`"${label}"`);
    expect(spec).toContain('aujourd’hui, 7 oct. 2019');
    expect(spec).toContain('"37 j"');
    expect(spec).toContain('"shortMonths":["janv.","févr."');
  });

  it('says there is nothing to show for a scope without dated milestones', () => {
    const t = timelineOf([measure('MS-C7-P4', 'Formation', [milestone('MS-C7-P4-J1', null)])]);
    expect(t.points).toEqual([]);
    expect(JSON.stringify(timelineSpec(t))).toContain('Rien à montrer : aucun jalon daté dans ce périmètre.');
  });
});
