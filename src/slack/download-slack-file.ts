import { tooLarge } from '../documents/create-documents.js';
import { JalonError } from '../domain/errors.js';

/** A file as Slack describes it in a message or a form (the fields Jalon reads). */
export interface SlackFile {
  id: string;
  name: string;
  size?: number | undefined;
  url_private_download?: string | undefined;
  url_private?: string | undefined;
}

export interface DownloadOptions {
  /** The bot token: Slack serves private files to it (files:read). Sent nowhere but Slack. */
  token: string;
  maxBytes: number;
  /** SLACK_API_URL, when set: its host serves files too (tests, enterprise proxies). */
  apiUrl?: string | undefined;
  timeoutMs?: number;
  /** Attempts after the first, on network errors and 5xx/429 answers. */
  retries?: number;
  /** Waits between attempts (injected so tests need no real time). */
  sleep?: (ms: number) => Promise<void>;
}

const unavailable = (file: string, detail: string) =>
  new JalonError('storage', `download of ${file} failed: ${detail}`, `${file} : téléchargement depuis Slack impossible, réessayez dans un instant.`);

/** Only Slack's own hosts (or the configured API host) ever receive the bot token. */
function allowedUrl(raw: string, apiUrl: string | undefined): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (apiUrl) {
    const api = new URL(apiUrl);
    if (url.protocol === api.protocol && url.host === api.host) return url;
  }
  return url.protocol === 'https:' && (url.hostname === 'slack.com' || url.hostname.endsWith('.slack.com')) ? url : null;
}

/** Reads a response body, giving up as soon as it passes `maxBytes`. */
async function readLimited(response: Response, name: string, maxBytes: number): Promise<Uint8Array> {
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(name, size, maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * Downloads a file shared with Jalon: refused before any download when Slack says it is over the
 * limit, bounded in time and size, retried a couple of times on network errors and 5xx. Slack
 * answers a login page (HTML) when the app lacks files:read: that is said, not indexed.
 */
export async function downloadSlackFile(file: SlackFile, options: DownloadOptions): Promise<Uint8Array> {
  const { maxBytes, timeoutMs = 30_000, retries = 2, sleep = (ms) => new Promise((r) => setTimeout(r, ms)) } = options;
  if (file.size !== undefined && file.size > maxBytes) throw tooLarge(file.name, file.size, maxBytes);
  const raw = file.url_private_download ?? file.url_private;
  const url = raw ? allowedUrl(raw, options.apiUrl) : null;
  if (!url) throw new JalonError('invalid_input', `file ${file.id} has no Slack download URL`, `${file.name} : fichier inaccessible (pas d’adresse de téléchargement Slack).`);
  let lastError = 'no attempt';
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await sleep(500 * 2 ** (attempt - 1));
    let response: Response;
    try {
      response = await fetch(url, { headers: { authorization: `Bearer ${options.token}` }, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      lastError = (error as Error).name;
      continue;
    }
    if (response.status === 429 || response.status >= 500) {
      lastError = `HTTP ${response.status}`;
      await response.body?.cancel();
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw unavailable(file.name, `HTTP ${response.status}`);
    }
    if ((response.headers.get('content-type') ?? '').includes('text/html')) {
      await response.body?.cancel();
      throw new JalonError('config', `Slack answered HTML for ${file.id}: is files:read granted?`, `${file.name} : Slack refuse le téléchargement (l’app Jalon a-t-elle la permission files:read ?).`);
    }
    return readLimited(response, file.name, maxBytes);
  }
  throw unavailable(file.name, lastError);
}
