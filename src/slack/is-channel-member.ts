import type { Logger } from '../log.js';
import type { SlackClient } from './create-slack-client.js';

/** Pages read at most (1,000 members each): bigger channels are not steering teams. */
const MAX_PAGES = 20;

/**
 * Whether a user is a member of a channel (conversations.members, paginated). A channel the bot
 * cannot read counts as "not a member": a refusal is safer than a wrong grant.
 */
export async function isChannelMember(client: SlackClient, channel: string, userId: string, logger: Logger): Promise<boolean> {
  let cursor: string | undefined;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await client.conversations.members({ channel, limit: 1000, ...(cursor ? { cursor } : {}) });
      if (res.members?.includes(userId)) return true;
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!cursor) return false;
    }
  } catch (error) {
    logger.warn('conversations.members failed', { channel, error: (error as Error).message });
  }
  return false;
}
