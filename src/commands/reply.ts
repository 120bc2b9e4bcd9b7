import type { Block, MessageContent, ModalView } from '../slack/blocks/block-kit.js';
import type { PictureFile } from '../timeline/timeline-picture.js';

/** Who is asking, where. The console acts as a local admin. */
export interface Actor {
  userId: string;
  /** Channel the command or message came from ("console" in the terminal). */
  channelId: string;
  /** True in the terminal twin: every permission is granted, subscriptions are not offered. */
  console?: boolean;
}

/** A message to post elsewhere than the reply: a change notice in a subscribed channel. */
export interface Notice extends MessageContent {
  channel: string;
  /** Thread of the scope's latest digest there, else null (top level). */
  threadTs: string | null;
}

/**
 * What a handler returns, whatever the surface: Slack posts it (ephemeral or in the channel, a
 * modal opened with the trigger), the console prints it. Handlers never talk to Slack themselves.
 */
export interface Reply {
  text: string;
  blocks: Block[];
  ephemeral: boolean;
  /** Open this form (Slack: views.open) — arguments were missing or a status is being updated. */
  modal?: ModalView;
  /** Messages for other channels (change notices). */
  notices?: Notice[];
  /** A picture: in Slack it is posted in the channel (the message is its comment), in the console saved. */
  picture?: PictureFile;
  /** A file for the conversation (Slack: files.uploadV2; the console writes it to disk). */
  file?: ReplyFile;
}

/** A file a reply carries: an export of the measure database. */
export interface ReplyFile {
  filename: string;
  title: string;
  content: Buffer;
}

/** A reply only the asker sees. */
export const ephemeral = (content: MessageContent): Reply => ({ ...content, ephemeral: true });
