/** A file shared by the fake Web API: what files.uploadV2's three steps delivered. */
export interface FakeUpload {
  fileId: string;
  filename: string;
  /** Length announced in files.getUploadURLExternal. */
  length: number;
  altText: string | null;
  /** The bytes POSTed to the upload URL (null if that step never came). */
  bytes: Buffer | null;
  /** Set by files.completeUploadExternal. */
  channel: string | null;
  threadTs: string | null;
  title: string | null;
  initialComment: string | null;
  completed: boolean;
}

export const UPLOAD_PATH = '/upload/';

/**
 * Slack's external upload flow, as files.uploadV2 drives it: (1) files.getUploadURLExternal
 * {filename, length} → {upload_url, file_id}; (2) a POST of the bytes (multipart, field "body") to
 * that URL; (3) files.completeUploadExternal {files: [{id, title}], channel_id, thread_ts,
 * initial_comment} shares the file. Shared by the fake Web APIs.
 */
export function createFakeUploads() {
  const uploads: FakeUpload[] = [];
  const byId = new Map<string, FakeUpload>();
  let seq = 0;

  return {
    uploads,
    /** The answer to a Web API method of the flow, or null for any other method. */
    answer(method: string, body: Record<string, unknown>, baseUrl: string): Record<string, unknown> | null {
      if (method === 'files.getUploadURLExternal') {
        seq += 1;
        const fileId = `F${String(seq).padStart(8, '0')}`;
        const upload: FakeUpload = {
          fileId,
          filename: String(body.filename ?? ''),
          length: Number(body.length ?? 0),
          altText: typeof body.alt_text === 'string' ? body.alt_text : null,
          bytes: null,
          channel: null,
          threadTs: null,
          title: null,
          initialComment: null,
          completed: false,
        };
        uploads.push(upload);
        byId.set(fileId, upload);
        return { ok: true, upload_url: `${baseUrl}${UPLOAD_PATH}${fileId}`, file_id: fileId };
      }
      if (method === 'files.completeUploadExternal') {
        const files = (typeof body.files === 'string' ? JSON.parse(body.files) : body.files) as { id: string; title?: string }[];
        const done = [];
        for (const f of files ?? []) {
          const upload = byId.get(f.id);
          if (!upload || upload.bytes === null) return { ok: false, error: 'file_not_found' };
          Object.assign(upload, {
            completed: true,
            title: f.title ?? null,
            channel: typeof body.channel_id === 'string' ? body.channel_id : null,
            threadTs: typeof body.thread_ts === 'string' ? body.thread_ts : null,
            initialComment: typeof body.initial_comment === 'string' ? body.initial_comment : null,
          });
          done.push({ id: upload.fileId, name: upload.filename, title: upload.title });
        }
        return { ok: true, files: done };
      }
      return null;
    },
    /** Step 2: the bytes POSTed to an upload URL (multipart form, the file in field "body"). */
    async receive(path: string, raw: Buffer, contentType: string | undefined): Promise<boolean> {
      const upload = byId.get(path.slice(UPLOAD_PATH.length));
      if (!upload) return false;
      const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType ?? '' } }).formData();
      const file = form.get('body') ?? form.get('file');
      upload.bytes = file instanceof Blob ? Buffer.from(await file.arrayBuffer()) : Buffer.from(String(file ?? ''), 'utf8');
      return true;
    },
  };
}
