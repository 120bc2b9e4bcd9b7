import { JalonError, userMessageOf } from '../domain/errors.js';
import { STATUS_FR, type Measure } from '../domain/types.js';
import { sections } from '../slack/blocks/block-builders.js';
import { LIMITS } from '../slack/blocks/block-kit.js';
import { buildErrorBlocks, buildHelpBlocks } from '../slack/blocks/build-help-blocks.js';
import { buildHistoryBlocks } from '../slack/blocks/build-history-blocks.js';
import { buildMeasureCard } from '../slack/blocks/build-measure-card.js';
import { buildMeasureChoices, buildMilestoneChoices } from '../slack/blocks/build-measure-choices.js';
import { buildCompleteModal } from '../slack/blocks/build-modals.js';
import { escapeMrkdwn } from '../slack/escape-mrkdwn.js';
import { documentForm } from './add-document.js';
import { looksLikeScope, resolveTimelineTarget } from '../timeline/load-timeline.js';
import { changeStatus } from './change-status.js';
import { exportSheet } from './export-sheet.js';
import type { CommandDeps } from './command-deps.js';
import { listLate, listUpcoming, previewDigest } from './list-milestones.js';
import { showSubscriptions, subscribe, unsubscribe } from './manage-subscriptions.js';
import { parseMesureCommand, USAGE, type MesureCommand, type MesureVerb } from './parse-mesure-command.js';
import { resolveMeasure } from './resolve-measure.js';
import { defaultTimelineTarget, timelineReply } from './show-timeline.js';
import { ephemeral, type Actor, type Reply } from './reply.js';

type SetStatusCommand = Extract<MesureCommand, { kind: 'set-status' }>;

/** Usage line of a not-found reply: the verb typed, or the search for a bare text. */
const usageOf = (verb: MesureVerb | null) => (verb ? USAGE[verb] : '/mesure <texte> ou /mesure voir <ID>');

function notFound(ref: string, suggestions: readonly string[], verb: MesureVerb | null): Reply {
  const hint = suggestions.length ? ` Vouliez-vous dire ${suggestions.join(', ')} ?` : '';
  return ephemeral(buildErrorBlocks(`Aucune mesure ne correspond à « ${ref} ».${hint}`, usageOf(verb)));
}

/** Candidates to confirm with a button, each re-running `command(id)`. */
function choices(ref: string, measures: readonly Measure[], command: (id: string) => string, buttonText: string): Reply {
  // A single candidate is still a question: it was not typed exactly, so nothing runs unconfirmed.
  const prompt =
    measures.length === 1
      ? `Aucune mesure ne s’appelle exactement « ${escapeMrkdwn(ref)} ». Vouliez-vous dire celle-ci ?`
      : `Plusieurs mesures correspondent à « ${escapeMrkdwn(ref)} » : laquelle ?`;
  return ephemeral(buildMeasureChoices(prompt, measures, command, buttonText));
}

/** The reply for the only fuzzy hit, labelled as a guess: it is not the measure that was asked for. */
function asGuess(reply: Reply, ref: string, measure: Measure): Reply {
  const note = sections(`:mag: Rien ne correspond exactement à « ${escapeMrkdwn(ref)} ». Vouliez-vous dire *${escapeMrkdwn(measure.id)}* ?`);
  return { ...reply, text: `Vouliez-vous dire ${measure.id} ? ${reply.text}`, blocks: [...note, ...reply.blocks].slice(0, LIMITS.blocksPerMessage) };
}

/**
 * Resolves a reference for a command that only reads (lenient), then `then(id)`; ambiguous →
 * choice buttons re-running `command(id)`. A single fuzzy hit is shown labelled as a guess, unless
 * the person typed a bare search (`labelGuess` false): then the hit is what they searched for.
 */
async function withMeasure(
  deps: CommandDeps,
  ref: string,
  verb: MesureVerb | null,
  command: (id: string) => string,
  then: (id: string) => Reply | Promise<Reply>,
  options: { buttonText?: string; labelGuess?: boolean } = {},
): Promise<Reply> {
  const r = resolveMeasure(deps.measures, ref);
  if (r.kind === 'none') return notFound(ref, r.suggestions, verb);
  if (r.kind === 'many') return choices(ref, r.measures, command, options.buttonText ?? 'Choisir');
  const reply = await then(r.measure.id);
  return r.guess && (options.labelGuess ?? true) ? asGuess(reply, ref, r.measure) : reply;
}

/**
 * `statut` / `jalon` (typed, chosen with a button or completed in a form): the reference is
 * resolved strictly — an exact ID, a unique ID suffix or an exact name; anything else becomes
 * choices to confirm, so a mistyped ID never changes another measure. An exact milestone ID given
 * to `statut` changes that milestone (it names nothing else); a measure given to `jalon` asks which
 * of its milestones.
 */
async function setStatusOf(deps: CommandDeps, actor: Actor, cmd: SetStatusCommand): Promise<Reply> {
  const tail = `${cmd.status}${cmd.comment ? ` ${cmd.comment}` : ''}`;
  const verb = cmd.target === 'measure' ? 'statut' : 'jalon';
  const change = (target: 'measure' | 'milestone', id: string) => changeStatus(deps, actor, { target, id, status: cmd.status, comment: cmd.comment });
  const r = resolveMeasure(deps.measures, cmd.ref, { strict: true });
  if (r.kind === 'none') {
    if (cmd.target === 'measure') return notFound(cmd.ref, r.suggestions, verb);
    const hint = r.suggestions.length ? ` Mesures proches : ${r.suggestions.join(', ')}.` : '';
    return ephemeral(buildErrorBlocks(`Jalon introuvable : ${cmd.ref}.${hint}`, USAGE.jalon));
  }
  if (r.kind === 'many') return choices(cmd.ref, r.measures, (id) => `${verb} ${id} ${tail}`, 'Choisir');
  if (r.milestone) return change('milestone', r.milestone.id);
  if (cmd.target === 'measure') return change('measure', r.measure.id);
  // "jalon MS-C3-P4 fait": a measure, not a milestone → which of its milestones?
  return ephemeral(
    buildMilestoneChoices(
      `\`${escapeMrkdwn(r.measure.id)}\` est une mesure : quel jalon passer à *${STATUS_FR[cmd.status]}* ?`,
      r.measure,
      (id) => `jalon ${id} ${tail}`,
    ),
  );
}

function card(deps: CommandDeps, id: string): Reply {
  const measure = deps.measures.get(id);
  return ephemeral(buildMeasureCard(measure, { sourceTitle: deps.sourceTitle(measure.source.file) }));
}

/** The verb a command was typed with, for the usage line of an error. */
function verbOf(cmd: MesureCommand): MesureVerb | null {
  switch (cmd.kind) {
    case 'incomplete':
    case 'invalid':
      return cmd.verb;
    case 'show':
      return 'voir';
    case 'find':
      return cmd.verb ?? null;
    case 'set-status':
      return cmd.target === 'measure' ? 'statut' : 'jalon';
    case 'history':
      return 'historique';
    case 'late':
      return 'retards';
    case 'upcoming':
      return 'prochains';
    case 'subscribe':
      return 'abonner';
    case 'unsubscribe':
      return 'desabonner';
    case 'digest':
      return 'digest';
    case 'export':
      return 'export';
    case 'document-add':
      return 'document';
    case 'timeline':
      return 'frise';
    default:
      return null;
  }
}

/** Runs one parsed /mesure command for `actor`. Throws only JalonErrors and unexpected bugs. */
async function run(deps: CommandDeps, actor: Actor, cmd: MesureCommand): Promise<Reply> {
  switch (cmd.kind) {
    case 'help':
      return ephemeral(buildHelpBlocks());
    case 'invalid':
      return ephemeral(buildErrorBlocks(cmd.message, cmd.verb ? USAGE[cmd.verb] : undefined));
    case 'incomplete': {
      const usage = USAGE[cmd.verb];
      return {
        ...ephemeral(buildErrorBlocks(`Il manque des informations. Complétez le formulaire, ou tapez : ${usage}`)),
        modal: buildCompleteModal(cmd.verb, { ref: cmd.ref, status: cmd.status, comment: cmd.comment }, actor.channelId),
      };
    }
    case 'find':
      return withMeasure(deps, cmd.query, cmd.verb ?? null, (id) => `voir ${id}`, (id) => card(deps, id), { buttonText: 'Voir', labelGuess: cmd.verb === 'voir' });
    case 'show':
      return withMeasure(deps, cmd.ref, 'voir', (id) => `voir ${id}`, (id) => card(deps, id), { buttonText: 'Voir' });
    case 'history':
      return withMeasure(deps, cmd.ref, 'historique', (id) => `historique ${id}`, (id) => {
        const measure = deps.measures.get(id);
        return ephemeral(buildHistoryBlocks(measure, deps.measures.history(id)));
      });
    case 'set-status':
      return setStatusOf(deps, actor, cmd);
    case 'late':
      return listLate(deps, cmd.scope);
    case 'upcoming':
      return listUpcoming(deps, cmd.scope, cmd.days);
    case 'subscribe':
      return subscribe(deps, actor, cmd.scope, cmd.schedule);
    case 'unsubscribe':
      return unsubscribe(deps, actor, cmd.scope);
    case 'subscriptions':
      return showSubscriptions(deps, actor);
    case 'digest':
      return previewDigest(deps, actor, cmd.scope);
    case 'export':
      return exportSheet(deps, cmd.scope, cmd.format);
    case 'document-add':
      return documentForm(deps, actor);
    case 'timeline': {
      const typed = cmd.target;
      if (typed === null) return timelineReply(deps, defaultTimelineTarget(deps, actor));
      if (looksLikeScope(typed)) return timelineReply(deps, resolveTimelineTarget(deps.db, deps.measures, typed));
      return withMeasure(deps, typed, 'frise', (id) => `frise ${id}`, (id) => timelineReply(deps, resolveTimelineTarget(deps.db, deps.measures, id)), { buttonText: 'Frise' });
    }
  }
}

/**
 * Runs a /mesure command already structured (a completed form, whose fields are not re-read as a
 * line). Never throws: an expected failure is its French sentence, anything else a generic apology
 * (details go to the log only).
 */
export async function runMesureCommand(deps: CommandDeps, actor: Actor, cmd: MesureCommand): Promise<Reply> {
  try {
    return await run(deps, actor, cmd);
  } catch (error) {
    if (!(error instanceof JalonError)) {
      deps.logger.error('mesure command failed', { kind: cmd.kind, error: (error as Error)?.message ?? String(error) });
    }
    const verb = verbOf(cmd);
    const usage = verb ? USAGE[verb] : undefined;
    return ephemeral(buildErrorBlocks(userMessageOf(error), usage));
  }
}

/** `/mesure …` for any surface: parses the text, then runs it like runMesureCommand. Never throws. */
export async function handleMesureCommand(deps: CommandDeps, actor: Actor, text: string): Promise<Reply> {
  return runMesureCommand(deps, actor, parseMesureCommand(text));
}

/** The same as handleMesureCommand for a status change already structured (the status modal). */
export async function handleStatusChange(deps: CommandDeps, actor: Actor, request: Parameters<typeof changeStatus>[2]): Promise<Reply> {
  try {
    return await changeStatus(deps, actor, request);
  } catch (error) {
    if (!(error instanceof JalonError)) deps.logger.error('status change failed', { error: (error as Error)?.message ?? String(error) });
    return ephemeral(buildErrorBlocks(userMessageOf(error)));
  }
}

/** Re-exported for surfaces that show a card from a button (value = measure id). */
export function showMeasureCard(deps: CommandDeps, id: string): Reply {
  try {
    return card(deps, id);
  } catch (error) {
    return ephemeral(buildErrorBlocks(userMessageOf(error)));
  }
}
