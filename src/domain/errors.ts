/**
 * Typed errors: `message` is a short English log line; `userMessage` is what a person reads (French).
 * Anything not a JalonError is shown to users as a generic apology.
 */
export type ErrorCode =
  | 'config'
  | 'knowledge'
  | 'corpus'
  | 'not_found'
  | 'invalid_input'
  | 'forbidden'
  | 'conflict'
  | 'storage';

export class JalonError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;
  /** The CLI's exit code: 2 for input a command cannot use as given (an unknown scope, a bad file), else 1. */
  readonly exitCode: number;

  constructor(code: ErrorCode, message: string, userMessage?: string, options: { exitCode?: number } = {}) {
    super(message);
    this.name = 'JalonError';
    this.code = code;
    this.userMessage = userMessage ?? message;
    this.exitCode = options.exitCode ?? 1;
  }
}

export const GENERIC_USER_MESSAGE = 'Désolé, une erreur inattendue est survenue. Réessayez dans un instant.';

/** The sentence a person may see for any thrown value: never a stack trace. */
export function userMessageOf(error: unknown): string {
  return error instanceof JalonError ? error.userMessage : GENERIC_USER_MESSAGE;
}
