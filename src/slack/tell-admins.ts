import type { Logger } from '../log.js';
import type { SlackClient } from './create-slack-client.js';

/** Sends `text` to each admin in their DM with Jalon; a failure is logged, never thrown. */
export async function tellAdmins(client: SlackClient, admins: readonly string[], text: string, logger: Logger): Promise<void> {
  if (admins.length === 0) {
    logger.warn('no JALON_ADMINS to tell', { about: text.slice(0, 80) });
    return;
  }
  for (const admin of admins) {
    try {
      const dm = await client.conversations.open({ users: admin });
      if (!dm.channel?.id) throw new Error('no DM channel');
      await client.chat.postMessage({ channel: dm.channel.id, text });
    } catch (error) {
      logger.warn('admin DM failed', { admin, error: (error as Error)?.message ?? String(error) });
    }
  }
}
