import { askQuestion, type AnswerDeps } from '../answer/answer-question.js';
import type { Db } from '../db/open-database.js';
import { resolveFollowUp } from '../answer/follow-up.js';
import { lastTurn, recordTurn } from '../db/conversation-store.js';
import { insertAnswer, type AnswerRecord } from '../db/slack-store.js';
import { buildAnswerMessages, buildEmptyQuestionMessage } from '../slack/blocks/build-answer-messages.js';
import type { MessageContent } from '../slack/blocks/block-kit.js';

export interface QuestionDeps {
  db: Db;
  answerDeps: AnswerDeps;
  now: () => Date;
}

export interface QuestionInput {
  question: string;
  userId: string;
  channel: string;
  /** Thread the answer goes in (the question's own ts when it started the thread). */
  threadTs: string;
  /** The message that will hold the answer (the placeholder), when already posted. */
  messageTs?: string | null;
}

export interface QuestionResult {
  /** The stored answer (its id is the feedback reference); null when there was no question. */
  record: AnswerRecord | null;
  messages: MessageContent[];
}

/**
 * Answers one question (the model's answer when one is configured, else extractive), reading a
 * follow-up with the thread's previous turn, and remembers it (question, answer, cited passages)
 * for feedback and follow-ups. An empty question gets a short how-to instead.
 */
export async function handleQuestion(deps: QuestionDeps, input: QuestionInput): Promise<QuestionResult> {
  const question = input.question.trim();
  if (!question) return { record: null, messages: [buildEmptyQuestionMessage()] };
  // A follow-up ("Et qui la pilote ?") is read with the thread's previous turn.
  const conversation = `${input.channel}:${input.threadTs}`;
  const resolved = resolveFollowUp(question, lastTurn(deps.db, conversation)?.resolved ?? null);
  const answer = await askQuestion(deps.answerDeps, resolved);
  recordTurn(deps.db, conversation, { question, resolved }, deps.now().toISOString());
  if (resolved !== question) answer.text = `_Compris : ${resolved}_\n${answer.text}`;
  const record = insertAnswer(deps.db, {
    channel: input.channel,
    threadTs: input.threadTs,
    messageTs: input.messageTs ?? null,
    userId: input.userId,
    question,
    answer: answer.text,
    answered: answer.answered,
    citations: answer.citations,
    createdAt: deps.now().toISOString(),
  });
  return { record, messages: buildAnswerMessages(answer, String(record.id)) };
}
