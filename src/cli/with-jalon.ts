import { parseConfig, type Config } from '../config.js';
import { createLogger } from '../log.js';
import { openDocumentStore, openJalon, type Jalon, type OpenOptions } from '../open-jalon.js';

/** Command output goes to stdout, one line at a time; logs go to stderr. */
export const print = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

/** Wraps a command action: parses the config, opens Jalon, runs the action, always closes. */
export function withJalon<A extends unknown[]>(action: (jalon: Jalon, ...args: A) => unknown, options: Pick<OpenOptions, 'corpusSync'> = {}) {
  return async (...args: A) => {
    // Commands do not receive Slack requests: no signing secret needed.
    const config: Config = parseConfig(process.env, { slackApp: false });
    const jalon = openJalon(config, { logger: createLogger(config.logLevel), ...options });
    try {
      await action(jalon, ...args);
    } finally {
      jalon.close();
    }
  };
}

/** Like withJalon, for the document commands: opens only the store and its documents. */
export function withDocuments<A extends unknown[]>(action: (jalon: Pick<Jalon, 'documents'>, ...args: A) => unknown) {
  return async (...args: A) => {
    const config: Config = parseConfig(process.env, { slackApp: false });
    const store = openDocumentStore(config, { logger: createLogger(config.logLevel) });
    try {
      await action(store, ...args);
    } finally {
      store.close();
    }
  };
}
