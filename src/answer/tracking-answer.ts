import { cleanLine } from '../corpus/clean-line.js';
import type { Db } from '../db/open-database.js';
import { digestFromSource, loadDigestSource, resolveScope } from '../digest/load-digest-source.js';
import { fold } from '../domain/answer-types.js';
import type { Answer, Citation, Scope } from '../domain/types.js';
import { formatScope } from '../measures/list-measures.js';
import { formatDateFr, scopeLabel } from '../slack/blocks/format-fr.js';
import { quoteOccursIn } from './verify-quote.js';

/** A question about the state of the programme rather than about what the documents say. */
export interface TrackingRequest {
  what: 'late' | 'due' | 'changed';
  scope: Scope | null;
  /** For "due": the window in days; for "changed": days back. */
  days: number;
}

export interface TrackingDeps {
  db: Db;
  now: () => Date;
  timeZone: string;
  horizonDays: number;
  /** Short title of a document, for citations. */
  title: (file: string) => string;
  /** A document's lines, to check that a cited milestone reads there. */
  lines: (file: string) => readonly string[] | null;
}

const LATE = /\b(?:en retard|retards?|pris du retard|overdue|late|behind schedule|delayed)\b/;
const DUE = /\b(?:a venir|prochaine?s? (?:echeances?|jalons?)|arrive(?:nt)? a echeance|echeances? (?:de |du |d'ici |pour )?(?:ce|cette|la) (?:mois|semaine|fin du mois)|ce mois-ci|cette semaine|d'ici la fin du mois|dans les \d+ (?:prochains )?jours|due (?:this|next)|due soon|upcoming|coming up|next deadlines?)\b/;
const CHANGED = /\b(?:qu'est-ce qui a change|qu'est ce qui a change|quoi de neuf|(?:changements?|modifications?|mises? a jour|evolutions?) (?:depuis|cette semaine|ce mois)|what changed|what has changed|what's new|changes since)\b/;
/** The question must be about the tracked work, not a document's reasoning about delays. */
const ABOUT_WORK = /\b(?:jalons?|projets?|mesures?|chantiers?|piliers?|echeances?|milestones?|projects?|measures?|qu'est-ce qui|qu'est ce qui|quoi|what|quels?|quelles?|lesquel\w*|which)\b/;

const WINDOWS: readonly [RegExp, number][] = [
  [/\bcette semaine|this week\b/, 7],
  [/\bce mois|this month|fin du mois\b/, 31],
  [/\bdans les (\d+) (?:prochains )?jours|next (\d+) days\b/, -1],
];

/** Chantier, pilier or programme named in a question ("chantier 3", "pilier 2", "Ségur"). */
export function scopeOf(folded: string): Scope | null {
  const numbered = /\b(chantier|pilier|workstream|pillar) ?n?°? ?(\d{1,2})\b/.exec(folded);
  if (numbered) return { kind: /^(chantier|workstream)$/.test(numbered[1]!) ? 'chantier' : 'pilier', number: Number(numbered[2]) };
  if (/\bsegur\b/.test(folded)) return { kind: 'programme', id: 'segur' };
  if (/\bma sante 2022\b|\bms ?2022\b/.test(folded)) return { kind: 'programme', id: 'ma-sante-2022' };
  return null;
}

/** Whether a question asks what is late, due soon or changed — the measure database's business. */
export function detectTracking(question: string): TrackingRequest | null {
  const q = ` ${fold(question).replace(/[?!.,;:()«»"]/g, ' ').replace(/\s+/g, ' ')} `;
  if (!ABOUT_WORK.test(q)) return null;
  const what = CHANGED.test(q) ? 'changed' : DUE.test(q) ? 'due' : LATE.test(q) ? 'late' : null;
  if (!what) return null;
  let days = what === 'changed' ? 7 : 0;
  for (const [pattern, n] of WINDOWS) {
    const m = pattern.exec(q);
    if (m) days = n > 0 ? n : Number(m[1] ?? m[2]);
  }
  return { what, scope: scopeOf(q), days };
}

const LIST = 8;

/**
 * Answers a tracking question from the measure database as of today (JALON_NOW when set): the
 * overdue milestones, those due in the window, or what changed lately, each cited where the
 * document prints it, ending with the `/mesure` command that shows more.
 */
export function answerTracking(deps: TrackingDeps, request: TrackingRequest, english = false): Answer {
  const now = deps.now();
  const scope = request.scope && resolveScope(deps.db, request.scope);
  const horizon = request.what === 'due' ? request.days || deps.horizonDays : deps.horizonDays;
  const since = new Date(now.getTime() - (request.what === 'changed' ? request.days : 7) * 86_400_000);
  const digest = digestFromSource(loadDigestSource(deps.db, { scope, now, since, timeZone: deps.timeZone }), scope, { timeZone: deps.timeZone, horizonDays: horizon });
  const key = scope ? ` ${formatScope(scope)}` : '';
  const citations: Citation[] = [];
  // A milestone is cited where the document prints it, when its text reads there word for word.
  const cite = (m: { source: { file: string; lines: [number, number] }; text: string }) => {
    const quote = cleanLine(m.text);
    const lines = deps.lines(m.source.file);
    if (!lines || !quoteOccursIn(quote, lines, m.source.lines)) return '';
    citations.push({ source: m.source.file, lines: m.source.lines, title: deps.title(m.source.file), section: '', quote, quoted: true });
    return ` [${citations.length}]`;
  };
  const at = formatDateFr(digest.asOf);
  const where = scopeLabel(scope);
  let head: string;
  let items: string[];
  let command: string;
  let total: number;
  if (request.what === 'late') {
    total = digest.overdue.length;
    head = total === 0 ? `Aucun jalon en retard — ${where}, au ${at}.` : `${total} jalon${total > 1 ? 's' : ''} en retard — ${where}, au ${at} :`;
    items = digest.overdue.slice(0, LIST).map((m) => `• ${m.measureId} · ${cleanLine(m.text)} — prévu ${formatDateFr(m.due)}, ${m.daysLate} j de retard${cite(m)}`);
    command = `/mesure retards${key}`;
  } else if (request.what === 'due') {
    total = digest.upcoming.length;
    head = total === 0 ? `Aucune échéance dans les ${horizon} jours — ${where}, au ${at}.` : `${total} échéance${total > 1 ? 's' : ''} dans les ${horizon} jours — ${where}, au ${at} :`;
    items = digest.upcoming.slice(0, LIST).map((m) => `• ${m.measureId} · ${cleanLine(m.text)} — ${formatDateFr(m.due)} (dans ${m.daysLeft} j)${cite(m)}`);
    command = `/mesure prochains${key} ${horizon}`;
  } else {
    total = digest.changed.length + digest.done.length;
    head = total === 0 ? `Aucun changement depuis le ${formatDateFr(digest.since)} — ${where}.` : `Depuis le ${formatDateFr(digest.since)} — ${where} :`;
    items = [
      ...digest.done.map((m) => `• ${m.measureId} · ${cleanLine(m.text)} — fait (${formatDateFr(m.doneAt)})${cite(m)}`),
      ...digest.changed.map((c) => `• ${c.measureId} · ${c.targetText} — ${c.oldStatus ?? '—'} → ${c.newStatus}, par ${c.who}`),
    ].slice(0, LIST);
    command = `/mesure digest${key}`;
  }
  const more = total > items.length ? [`(+${total - items.length} autres)`] : [];
  const intro = english ? '(Answered from the measure database.)\n' : '';
  return {
    answered: true,
    kind: 'tracking',
    confidence: 1,
    text: `${intro}${[head, ...items, ...more].join('\n')}\nPour le détail : \`${command}\``,
    citations,
    suggestions: [],
    mode: 'extractive',
  };
}
