import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import type { Answer, AnswerKind, Citation } from '../domain/types.js';

export interface AskResult {
  id: string;
  answered: boolean;
  kind: AnswerKind;
  /** 0–1: how sure the answer is. */
  confidence: number;
  answer: string;
  citations: Citation[];
  ms: number;
}

const AskLineSchema = z.object({ id: z.union([z.string(), z.number()]).transform(String), question: z.string() });

/**
 * `jalon ask --jsonl`: one JSON object per input line, in order. A line that is not valid JSON or
 * lacks fields still gets an output line (answered:false, a French message), so the stream stays
 * aligned with its input.
 */
export async function askBatch(
  lines: AsyncIterable<string> | Iterable<string>,
  ask: (question: string) => Promise<Answer> | Answer,
  emit: (result: AskResult) => void,
): Promise<void> {
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    let input: z.infer<typeof AskLineSchema> | undefined;
    try {
      const parsed = AskLineSchema.safeParse(JSON.parse(line));
      if (parsed.success) input = parsed.data;
    } catch {
      input = undefined;
    }
    if (!input) {
      emit({ id: `line-${n}`, answered: false, kind: 'declined', confidence: 0, answer: 'Entrée invalide : attendu {"id","question"}.', citations: [], ms: 0 });
      continue;
    }
    const t0 = performance.now();
    const answer = await ask(input.question);
    const ms = Math.round((performance.now() - t0) * 100) / 100;
    emit({ id: input.id, answered: answer.answered, kind: answer.kind, confidence: answer.confidence, answer: answer.text, citations: answer.citations, ms });
  }
}
