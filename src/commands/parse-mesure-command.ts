import { z } from 'zod';
import { userMessageOf } from '../domain/errors.js';
import type { Scope, Status } from '../domain/types.js';
import { parseScope } from '../measures/list-measures.js';
import { readStatus, VALID_STATUSES_FR } from '../measures/parse-status.js';
import { foldKey } from '../search/normalize.js';

/** The verbs of /mesure, by their French name. */
export type MesureVerb =
  | 'aide'
  | 'voir'
  | 'statut'
  | 'jalon'
  | 'retards'
  | 'prochains'
  | 'historique'
  | 'abonner'
  | 'desabonner'
  | 'abonnements'
  | 'digest'
  | 'frise'
  | 'export'
  | 'document';

/** A parsed /mesure line. `incomplete` asks for the rest in a form; `invalid` explains. */
export type MesureCommand =
  | { kind: 'help' }
  /** `verb`: typed as `voir <nom>` rather than as a bare search (for its usage line and labels). */
  | { kind: 'find'; query: string; verb?: 'voir' }
  | { kind: 'show'; ref: string }
  | { kind: 'set-status'; target: 'measure' | 'milestone'; ref: string; status: Status; comment: string | null }
  | { kind: 'late'; scope: Scope | null }
  | { kind: 'upcoming'; scope: Scope | null; days: number | null }
  | { kind: 'history'; ref: string }
  /** `schedule`: the words after the scope, as typed (read by the handler); null = not given. */
  | { kind: 'subscribe'; scope: Scope; schedule: string | null }
  | { kind: 'unsubscribe'; scope: Scope }
  | { kind: 'subscriptions' }
  | { kind: 'digest'; scope: Scope | null }
  | { kind: 'export'; scope: Scope | null; format: 'xlsx' | 'csv' }
  /** Add a document: a form with a file field (Slack), or how to from a terminal. */
  | { kind: 'document-add' }
  /** `target`: a scope or a measure as typed (scope words joined: "chantier:3"); null = not given. */
  | { kind: 'timeline'; target: string | null }
  | { kind: 'incomplete'; verb: 'voir' | 'statut' | 'jalon' | 'historique' | 'abonner' | 'desabonner'; ref: string | null; status: Status | null; comment: string | null }
  | { kind: 'invalid'; verb: MesureVerb | null; message: string };

/** Longest command text read; Slack allows more, nobody types more. */
export const MAX_COMMAND_LENGTH = 500;

/** French verbs, their English aliases and a few natural variants. */
const VERBS = new Map<string, MesureVerb>([
  ['aide', 'aide'],
  ['help', 'aide'],
  ['?', 'aide'],
  ['voir', 'voir'],
  ['show', 'voir'],
  ['view', 'voir'],
  ['fiche', 'voir'],
  ['statut', 'statut'],
  ['status', 'statut'],
  ['etat', 'statut'],
  ['jalon', 'jalon'],
  ['milestone', 'jalon'],
  ['retards', 'retards'],
  ['retard', 'retards'],
  ['late', 'retards'],
  ['overdue', 'retards'],
  ['prochains', 'prochains'],
  ['prochaines', 'prochains'],
  ['prochain', 'prochains'],
  ['upcoming', 'prochains'],
  ['next', 'prochains'],
  ['historique', 'historique'],
  ['history', 'historique'],
  ['abonner', 'abonner'],
  ['subscribe', 'abonner'],
  ['desabonner', 'desabonner'],
  ['unsubscribe', 'desabonner'],
  ['abonnements', 'abonnements'],
  ['subscriptions', 'abonnements'],
  ['digest', 'digest'],
  ['resume', 'digest'],
  ['apercu', 'digest'],
  ['export', 'export'],
  ['exporter', 'export'],
  ['tableau', 'export'],
  ['document', 'document'],
  ['documents', 'document'],
  ['doc', 'document'],
  ['frise', 'frise'],
  ['frises', 'frise'],
  ['timeline', 'frise'],
]);

/** How each verb is used, as the help and error replies print it. */
export const USAGE: Record<MesureVerb, string> = {
  aide: '/mesure aide',
  voir: '/mesure voir <ID>',
  statut: '/mesure statut <ID> <statut> [commentaire]',
  jalon: '/mesure jalon <ID-jalon> <statut> [commentaire]',
  retards: '/mesure retards [portée]',
  prochains: '/mesure prochains [portée] [jours]',
  historique: '/mesure historique <ID>',
  abonner: '/mesure abonner <portée> [horaire]',
  desabonner: '/mesure desabonner <portée>',
  abonnements: '/mesure abonnements',
  digest: '/mesure digest [portée]',
  export: '/mesure export [portée] [csv]',
  document: '/mesure document ajouter',
  frise: '/mesure frise [portée ou ID]',
};

/** An ID or a name as typed: one token, bounded. */
const Ref = z
  .string()
  .min(1)
  .max(80, 'Identifiant trop long.')
  .regex(/^[^\s<>&]+$/, 'Identifiant invalide.');

const ScopeArg = z.string().transform((text, ctx) => {
  try {
    return parseScope(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: userMessageOf(error) });
    return z.NEVER;
  }
});

const Days = z.coerce.number({ error: 'Nombre de jours invalide.' }).int('Nombre de jours entier attendu.').min(1, 'Au moins 1 jour.').max(365, 'Au plus 365 jours.');

const Comment = z
  .string()
  .max(300, 'Commentaire trop long (300 caractères au plus).')
  .transform((s) => s.replace(/^["«“]\s*|\s*["»”]$/g, '').trim() || null);

/** "chantier 3" → "chantier:3", so a scope is one token whatever the spelling. */
const joinScopeWords = (text: string) => text.replace(/\b(chantier|pilier|programme|program)\s*[:= ]\s*(\S+)/gi, '$1:$2');

const isScopeToken = (token: string) => /^(chantier|pilier|programme|program)[:=]/i.test(token);

/** A schedule as typed after the scope, quotes dropped ("lundi 8h30", « 30 8 * * 1 »); empty → null. */
const ScheduleText = z
  .string()
  .max(100, 'Horaire trop long.')
  .transform((s) => s.replace(/^["«“]\s*|\s*["»”]$/g, '').trim() || null);

const isDays = (token: string) => /^\d+(j|jours?|d|days?)?$/i.test(token);
const DAY_WORDS = new Set(['j', 'jour', 'jours', 'd', 'day', 'days']);

function invalid(verb: MesureVerb | null, error: z.ZodError | string): MesureCommand {
  const message = typeof error === 'string' ? error : (error.issues[0]?.message ?? 'Commande invalide.');
  return { kind: 'invalid', verb, message };
}

/** Optional scope then optional day count ("chantier 3 30 jours", "30j", "pilier:2"). */
function parseScopeAndDays(verb: MesureVerb, rest: string, allowDays: boolean): { scope: Scope | null; days: number | null } | MesureCommand {
  const tokens = joinScopeWords(rest).split(/\s+/).filter(Boolean);
  let days: number | null = null;
  const scopeTokens: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (allowDays && days === null && isDays(token)) {
      const parsed = Days.safeParse(token.replace(/\D+$/, ''));
      if (!parsed.success) return invalid(verb, parsed.error);
      days = parsed.data;
      if (DAY_WORDS.has(foldKey(tokens[i + 1] ?? ''))) i += 1;
    } else scopeTokens.push(token);
  }
  if (scopeTokens.length > 1) return invalid(verb, `Une seule portée à la fois (reçu : « ${scopeTokens.join(' ')} »).`);
  if (scopeTokens.length === 0) return { scope: null, days };
  const scope = ScopeArg.safeParse(scopeTokens[0]);
  if (!scope.success) return invalid(verb, scope.error);
  return { scope: scope.data, days };
}

/** "<ref> <statut> [commentaire]": the status may take two words ("en cours", "in progress"). */
function parseStatusChange(verb: 'statut' | 'jalon', rest: string): MesureCommand {
  const tokens = rest.split(/\s+/).filter(Boolean);
  const target = verb === 'statut' ? 'measure' : 'milestone';
  if (tokens.length === 0) return { kind: 'incomplete', verb, ref: null, status: null, comment: null };
  const ref = Ref.safeParse(tokens[0]);
  if (!ref.success) return invalid(verb, ref.error);
  if (tokens.length === 1) return { kind: 'incomplete', verb, ref: ref.data, status: null, comment: null };
  let status: Status | null = null;
  let used = 0;
  for (const n of [3, 2, 1]) {
    if (tokens.length < 1 + n) continue;
    status = readStatus(tokens.slice(1, 1 + n).join(' '));
    if (status) {
      used = n;
      break;
    }
  }
  if (!status) return invalid(verb, `Statut inconnu : « ${tokens[1]} ». Statuts valides : ${VALID_STATUSES_FR}.`);
  const comment = Comment.safeParse(tokens.slice(1 + used).join(' '));
  if (!comment.success) return invalid(verb, comment.error);
  return { kind: 'set-status', target, ref: ref.data, status, comment: comment.data };
}

/** "<portée> [horaire]": the scope first, then the schedule as typed ("lundi 8h30", a cron string). */
function parseSubscribe(rest: string): MesureCommand {
  const [first, ...others] = joinScopeWords(rest).split(/\s+/).filter(Boolean);
  if (first === undefined) return { kind: 'incomplete', verb: 'abonner', ref: null, status: null, comment: null };
  const scope = ScopeArg.safeParse(first);
  if (!scope.success) return invalid('abonner', scope.error);
  const extra = others.filter(isScopeToken);
  if (extra.length > 0) return invalid('abonner', `Une seule portée à la fois (reçu : « ${[first, ...extra].join(' ')} »).`);
  const schedule = ScheduleText.safeParse(others.join(' '));
  if (!schedule.success) return invalid('abonner', schedule.error);
  return { kind: 'subscribe', scope: scope.data, schedule: schedule.data };
}

/**
 * The argument of `voir` / `historique`: one ID-shaped token is an ID; several words, a long text or
 * characters no ID has ("SAS & co") are a name to search — never an "invalid ID" error. Pure.
 */
export function parseRefArgument(verb: 'voir' | 'historique', text: string): MesureCommand {
  const rest = text.replace(/\s+/g, ' ').trim();
  if (!rest) return { kind: 'incomplete', verb, ref: null, status: null, comment: null };
  const ref = Ref.safeParse(rest);
  if (ref.success) return verb === 'voir' ? { kind: 'show', ref: ref.data } : { kind: 'history', ref: ref.data };
  return verb === 'voir' ? { kind: 'find', query: rest, verb: 'voir' } : { kind: 'history', ref: rest };
}

/**
 * Reads the text after /mesure. French verbs, English aliases; a text that starts with no verb is
 * a search. Never throws: a line that cannot be read is `invalid` with a French explanation, a
 * line missing an argument is `incomplete` (the surface asks for it in a form). Pure.
 */
export function parseMesureCommand(input: string): MesureCommand {
  const text = input.replace(/\s+/g, ' ').trim();
  if (text.length > MAX_COMMAND_LENGTH) return invalid(null, `Commande trop longue (${MAX_COMMAND_LENGTH} caractères au plus).`);
  if (!text) return { kind: 'help' };
  const space = text.indexOf(' ');
  const head = space < 0 ? text : text.slice(0, space);
  const rest = space < 0 ? '' : text.slice(space + 1).trim();
  const verb = VERBS.get(foldKey(head));
  if (!verb) return { kind: 'find', query: text };
  switch (verb) {
    case 'aide':
      return { kind: 'help' };
    case 'voir':
    case 'historique':
      return rest ? parseRefArgument(verb, rest) : { kind: 'incomplete', verb, ref: null, status: null, comment: null };
    case 'statut':
    case 'jalon':
      return parseStatusChange(verb, rest);
    case 'retards':
    case 'digest': {
      const parsed = parseScopeAndDays(verb, rest, false);
      if ('kind' in parsed) return parsed;
      return verb === 'retards' ? { kind: 'late', scope: parsed.scope } : { kind: 'digest', scope: parsed.scope };
    }
    case 'prochains': {
      const parsed = parseScopeAndDays(verb, rest, true);
      if ('kind' in parsed) return parsed;
      return { kind: 'upcoming', scope: parsed.scope, days: parsed.days };
    }
    case 'abonner':
      return parseSubscribe(rest);
    case 'desabonner': {
      if (!rest) return { kind: 'incomplete', verb, ref: null, status: null, comment: null };
      const parsed = parseScopeAndDays(verb, rest, false);
      if ('kind' in parsed) return parsed;
      if (!parsed.scope) return { kind: 'incomplete', verb, ref: null, status: null, comment: null };
      return { kind: 'unsubscribe', scope: parsed.scope };
    }
    case 'abonnements':
      return { kind: 'subscriptions' };
    case 'export': {
      // "export chantier:3 csv": an optional format word, then the scope as for the lists.
      const words = rest.split(/\s+/).filter(Boolean);
      const format = words.some((w) => /^(csv)$/i.test(w)) ? 'csv' : 'xlsx';
      const parsed = parseScopeAndDays(verb, words.filter((w) => !/^(csv|xlsx|excel)$/i.test(w)).join(' '), false);
      if ('kind' in parsed) return parsed;
      return { kind: 'export', scope: parsed.scope, format };
    }
    case 'document':
      return ['', 'ajouter', 'add', 'ajout', 'nouveau'].includes(foldKey(rest))
        ? { kind: 'document-add' }
        : invalid('document', `Action inconnue : « ${rest} ». Pour ajouter un document : ${USAGE.document}, ou envoyez le fichier en message direct à Jalon.`);
    case 'frise': {
      const tokens = joinScopeWords(rest).split(/\s+/).filter(Boolean);
      if (tokens.length === 0) return { kind: 'timeline', target: null };
      if (tokens.length > 1) return invalid(verb, `Une seule portée ou mesure à la fois (reçu : « ${tokens.join(' ')} »).`);
      const target = Ref.safeParse(tokens[0]);
      if (!target.success) return invalid(verb, target.error);
      return { kind: 'timeline', target: target.data };
    }
  }
}
