import type { PictureFile } from '../timeline/timeline-picture.js';

/** Where a file is shared: a channel, or a thread of it (Slack's two destinations). */
type PictureDestination = { channel_id: string; thread_ts: string } | { channel_id: string };

/** The Web API method pictures are shared with (a WebClient fits). */
export interface PictureClient {
  filesUploadV2(args: PictureDestination & { file: Buffer; filename: string; title: string; alt_text: string; initial_comment?: string }): Promise<unknown>;
}

/**
 * Shares a picture in a channel (in a thread when `threadTs` is given), with `comment` as its
 * message: files.uploadV2, i.e. files.getUploadURLExternal, the upload, files.completeUploadExternal.
 */
export async function postPicture(client: PictureClient, picture: PictureFile, where: { channel: string; threadTs?: string | null; comment?: string }): Promise<void> {
  const destination: PictureDestination = where.threadTs ? { channel_id: where.channel, thread_ts: where.threadTs } : { channel_id: where.channel };
  await client.filesUploadV2({
    ...destination,
    file: picture.png,
    filename: picture.filename,
    title: picture.title,
    alt_text: picture.altText,
    ...(where.comment ? { initial_comment: where.comment } : {}),
  });
}

/** The Slack error code of a failed upload ("not_in_channel"), or a short description for logs. */
export function pictureErrorCode(error: unknown): string {
  const e = error as { code?: unknown; data?: { error?: unknown }; statusCode?: unknown; message?: unknown };
  if (typeof e?.data?.error === 'string') return e.data.error;
  if (e?.code === 'slack_webapi_rate_limited_error') return 'ratelimited';
  if (typeof e?.statusCode === 'number') return `http_${e.statusCode}`;
  return typeof e?.message === 'string' ? e.message.slice(0, 200) : 'unknown_error';
}

/** What a person reads when a picture could not be posted, by Slack error code. */
export function pictureFailureMessage(code: string): string {
  if (code === 'not_in_channel' || code === 'channel_not_found') {
    return 'La frise n’a pas pu être publiée ici : invitez d’abord Jalon dans ce canal (`/invite @Jalon`), ou demandez-la-lui en message direct.';
  }
  if (code === 'missing_scope' || code === 'not_allowed_token_type') {
    return 'La frise n’a pas pu être publiée : l’application Jalon n’a pas le droit de publier des fichiers (permission files:write). Voyez avec son administrateur.';
  }
  return 'La frise n’a pas pu être publiée pour l’instant. Réessayez dans un instant.';
}
