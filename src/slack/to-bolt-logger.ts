import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../log.js';

/** Longest library message kept: Bolt and the SDK may put whole payloads in debug lines. */
const MAX = 300;

/**
 * Routes Bolt's and the Slack SDK's logs through the Jalon logger. Their debug lines (which can
 * hold payloads) are dropped; other messages are joined and shortened.
 */
export function toBoltLogger(logger: Logger, name = 'slack'): BoltLogger {
  let label = name;
  const line = (msg: unknown[]) => {
    const text = msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : String(m))).join(' ');
    return text.length > MAX ? `${text.slice(0, MAX)}…` : text;
  };
  return {
    debug: () => undefined,
    info: (...msg: unknown[]) => logger.info(line(msg), { source: label }),
    warn: (...msg: unknown[]) => logger.warn(line(msg), { source: label }),
    error: (...msg: unknown[]) => logger.error(line(msg), { source: label }),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: (n: string) => {
      label = n;
    },
  };
}
