import { createRequire } from 'node:module';
import { silentLogger, type Logger } from '../log.js';
import type { Timeline, TimelineState } from './build-timeline.js';
import { CHART_INPUTS, MILESTONE_LAYER, TIMELINE_FONT, timelineChartData, timelineSpec, timelineTemplate } from './timeline-spec.js';

/** A rendered timeline: the PNG bytes, its size, and where the library put each milestone. */
export interface TimelinePicture {
  png: Buffer;
  width: number;
  height: number;
  /** Centre of each milestone's dot, in PNG pixels (read from the chart's own scales). */
  marks: { id: string; state: TimelineState; x: number; y: number }[];
}

const require = createRequire(import.meta.url);
/** Roboto, regular and bold, from its npm package: the same glyphs on every machine, no system font read. */
const FONT_FILES = ['400Regular/Roboto_400Regular.ttf', '700Bold/Roboto_700Bold.ttf'].map((f) => require.resolve(`@expo-google-fonts/roboto/${f}`));

type Libraries = { vl: typeof import('vega-lite'); vega: typeof import('vega'); resvg: typeof import('@resvg/resvg-js') };
let libraries: Promise<Libraries> | null = null;

/** The charting and rendering libraries load on first use: the CLI and the console start without them. */
function load(): Promise<Libraries> {
  libraries ??= Promise.all([import('vega-lite'), import('vega'), import('@resvg/resvg-js')]).then(([vl, vega, resvg]) => ({ vl, vega, resvg }));
  return libraries;
}

/** The libraries' warnings, as Jalon log lines (they would print on the console otherwise). */
function libraryLogger(logger: Logger) {
  let level = 0;
  const self = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return self;
    },
    error: (...args: unknown[]) => (logger.warn('timeline chart error', { detail: args.map(String).join(' ') }), self),
    warn: (...args: unknown[]) => (logger.debug('timeline chart warning', { detail: args.map(String).join(' ') }), self),
    info: () => self,
    debug: () => self,
  };
  return self;
}

/** A timeline laid out as SVG by the charting library, with where each milestone's dot is. */
export interface TimelineSvg {
  svg: string;
  marks: TimelinePicture['marks'];
}

/** Parsed specifications of the template, by horizon: compiled and parsed once per process. */
const templates = new Map<number, Promise<import('vega').Runtime>>();

function templateRuntime(horizonDays: number, log: ReturnType<typeof libraryLogger>): Promise<import('vega').Runtime> {
  let runtime = templates.get(horizonDays);
  if (!runtime) {
    runtime = load().then(({ vl, vega }) => vega.parse(vl.compile(timelineTemplate(horizonDays), { logger: log as never }).spec));
    // A failure is not kept: the next picture tries again.
    runtime.catch(() => templates.delete(horizonDays));
    templates.set(horizonDays, runtime);
  }
  return runtime;
}

/**
 * Lays a timeline out: Vega-Lite compiles the specification (timeline-spec.ts, once per horizon),
 * Vega computes the scales, axes and legend for this timeline's data and writes SVG, without a
 * browser. Dates are UTC days, so the layout is the same whatever the machine's time zone.
 */
export async function renderTimelineSvg(timeline: Timeline, options: { logger?: Logger } = {}): Promise<TimelineSvg> {
  const { vl, vega } = await load();
  const log = libraryLogger(options.logger ?? silentLogger);
  const empty = timeline.points.length === 0;
  const runtime = empty ? vega.parse(vl.compile(timelineSpec(timeline), { logger: log as never }).spec) : await templateRuntime(timeline.horizonDays, log);
  const view = new vega.View(runtime, { renderer: 'none', logger: log as never, logLevel: vega.Warn });
  try {
    if (!empty) {
      const data = timelineChartData(timeline);
      view.signal(CHART_INPUTS.title, data.title).signal(CHART_INPUTS.subtitle, data.subtitle);
      view.data(CHART_INPUTS.points, data.points).data(CHART_INPUTS.today, data.today);
    }
    await view.runAsync();
    return { svg: await view.toSVG(), marks: markCentres(view, timeline) };
  } finally {
    view.finalize();
  }
}

/**
 * Draws a timeline as PNG: the SVG of renderTimelineSvg rasterised by resvg with the packaged
 * Roboto fonts only (no system font is read), so the same timeline gives the same bytes on any
 * machine.
 */
export async function renderTimelinePng(timeline: Timeline, options: { logger?: Logger } = {}): Promise<TimelinePicture> {
  const [{ resvg }, { svg, marks }] = await Promise.all([load(), renderTimelineSvg(timeline, options)]);
  const image = new resvg.Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: TIMELINE_FONT, sansSerifFamily: TIMELINE_FONT },
    fitTo: { mode: 'original' },
    background: 'white',
    logLevel: 'off',
  }).render();
  return { png: image.asPng(), width: image.width, height: image.height, marks };
}

/** A node of Vega's scene graph, as far as it is read here. */
interface SceneNode {
  marktype?: string;
  name?: string;
  x?: number;
  y?: number;
  items?: SceneNode[];
  datum?: { id?: unknown };
}

/**
 * Each milestone's dot centre as the library laid it out: the symbol items of the milestone layer
 * in the scene graph, offset by their enclosing groups, the view's padding and its origin (title, axes).
 */
function markCentres(view: import('vega').View, timeline: Timeline): TimelinePicture['marks'] {
  if (timeline.points.length === 0) return [];
  // What Vega's headless renderers translate the scene by: the padding plus the autosize origin.
  const padding = view.padding() as { left: number; top: number };
  const [originX, originY] = view.origin();
  const left = padding.left + originX;
  const top = padding.top + originY;
  const centres = new Map<string, { x: number; y: number }>();
  const visit = (node: SceneNode, dx: number, dy: number, inLayer: boolean) => {
    const layer = inLayer || (node.marktype === 'symbol' && node.name?.startsWith(MILESTONE_LAYER) === true);
    for (const item of node.items ?? []) {
      const x = dx + (item.x ?? 0);
      const y = dy + (item.y ?? 0);
      if (layer && typeof item.datum?.id === 'string') centres.set(item.datum.id, { x, y });
      // A group item shifts what it holds; a mark holds items at its group's coordinates.
      if (item.items) visit(item, node.marktype === 'group' ? x : dx, node.marktype === 'group' ? y : dy, layer);
    }
  };
  visit((view.scenegraph() as unknown as { root: SceneNode }).root, left, top, false);
  return timeline.points.map((p) => ({ id: p.id, state: p.state, ...(centres.get(p.id) ?? { x: Number.NaN, y: Number.NaN }) }));
}
