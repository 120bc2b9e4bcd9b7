import type { Jalon } from '../open-jalon.js';
import type { CommandDeps } from './command-deps.js';
import type { QuestionDeps } from './handle-question.js';

/** Everything a surface's handlers need, from the opened Jalon; `isMember` is the surface's. */
export type HandlerDeps = CommandDeps & QuestionDeps;

export function depsFromJalon(jalon: Jalon, isMember: CommandDeps['isMember']): HandlerDeps {
  return {
    db: jalon.db,
    answerDeps: jalon.answerDeps,
    measures: jalon.measures,
    now: jalon.now,
    admins: jalon.config.slack.admins,
    logger: jalon.logger,
    sourceTitle: (file) => jalon.sourceTitle(file),
    isMember,
    documents: jalon.documents,
    digest: { timeZone: jalon.config.digest.timezone, horizonDays: jalon.config.digest.horizonDays, cron: jalon.config.digest.cron },
  };
}
