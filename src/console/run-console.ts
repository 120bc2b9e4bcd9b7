import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { handleMesureCommand } from '../commands/handle-mesure-command.js';
import { handleQuestion } from '../commands/handle-question.js';
import type { HandlerDeps } from '../commands/deps-from-jalon.js';
import type { Actor, Reply, ReplyFile } from '../commands/reply.js';
import { userMessageOf } from '../domain/errors.js';
import { writePicture } from '../timeline/write-picture.js';
import { renderMessagesText, renderReplyText } from './render-reply.js';

export interface ConsoleIo {
  input: NodeJS.ReadableStream;
  /** Writes one chunk of output (a reply, the prompt). */
  write: (text: string) => void;
  /** A person at a terminal: banner and prompt. Piped input: replies only. */
  interactive: boolean;
  /** Where pictures (`/mesure frise`) are saved; the system's temporary folder by default. */
  pictureDir?: string;
}

/** Where the console saves pictures without a pictureDir. */
export const DEFAULT_PICTURE_DIR = join(tmpdir(), 'jalon-frises');

/** The local user the console acts as: an admin, recorded in the history as "console:<name>". */
export function consoleActor(name: string = safeUserName()): Actor {
  return { userId: `console:${name}`, channelId: 'console', console: true };
}

function safeUserName(): string {
  try {
    return userInfo().username || 'local';
  } catch {
    return 'local';
  }
}

const BANNER = [
  'Jalon — console locale (vous agissez en administrateur).',
  'Posez une question, ou tapez /mesure aide. /nouveau pour changer de sujet, /quitter ou Ctrl+D pour sortir.',
  '',
].join('\n');

const QUIT = new Set(['/quitter', '/quit', '/exit', 'quitter', 'exit']);
/** Starts a new conversation: the next question is read on its own. */
const NEW_CONVERSATION = new Set(['/nouveau', '/new']);

/**
 * Reads one line at a time: "/mesure …" runs the command, any other line is a question. Replies
 * are the same handlers' replies as in Slack, Block Kit rendered as text. Resolves at end of input.
 */
export async function runConsole(deps: HandlerDeps, io: ConsoleIo, actor: Actor = consoleActor()): Promise<void> {
  const rl = createInterface({ input: io.input, crlfDelay: Infinity, terminal: false });
  const prompt = () => io.interactive && io.write('> ');
  if (io.interactive) io.write(BANNER);
  prompt();
  let n = 0;
  // One conversation per session, so that a follow-up ("Et qui la pilote ?") reads the question before.
  let session = `console-${deps.now().getTime()}`;
  for await (const raw of rl) {
    const line = raw.trim();
    if (QUIT.has(line.toLowerCase())) break;
    if (NEW_CONVERSATION.has(line.toLowerCase())) {
      session = `console-${deps.now().getTime()}-${n}`;
      io.write('Nouvelle conversation.\n\n');
    } else if (line) {
      n += 1;
      io.write(`${await replyTo(deps, actor, line, session, io.pictureDir)}\n\n`);
    }
    prompt();
  }
  rl.close();
}

/** A reply as text; its picture, if any, saved in `pictureDir` (the line says where, or why not). */
function replyText(reply: Reply, pictureDir: string): string {
  const text = renderReplyText(reply);
  if (!reply.picture) return text;
  try {
    mkdirSync(pictureDir, { recursive: true });
    return `${text}\nFrise enregistrée : ${writePicture(join(pictureDir, reply.picture.filename), reply.picture.png)}`;
  } catch (error) {
    return `${text}\n${userMessageOf(error)}`;
  }
}

/** A reply's file (an export), written in the current directory: Slack would upload it. */
function saveFile(file: ReplyFile): string {
  const path = resolve(file.filename);
  try {
    writeFileSync(path, file.content);
    return `Fichier écrit : ${path}`;
  } catch {
    return `Le fichier n'a pas pu être écrit : ${path}`;
  }
}

/** The text reply to one console line. Never throws. */
export async function replyTo(deps: HandlerDeps, actor: Actor, line: string, session = 'console', pictureDir = DEFAULT_PICTURE_DIR): Promise<string> {
  const command = /^\/mesure(?:\s+|$)(.*)$/i.exec(line);
  if (command) {
    const reply = await handleMesureCommand(deps, actor, command[1] ?? '');
    const text = replyText(reply, pictureDir);
    return reply.file ? `${text}\n\n${saveFile(reply.file)}` : text;
  }
  if (/^\/(aide|help)$/i.test(line)) return renderReplyText(await handleMesureCommand(deps, actor, 'aide'));
  try {
    const result = await handleQuestion(deps, { question: line, userId: actor.userId, channel: actor.channelId, threadTs: session });
    return renderMessagesText(result.messages);
  } catch (error) {
    deps.logger.error('console question failed', { error: (error as Error)?.message ?? String(error) });
    return "Désolé, je n'ai pas pu répondre à cette question. Réessayez dans un instant.";
  }
}
