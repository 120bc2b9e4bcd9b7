import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { renderTimelinePng, type TimelinePicture } from '../../src/timeline/render-timeline-png.js';
import { STATE_COLORS } from '../../src/timeline/timeline-spec.js';
import { measure, milestone, sampleMeasures, timelineOf } from './timeline-fixture.js';

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const OVERDUE = rgb(STATE_COLORS.overdue);

/** The decoded picture, and the colour of one of its pixels. */
function decode(picture: TimelinePicture) {
  const png = PNG.sync.read(picture.png);
  const at = (x: number, y: number) => {
    const i = (png.width * Math.round(y) + Math.round(x)) * 4;
    return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
  };
  return { png, at };
}

describe('renderTimelinePng', () => {
  it('draws a readable PNG whose dots have their state colour, the overdue one where it is due', async () => {
    const timeline = timelineOf();
    const picture = await renderTimelinePng(timeline);
    const { png, at } = decode(picture);
    expect([png.width, png.height]).toEqual([picture.width, picture.height]);
    expect(png.width).toBeGreaterThanOrEqual(1200);
    expect(png.height).toBeGreaterThan(200);

    expect(picture.marks.map((m) => m.id)).toEqual(timeline.points.map((p) => p.id));
    for (const mark of picture.marks) expect(at(mark.x, mark.y), `${mark.id} (${mark.state})`).toEqual(rgb(STATE_COLORS[mark.state]));
    // Later is right of today, overdue left of it, on the same row.
    const byId = new Map(picture.marks.map((m) => [m.id, m]));
    expect(byId.get('MS-C7-P1-J2')!.x).toBeLessThan(byId.get('MS-C7-P2-J1')!.x);
    expect(byId.get('MS-C7-P1-J2')!.y).toBe(byId.get('MS-C7-P1-J3')!.y);

    // The overdue colour is on the overdue milestone's row and on no other row.
    const overdueRows = new Set(picture.marks.filter((m) => m.state === 'overdue').map((m) => m.y));
    const rows = [...new Set(picture.marks.map((m) => m.y))];
    for (const y of rows) {
      let red = 0;
      for (let x = 0; x < png.width; x++) for (let dy = -4; dy <= 4; dy++) if (at(x, y + dy).every((c, i) => c === OVERDUE[i])) red += 1;
      if (overdueRows.has(y)) expect(red, `row at y=${y}`).toBeGreaterThan(20);
      else expect(red, `row at y=${y}`).toBe(0);
    }
  });

  it('gives the same bytes for the same timeline, whatever the machine’s time zone', async () => {
    const inZone = async (tz: string) => {
      const saved = process.env.TZ;
      process.env.TZ = tz; // Node re-reads TZ when it is set: local-time code would move.
      try {
        return await renderTimelinePng(timelineOf());
      } finally {
        if (saved === undefined) delete process.env.TZ;
        else process.env.TZ = saved;
      }
    };
    const [a, b] = [await inZone('Pacific/Kiritimati'), await inZone('America/Los_Angeles')];
    expect(a.png.equals(b.png)).toBe(true);
    const other = await renderTimelinePng(timelineOf(sampleMeasures().slice(0, 2)));
    expect(other.png.equals(a.png)).toBe(false);
  });

  it('draws a picture that says there is nothing to show for an empty scope', async () => {
    const picture = await renderTimelinePng(timelineOf([measure('MS-C7-P4', 'Formation', [milestone('MS-C7-P4-J1', null)])]));
    const { png } = decode(picture);
    expect(png.width).toBeGreaterThanOrEqual(1200);
    expect(picture.marks).toEqual([]);
    const colours = new Set(Object.values(STATE_COLORS).map((hex) => rgb(hex).join(',')));
    let coloured = 0;
    for (let i = 0; i < png.data.length; i += 4) if (colours.has(`${png.data[i]},${png.data[i + 1]},${png.data[i + 2]}`)) coloured += 1;
    expect(coloured).toBe(0);
    // Some text is drawn (title, day, message): dark pixels.
    let dark = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! < 100) dark += 1;
    expect(dark).toBeGreaterThan(500);
  });
});
