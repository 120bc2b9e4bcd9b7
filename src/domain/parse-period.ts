/**
 * Turns the French date labels printed in reform documents ("S2 2019", "Fin T2-2021",
 * "mi-novembre 2019", "Hiver 2020-2021", "PLFSS 2021"…) into an ISO date range.
 * A label we cannot date returns null: a wrong deadline is worse than none.
 *
 * The documents never define their vague words, so these conventions are ours:
 * - T1..T4 / Q1..Q4 are calendar quarters, S1/S2 calendar halves.
 * - Seasons are meteorological: printemps Mar–May, été Jun–Aug, automne Sep–Nov, and
 *   hiver Dec–Feb starting in the labelled year ("Hiver 2020" = "Hiver 2020-2021").
 *   "Rentrée" is September.
 * - "début" / "mi" / "fin" of a month are days 1–10 / 10–20 / 20–end. Of a longer span they
 *   are its first / middle / last quarter in whole months: Jan–Mar / May–Jul / Oct–Dec of a
 *   year, the first / middle / last month of a quarter or season.
 * - "(P)LFSS YYYY": the social security finance law for YYYY is debated and voted in
 *   Oct–Dec of YYYY-1, so that is its range.
 * - "fin du quinquennat": the documents date from the 2017–2022 presidential term, which
 *   ended on 14 May 2022 → 2022-05-01..2022-05-14.
 * - "à partir de", "dès", "à compter de" mark a start: "dès 2020" is 2020, and it sets no
 *   deadline (`due` is null) unless a deadline word also appears. "courant" adds nothing.
 * - Deadline words: "avant X" ends the day before X starts; "d'ici X", "au plus tard",
 *   "jusqu'à", "avant la fin" end with X. Either starts at ctx.docDate when that is earlier;
 *   without it "avant X" is the single day before X and "d'ici X" is X itself.
 * - Several dates span all of them. A date lacking a year borrows it from the next dated
 *   term ("Octobre / Novembre 2019"), else the previous one, else ctx.year, else the year
 *   of ctx.docDate, shifted by one when that keeps the terms in order ("15 décembre et
 *   1er juin 2021" starts in December 2020). With no year at all it is dropped.
 * `due` is `to` (even "avant mars 2021" is met by its last day, 2021-02-28), except for a start.
 */

import { MONTHS } from './months.js';

/** Where these rules live: the measure loader re-reads stored dates when this file changes. */
export const PERIOD_RULES_URL = import.meta.url;

export interface Period {
  /** First day, ISO YYYY-MM-DD. */
  from: string;
  /** Last day, ISO YYYY-MM-DD. */
  to: string;
  /** The deadline, ISO YYYY-MM-DD: `to`, or null when the label only says when something starts. */
  due: string | null;
}

export interface PeriodContext {
  /** Year for labels that print none ("19/09"). */
  year?: number;
  /** Date of the document (YYYY-MM-DD): start of "d'ici…"/"avant…", fallback year. */
  docDate?: string;
}

interface Range {
  from: string;
  to: string;
}

type Qual = 'debut' | 'mi' | 'fin';
type Deadline = 'by' | 'before';
/** What the words name, before a year places it: whole months, or one day. */
type Shape = { first: number; count: number } | { month: number; day: number };

type TokenBody =
  | { kind: 'qual'; qual: Qual }
  | { kind: 'deadline'; deadline: Deadline }
  | { kind: 'start' }
  | { kind: 'year'; year: number }
  | { kind: 'shape'; shape: Shape; year: number | undefined }
  | { kind: 'fixed'; range: Range };
type Token = TokenBody & { at: number; end: number };

type Term = { qual: Qual | undefined } & (
  | { shape: Shape; year: number | undefined }
  | { fixed: Range }
);

const WHOLE_YEAR: Shape = { first: 1, count: 12 };


const SEASONS: Record<string, Shape> = {
  printemps: { first: 3, count: 3 },
  ete: { first: 6, count: 3 },
  automne: { first: 9, count: 3 },
  hiver: { first: 12, count: 3 },
  hivernale: { first: 12, count: 3 },
  rentree: { first: 9, count: 1 },
};

/** 'last' is 'dernier', whose number depends on the unit. */
const ORDINALS: Record<string, number | 'last'> = {
  '1': 1, '1er': 1, '1ere': 1, '1re': 1, premier: 1, premiere: 1,
  '2': 2, '2e': 2, '2eme': 2, '2nd': 2, '2nde': 2, deuxieme: 2, second: 2, seconde: 2,
  '3': 3, '3e': 3, '3eme': 3, troisieme: 3,
  '4': 4, '4e': 4, '4eme': 4, quatrieme: 4,
  dernier: 'last',
};

const YEAR = '(?:19|20)\\d{2}';
const alternatives = (words: Record<string, unknown>): string =>
  Object.keys(words)
    .sort((a, b) => b.length - a.length)
    .join('|');
const MONTH = alternatives(MONTHS);

// Order matters: at one position the first alternative wins ("fin du quinquennat" before
// "fin", "01/10" and "26 juillet" before a bare month).
const TOKEN = new RegExp(
  [
    `(?<quinquennat>\\bfin du (?:present |premier )?quinquennat\\b)`,
    `(?<lfss>\\bp?lfss (?:pour (?:l'annee )?)?(?<lfssYear>${YEAR})(?!\\d))`,
    `(?<by>\\bd'ici\\b|\\bau plus tard\\b|\\bjusqu'(?:a|en|au)\\b|\\bavant(?= (?:la )?fin\\b))`,
    `(?<before>\\bavant\\b)`,
    `(?<start>\\ba (?:compter|partir)\\b)`,
    // Swallows "du mois de" so the qualified term starts right where the match ends.
    `(?<qual>\\b(?:debut|fin|mi)\\b)[ -]*(?:(?:du|de) |d')?(?:mois (?:de |d'))?`,
    `(?<dmy>(?<!\\d)(?<dd>\\d{1,2})/(?<mm>\\d{1,2})(?:/(?<yy>\\d{4}|\\d{2}))?(?!\\d))`,
    `(?<dayMonth>\\b(?<day>\\d{1,2})(?:er|e)? (?<dayMonthWord>${MONTH})\\b\\.?)`,
    `(?<ord>\\b(?<ordWord>${alternatives(ORDINALS)}) (?<ordUnit>semestre|trimestre)\\b)`,
    `(?<tsq>\\b(?<tsqLetter>[tsq])(?<tsqNumber>[1-4])\\b)`,
    // "été" is also the participle ("a été publié"): only a season right before a year.
    `(?<season>\\b(?<seasonWord>printemps|automne|hivernale|hiver|rentree|ete(?= ?${YEAR}))\\b(?: (?:scolaire|universitaire|de septembre))?)`,
    `(?<annee>\\b(?:l'|la |cette )?annee(?: en cours)?\\b)`,
    `(?<month>\\b(?<monthWord>${MONTH})\\b\\.?)`,
    `(?<year>(?<!\\d)${YEAR}(?!\\d))`,
  ].join('|'),
  'g',
);

/** Only spacing and punctuation may sit between a month/quarter/season and its year. */
const YEAR_GAP = /^[ .,/-]*$/;

export function parsePeriod(label: string, ctx: PeriodContext = {}): Period | null {
  const text = normalise(label);
  const tokens = tokenise(text);
  const deadline = tokens.find((t) => t.kind === 'deadline')?.deadline;
  const firstTerm = tokens.findIndex((t) => t.kind === 'fixed' || t.kind === 'year' || t.kind === 'shape');
  const startsOnly = deadline === undefined && tokens.some((t, i) => t.kind === 'start' && i < firstTerm);
  const ranges = dateTerms(link(tokens, text), ctx);
  const first = ranges[0];
  if (!first) return null;

  let { from, to } = first;
  for (const r of ranges) {
    if (r.from < from) from = r.from;
    if (r.to > to) to = r.to;
  }
  const docDate = isoDate(ctx.docDate);
  if (deadline === 'before') {
    to = addDays(from, -1);
    from = docDate !== undefined && docDate < to ? docDate : to;
  } else if (deadline === 'by' && docDate !== undefined && docDate < to) {
    from = docDate;
  }
  return { from, to, due: startsOnly ? null : to };
}

function normalise(label: string): string {
  return label
    .replace(/[’‘ʼ´`]/g, "'")
    // "dès" loses its accent below and would read as the article "des": it says what "à compter de" says.
    .replace(/(?<![\p{L}\p{N}])dès(?![\p{L}\p{N}])/giu, 'a compter de')
    .normalize('NFKD') // also turns "1ᵉʳ" into "1er" and no-break spaces into spaces
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\^\{?([a-z]*)\}?/g, '$1') // PDF extraction prints "1^{er}"
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\bma sante 2022\b/g, ' ') // the reform's name, not a date
    .replace(/\s+/g, ' ')
    .trim();
}

function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const end = m.index + m[0].length;
    const body = read(m.groups ?? {}, m[0], text.slice(end));
    if (body) tokens.push({ ...body, at: m.index, end });
  }
  return tokens;
}

function read(g: Record<string, string | undefined>, match: string, rest: string): TokenBody | undefined {
  if (g.quinquennat) return { kind: 'fixed', range: { from: '2022-05-01', to: '2022-05-14' } };
  if (g.lfss) {
    const voted = Number(g.lfssYear) - 1;
    return { kind: 'fixed', range: { from: `${voted}-10-01`, to: `${voted}-12-31` } };
  }
  if (g.by) return { kind: 'deadline', deadline: 'by' };
  if (g.before) return { kind: 'deadline', deadline: 'before' };
  if (g.start) return { kind: 'start' };
  if (g.qual) return { kind: 'qual', qual: g.qual as Qual };
  if (g.dmy) {
    const yy = g.yy === undefined ? undefined : Number(g.yy);
    const year = yy === undefined || yy >= 100 ? yy : 2000 + yy;
    return { kind: 'shape', shape: { month: Number(g.mm), day: Number(g.dd) }, year };
  }
  if (g.dayMonth) {
    return { kind: 'shape', shape: { month: MONTHS[g.dayMonthWord ?? ''] ?? 0, day: Number(g.day) }, year: undefined };
  }
  if (g.ord || g.tsq) {
    const semester = g.ord ? g.ordUnit === 'semestre' : g.tsqLetter === 's';
    const ordinal = g.ord ? ORDINALS[g.ordWord ?? ''] : Number(g.tsqNumber);
    const n = ordinal === 'last' ? (semester ? 2 : 4) : (ordinal ?? 0);
    if (n < 1 || n > (semester ? 2 : 4)) return undefined;
    const months = semester ? 6 : 3;
    return { kind: 'shape', shape: { first: (n - 1) * months + 1, count: months }, year: undefined };
  }
  if (g.season) {
    const shape = SEASONS[g.seasonWord ?? ''];
    return shape && { kind: 'shape', shape, year: undefined };
  }
  if (g.annee) return { kind: 'shape', shape: WHOLE_YEAR, year: undefined };
  if (g.month) {
    // "sept" is also the number seven: a month only when abbreviated with a dot or dated.
    if (g.monthWord === 'sept' && !match.endsWith('.') && !/^ ?(?:19|20)\d{2}/.test(rest)) return undefined;
    const month = MONTHS[g.monthWord ?? ''];
    return month === undefined ? undefined : { kind: 'shape', shape: { first: month, count: 1 }, year: undefined };
  }
  return g.year ? { kind: 'year', year: Number(g.year) } : undefined;
}

/** Attaches qualifiers and printed years to the term they belong to. */
function link(tokens: Token[], text: string): Term[] {
  const terms: Term[] = [];
  let qual: Qual | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    const q = qual;
    qual = undefined;
    switch (token.kind) {
      case 'qual':
        // "fin des travaux en juin" does not qualify juin: only an adjacent term is qualified.
        if (next && text.slice(token.end, next.at).trim() === '') qual = token.qual;
        break;
      case 'deadline':
      case 'start':
        break;
      case 'fixed':
        terms.push({ fixed: token.range, qual: q });
        break;
      case 'year':
        terms.push({ shape: WHOLE_YEAR, year: token.year, qual: q });
        break;
      case 'shape': {
        let year = token.year;
        if (year === undefined && next?.kind === 'year' && YEAR_GAP.test(text.slice(token.end, next.at))) {
          year = next.year;
          i++;
          // A winter straddles two years and "Hiver 2020-2021" prints both.
          const after = tokens[i + 1];
          if (
            'first' in token.shape &&
            token.shape.first + token.shape.count > 13 &&
            after?.kind === 'year' &&
            after.year === year + 1 &&
            /^ ?[-/] ?$/.test(text.slice(next.end, after.at))
          ) {
            i++;
          }
        }
        terms.push({ shape: token.shape, year, qual: q });
        break;
      }
    }
  }
  return terms;
}

function dateTerms(terms: Term[], ctx: PeriodContext): Range[] {
  // undefined: no printed year yet; null: no such day (31/02).
  const placed = terms.map((t) =>
    'fixed' in t ? narrow(t.fixed, t.qual) : t.year === undefined ? undefined : place(t, t.year),
  );
  const donors = terms.flatMap((t, i) => {
    const range = placed[i];
    return 'fixed' in t || t.year === undefined || !range ? [] : [{ i, year: t.year, from: range.from }];
  });
  const fallback = ctx.year ?? yearOf(isoDate(ctx.docDate));

  return terms.flatMap((term, i): Range[] => {
    const known = placed[i];
    if (known !== undefined) return known ? [known] : [];
    if ('fixed' in term) return [];
    const next = donors.find((d) => d.i > i);
    const previous = donors.findLast((d) => d.i < i);
    let range: Range | null = null;
    if (next) {
      range = place(term, next.year);
      if (range && range.from > next.from) range = place(term, next.year - 1);
    } else if (previous) {
      range = place(term, previous.year);
      if (range && range.from < previous.from) range = place(term, previous.year + 1);
    } else if (fallback !== undefined) {
      range = place(term, fallback);
    }
    return range ? [range] : [];
  });
}

function place(term: { shape: Shape; qual: Qual | undefined }, year: number): Range | null {
  const { shape } = term;
  if ('day' in shape) {
    if (shape.month < 1 || shape.month > 12 || shape.day < 1 || shape.day > daysIn(year, shape.month)) return null;
    const day = iso(year, shape.month, shape.day);
    return { from: day, to: day };
  }
  const range = { from: iso(year, shape.first, 1), to: iso(year, shape.first + shape.count, 0) };
  return narrow(range, term.qual);
}

function narrow(range: Range, qual: Qual | undefined): Range {
  if (qual === undefined || range.from === range.to) return range;
  const [y, m] = [Number(range.from.slice(0, 4)), Number(range.from.slice(5, 7))];
  const months = (Number(range.to.slice(0, 4)) - y) * 12 + Number(range.to.slice(5, 7)) - m + 1;
  if (months === 1) {
    if (qual === 'debut') return { from: range.from, to: iso(y, m, 10) };
    if (qual === 'mi') return { from: iso(y, m, 10), to: iso(y, m, 20) };
    return { from: iso(y, m, 20), to: range.to };
  }
  const span = Math.max(1, Math.round(months / 4));
  const offset = qual === 'debut' ? 0 : qual === 'fin' ? months - span : Math.floor((months - span) / 2);
  return { from: iso(y, m + offset, 1), to: iso(y, m + offset + span, 0) };
}

/** Month and day may overflow ("month 13", "day 0"): Date.UTC carries them over. */
function iso(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

const daysIn = (year: number, month: number): number => Number(iso(year, month + 1, 0).slice(8, 10));

function addDays(date: string, days: number): string {
  return iso(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)) + days);
}

function isoDate(value: string | undefined): string | undefined {
  return value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}

const yearOf = (date: string | undefined): number | undefined => (date === undefined ? undefined : Number(date.slice(0, 4)));
