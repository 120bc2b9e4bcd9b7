import { citationLabel } from '../../domain/format-citation.js';
import type { Answer, Citation } from '../../domain/types.js';
import { escapeMrkdwn } from '../escape-mrkdwn.js';
import { actions, button, context, fallback, sections } from './block-builders.js';
import { LIMITS, type Block, type MessageContent } from './block-kit.js';
import { truncateText } from './split-text.js';

export const FEEDBACK_ACTIONS = { up: 'feedback_up', down: 'feedback_down', report: 'feedback_report' } as const;

/** Longest quote shown under a source; the cited lines say where the whole passage is. */
const QUOTE_MAX = 1500;

/** "lignes 12–14", the quote's own lines when the citation is a whole passage. */
export function linesLabel(c: Citation): string {
  const [from, to] = c.focus ?? c.lines;
  return from === to ? `ligne ${from}` : `lignes ${from}–${to}`;
}

/**
 * "_Titre_, déc. 2020, p. 14 › Section · lignes 12–14" (escaped); the title links to the document
 * (at its page for a PDF) when it has a URL.
 */
function citationPlace(c: Citation): string {
  const section = c.section && c.section !== c.title ? ` › ${escapeMrkdwn(c.section)}` : '';
  const title = c.link ? `<${escapeMrkdwn(c.link).replace(/\|/g, '%7C')}|${escapeMrkdwn(c.title).replace(/\|/g, '¦')}>` : `_${escapeMrkdwn(c.title)}_`;
  const when = citationLabel({ title: '', date: c.date ?? null, page: c.page ?? null });
  return `${title}${when ? `, ${when}` : ''}${section} · ${linesLabel(c)}`;
}

/** A quote as a mrkdwn block quote, every line prefixed (escaped, shortened). */
function blockQuote(text: string): string {
  return truncateText(escapeMrkdwn(text.trim()), QUOTE_MAX)
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
}

function sourceBlocks(heading: string, citations: readonly Citation[], numbered: boolean): Block[] {
  if (citations.length === 0) return [];
  const out: Block[] = [context(`*${heading}*`)];
  citations.forEach((c, i) => {
    const mark = numbered ? `*[${i + 1}]* ` : '• ';
    out.push(...sections(`${mark}${citationPlace(c)}\n${blockQuote(c.quote)}`));
  });
  return out;
}

/** Passages the search also ranked high: where to look further, one line each. */
function relatedBlock(citations: readonly Citation[], first: number): Block[] {
  if (citations.length === 0) return [];
  return [context(`*Voir aussi* · ${citations.map((c, i) => `[${first + i}] ${citationPlace(c)}`).join(' · ')}`)];
}

/**
 * An answer as Slack messages: the text, numbered sources (title › section, lines, the quote) and,
 * when `feedbackRef` is given, the 👍 / 👎 / "Signaler une erreur" buttons. Usually one message; a
 * long answer is split so that none has more than 50 blocks, the buttons on the last one.
 */
export function buildAnswerMessages(answer: Answer, feedbackRef?: string): MessageContent[] {
  const quoted = answer.citations.filter((c) => c.quoted);
  const body: Block[] = [
    ...sections(escapeMrkdwn(answer.text)),
    ...sourceBlocks('Sources', quoted, true),
    ...relatedBlock(
      answer.citations.filter((c) => !c.quoted),
      quoted.length + 1,
    ),
    ...sourceBlocks('Sources les plus proches', answer.suggestions, false),
  ];
  const tail: Block[] = feedbackRef
    ? [
        actions(
          'feedback',
          button(FEEDBACK_ACTIONS.up, '👍', feedbackRef),
          button(FEEDBACK_ACTIONS.down, '👎', feedbackRef),
          button(FEEDBACK_ACTIONS.report, 'Signaler une erreur', feedbackRef),
        ),
      ]
    : [];
  const per = LIMITS.blocksPerMessage;
  const chunks: Block[][] = [];
  for (let i = 0; i < body.length; i += per) chunks.push(body.slice(i, i + per));
  if (chunks.length === 0) chunks.push([]);
  const last = chunks[chunks.length - 1]!;
  if (last.length + tail.length <= per) last.push(...tail);
  else chunks.push(tail);
  return chunks.map((blocks, i) => ({
    text: i === 0 ? fallback(answer.text) : `Suite de la réponse (${i + 1}/${chunks.length})`,
    blocks,
  }));
}

/** The placeholder posted at once, updated in place with the answer. */
export function buildSearchingMessage(): MessageContent {
  return { text: 'Je cherche…', blocks: [context('⏳ _Je cherche dans les documents…_')] };
}

/** What a question that failed ends with: never silence, never a stack trace. */
export function buildApologyMessage(detail?: string): MessageContent {
  const text = `Désolé, je n'ai pas pu répondre à cette question. ${detail ?? 'Réessayez dans un instant.'}`;
  return { text: fallback(text), blocks: sections(`:warning: ${escapeMrkdwn(text)}`) };
}

/** The reply to a mention with no question in it. */
export function buildEmptyQuestionMessage(): MessageContent {
  const text =
    'Posez-moi une question sur les documents de la réforme (par exemple « Quand le service d’accès aux soins est-il généralisé ? »), ou tapez `/mesure aide` pour suivre les mesures.';
  return { text: fallback(text), blocks: sections(text) };
}
