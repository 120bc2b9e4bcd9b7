import { fold } from '../domain/answer-types.js';
import { STOPWORDS } from '../search/stopwords.js';

/** Opening words of a follow-up ("Et qui la pilote ?", "And when?", "What about the budget?"). */
const OPENING = /^(?:et|and|what about|how about|and what about|et pour|et côté|et cote|et du|et de la|et des|et le|et la|et les|aussi)\b/;
/**
 * Words that point back to what was just discussed: pronouns that are not also articles, and an
 * object pronoun right after the question word ("qui la pilote", "quand le lance-t-on").
 */
const POINTING = /\b(?:lui|leur|leurs|ca|cela|celui|celle|ceux|celles|ce projet|cette mesure|ce chantier|ce dispositif|it|its|they|them|their|this|that|these|those)\b|\b(?:qui|quand|comment|ou|pourquoi|combien)\s+(?:la|le|les|l')\s*\p{L}/u;
/** Words a follow-up may have of its own and still need the previous turn: at most this many. */
const OWN_WORDS = 2;

/** The words of a text that carry a topic, as written. */
const contentWords = (text: string) =>
  text
    .replace(/[?!.,;:()«»"’]/g, ' ')
    .split(/[\s']+/)
    .filter((w) => w.length > 1 && !STOPWORDS.has(fold(w)));

/**
 * A question read with the conversation's previous turn when it cannot stand alone: "Et qui la
 * pilote ?" after "Quand le SAS est-il généralisé ?" becomes "Et qui la pilote ? (SAS généralisé)".
 * What the new question asks for (who, when…) stays its own; the topic comes from the previous
 * turn. A question with a subject of its own is left as it is.
 */
export function resolveFollowUp(question: string, previous: string | null): string {
  if (!previous) return question;
  const q = fold(question).trim();
  const own = contentWords(question);
  const follows = OPENING.test(q) ? own.length <= OWN_WORDS + 1 : own.length <= OWN_WORDS && POINTING.test(q);
  if (!follows) return question;
  const mine = new Set(own.map(fold));
  const topic = contentWords(previous)
    .filter((w) => !mine.has(fold(w)))
    .join(' ');
  return topic ? `${question.trim()} (${topic})` : question;
}
