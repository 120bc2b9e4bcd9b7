import { JalonError, userMessageOf } from '../domain/errors.js';
import { STATUS_FR } from '../domain/types.js';
import { buildErrorBlocks, buildHelpBlocks } from '../slack/blocks/build-help-blocks.js';
import { buildHistoryBlocks } from '../slack/blocks/build-history-blocks.js';
import { buildMeasureCard } from '../slack/blocks/build-measure-card.js';
import { buildMeasureChoices, buildMilestoneChoices } from '../slack/blocks/build-measure-choices.js';
import { buildCompleteModal } from '../slack/blocks/build-modals.js';
import { escapeMrkdwn } from '../slack/escape-mrkdwn.js';
import { changeStatus } from './change-status.js';
import type { CommandDeps } from './command-deps.js';
import { listLate, listUpcoming, previewDigest } from './list-milestones.js';
import { showSubscriptions, subscribe, unsubscribe } from './manage-subscriptions.js';
import { parseMesureCommand, USAGE, type MesureCommand, type MesureVerb } from './parse-mesure-command.js';
import { resolveMeasure } from './resolve-measure.js';
import type { Actor, Reply } from './reply.js';

const ephemeral = (content: { text: string; blocks: Reply['blocks'] }): Reply => ({ ...content, ephemeral: true });

function notFound(ref: string, suggestions: readonly string[]): Reply {
  const hint = suggestions.length ? ` Vouliez-vous dire ${suggestions.join(', ')} ?` : '';
  return ephemeral(buildErrorBlocks(`Aucune mesure ne correspond à « ${ref} ».${hint}`, '/mesure <texte> ou /mesure voir <ID>'));
}

/** Resolves a reference, then `then(id)`; ambiguous → choice buttons re-running `command(id)`. */
async function withMeasure(
  deps: CommandDeps,
  ref: string,
  command: (id: string) => string,
  then: (id: string) => Reply | Promise<Reply>,
  buttonText = 'Choisir',
): Promise<Reply> {
  const r = resolveMeasure(deps.measures, ref);
  if (r.kind === 'none') return notFound(ref, r.suggestions);
  if (r.kind === 'many') {
    return ephemeral(buildMeasureChoices(`Plusieurs mesures correspondent à « ${escapeMrkdwn(ref)} » : laquelle ?`, r.measures, command, buttonText));
  }
  return then(r.measure.id);
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
      return withMeasure(deps, cmd.query, (id) => `voir ${id}`, (id) => card(deps, id), 'Voir');
    case 'show':
      return withMeasure(deps, cmd.ref, (id) => `voir ${id}`, (id) => card(deps, id), 'Voir');
    case 'history':
      return withMeasure(deps, cmd.ref, (id) => `historique ${id}`, (id) => {
        const measure = deps.measures.get(id);
        return ephemeral(buildHistoryBlocks(measure, deps.measures.history(id)));
      });
    case 'set-status': {
      const tail = `${cmd.status}${cmd.comment ? ` ${cmd.comment}` : ''}`;
      if (cmd.target === 'milestone') {
        // "jalon MS-C3-P4 fait": a measure, not a milestone → which of its milestones?
        try {
          deps.measures.getMilestone(cmd.ref);
        } catch (error) {
          if (!(error instanceof JalonError && error.code === 'not_found')) throw error;
          const r = resolveMeasure(deps.measures, cmd.ref);
          if (r.kind !== 'one') throw error;
          return ephemeral(
            buildMilestoneChoices(
              `\`${escapeMrkdwn(cmd.ref)}\` est une mesure : quel jalon passer à *${STATUS_FR[cmd.status]}* ?`,
              r.measure,
              (id) => `jalon ${id} ${tail}`,
            ),
          );
        }
        return changeStatus(deps, actor, { target: 'milestone', id: cmd.ref, status: cmd.status, comment: cmd.comment });
      }
      return withMeasure(deps, cmd.ref, (id) => `statut ${id} ${tail}`, (id) =>
        changeStatus(deps, actor, { target: 'measure', id, status: cmd.status, comment: cmd.comment }),
      );
    }
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
  }
}

/**
 * `/mesure …` for any surface: parses the text, runs the command, returns the reply to show.
 * Never throws: an expected failure is its French sentence, anything else a generic apology
 * (details go to the log only).
 */
export async function handleMesureCommand(deps: CommandDeps, actor: Actor, text: string): Promise<Reply> {
  const cmd = parseMesureCommand(text);
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
