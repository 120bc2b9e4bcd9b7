import type { Db } from './open-database.js';

export interface Turn {
  question: string;
  resolved: string;
}

export function recordTurn(db: Db, conversation: string, turn: Turn, at: string): void {
  db.prepare('INSERT INTO conversation_turns (conversation, at, question, resolved) VALUES (?, ?, ?, ?)').run(conversation, at, turn.question, turn.resolved);
}

/** The conversation's latest turn, or null. */
export function lastTurn(db: Db, conversation: string): Turn | null {
  return (db.prepare('SELECT question, resolved FROM conversation_turns WHERE conversation = ? ORDER BY id DESC LIMIT 1').get(conversation) as Turn | undefined) ?? null;
}
