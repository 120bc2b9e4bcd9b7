import type OpenAI from 'openai';
import { z } from 'zod';
import { formatDocumentDate } from '../domain/format-citation.js';
import type { Answer, Citation } from '../domain/types.js';
import { silentLogger, type Logger } from '../log.js';

/** What the model must return (structured output), validated again on our side. */
const ModelAnswerSchema = z.object({
  answered: z.boolean(),
  answer: z.string(),
  citations: z.array(z.number().int()),
});
const RESPONSE_FORMAT = {
  type: 'json_schema' as const,
  json_schema: {
    name: 'jalon_answer',
    strict: true,
    schema: {
      type: 'object',
      properties: {
        answered: { type: 'boolean', description: 'false when the excerpts do not contain the answer' },
        answer: { type: 'string', description: 'short answer citing excerpts as [n]' },
        citations: { type: 'array', items: { type: 'integer' }, description: 'numbers of the excerpts used' },
      },
      required: ['answered', 'answer', 'citations'],
      additionalProperties: false,
    },
  },
};

const SYSTEM_PROMPT = [
  'Tu es Jalon, assistant des équipes qui pilotent les réformes Ma santé 2022 et Ségur de la santé.',
  'Réponds uniquement à partir des extraits numérotés fournis, jamais de mémoire.',
  'Réponse courte (1 à 3 phrases), dans la langue de la question (français par défaut).',
  'Chaque affirmation cite son extrait sous la forme [n]. Cite seulement les extraits utilisés.',
  'Si les extraits ne contiennent pas la réponse, answered=false et answer explique brièvement ce qui manque.',
  'Si des extraits de dates différentes répondent, donne d’abord le plus récent et indique les deux dates.',
].join('\n');

/** "déc. 2020, p. 14, l. 12–14": what the model needs to weigh and cite an excerpt. */
function excerptPlace(c: Citation): string {
  const date = formatDocumentDate(c.date);
  return [date, c.page ? `p. ${c.page}` : null, `l. ${c.lines[0]}–${c.lines[1]}`].filter(Boolean).join(', ');
}

export interface LlmSettings {
  apiKey: string;
  baseUrl: string | undefined;
  model: string;
  timeoutMs: number;
}

export type LlmAnswerer = (question: string, candidates: readonly Citation[], fallback: Answer) => Promise<Answer>;

/**
 * Builds the model-backed answerer. It only ever rewrites from the candidates it is given: citation
 * numbers are checked and renumbered, and any failure — timeout, HTTP error, 429, prose instead of
 * JSON, no valid citation — returns the extractive `fallback`, logged.
 */
export function createLlmAnswerer(settings: LlmSettings, logger: Logger = silentLogger): LlmAnswerer {
  // The client module loads on the first question, not at start-up (it costs ~0.2 s to import).
  let client: Promise<OpenAI> | undefined;
  const connect = async () => {
    const { default: OpenAIClient } = await import('openai');
    return new OpenAIClient({
      apiKey: settings.apiKey,
      baseURL: settings.baseUrl ?? null,
      timeout: settings.timeoutMs,
      // A slow or rate-limited model must not delay the reply: the extractive answer is ready.
      maxRetries: 0,
    });
  };
  return async (question, candidates, fallback) => {
    if (candidates.length === 0) return fallback;
    const excerpts = candidates.map((c, i) => `[${i + 1}] ${c.title} › ${c.section} (${excerptPlace(c)})\n${c.quote}`).join('\n\n');
    let content: string | null | undefined;
    try {
      client ??= connect();
      const completion = await (await client).chat.completions.create({
        model: settings.model,
        temperature: 0,
        response_format: RESPONSE_FORMAT,
        messages: [
          { role: 'system', content: SYSTEM_PROMPT },
          { role: 'user', content: `Extraits :\n\n${excerpts}\n\nQuestion : ${question}` },
        ],
      });
      content = completion.choices[0]?.message?.content;
    } catch (error) {
      const status = (error as { status?: number }).status;
      logger.warn('model call failed; extractive answer used', { status, error: (error as Error).name });
      return fallback;
    }
    const parsed = parseModelAnswer(content);
    if (!parsed) {
      logger.warn('model returned malformed output; extractive answer used');
      return fallback;
    }
    return toAnswer(parsed, candidates, fallback) ?? (logger.warn('model answer had no valid citation; extractive answer used'), fallback);
  };
}

function parseModelAnswer(content: string | null | undefined): z.infer<typeof ModelAnswerSchema> | null {
  if (!content) return null;
  try {
    const result = ModelAnswerSchema.safeParse(JSON.parse(content));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

/**
 * Keeps only citation markers that point at a candidate, renumbers them [1], [2]… in order of first
 * use, and returns null when an "answered" reply cites nothing valid (an uncited claim).
 */
export function toAnswer(model: z.infer<typeof ModelAnswerSchema>, candidates: readonly Citation[], fallback: Answer): Answer | null {
  if (!model.answered) {
    return fallback.answered
      ? { ...fallback, answered: false, kind: 'declined', text: "Je n'ai pas trouvé cela dans les documents indexés.", citations: [], mode: 'llm' }
      : { ...fallback, mode: 'llm' };
  }
  const order: number[] = [];
  const text = model.answer
    .replace(/\[(\d+)\]/g, (_, n: string) => {
      const k = Number(n);
      if (k < 1 || k > candidates.length) return '';
      if (!order.includes(k)) order.push(k);
      return `[${order.indexOf(k) + 1}]`;
    })
    .replace(/ +([.,;:])/g, '$1')
    .replace(/ {2,}/g, ' ')
    .trim();
  if (order.length === 0 || !text) return null;
  return { answered: true, kind: 'answer', confidence: fallback.confidence, text, citations: order.map((k) => candidates[k - 1]!), suggestions: [], mode: 'llm' };
}
