import { basename, dirname, join } from 'node:path';

/**
 * The Slack intake journal beside a store: `data/jalon.db` → `data/jalon.inbox.db`. Its own file,
 * so that recording a request never waits for the store's write lock (docs/decisions/persist-before-ack.md).
 */
export function inboxPathOf(storePath: string): string {
  if (storePath === ':memory:') return ':memory:';
  const name = basename(storePath);
  const stem = name.endsWith('.db') ? name.slice(0, -3) : name;
  return join(dirname(storePath), `${stem}.inbox.db`);
}
