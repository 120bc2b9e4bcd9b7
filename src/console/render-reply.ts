import type { Reply } from '../commands/reply.js';
import type { Block } from '../slack/blocks/block-kit.js';
import { mrkdwnToText, renderBlocksText, renderModalText } from './render-blocks.js';

/** Blocks that only make sense in Slack (feedback buttons): left out of the terminal. */
const isSlackOnly = (b: Block) => b.type === 'actions' && b.block_id === 'feedback';

/** Messages as the terminal shows them. */
export function renderMessagesText(messages: readonly { text: string; blocks: readonly Block[] }[]): string {
  return messages
    .map((m) => {
      const blocks = m.blocks.filter((b) => !isSlackOnly(b));
      return blocks.length ? renderBlocksText(blocks) : mrkdwnToText(m.text);
    })
    .join('\n\n');
}

/**
 * A handler's reply in the terminal: the message (or the form it would open in Slack, with how to
 * type the command instead), then the notices Slack would post in subscribed channels.
 */
export function renderReplyText(reply: Reply): string {
  const out: string[] = [];
  if (reply.modal) {
    out.push(renderModalText(reply.modal));
    out.push(renderMessagesText([reply]));
  } else {
    out.push(renderMessagesText([reply]));
  }
  for (const notice of reply.notices ?? []) {
    const where = notice.threadTs ? `#${notice.channel} (fil du dernier digest)` : `#${notice.channel}`;
    out.push(`→ Notice dans ${where} :\n${renderMessagesText([notice])}`);
  }
  return out.join('\n\n');
}
