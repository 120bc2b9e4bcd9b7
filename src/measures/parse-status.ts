import { JalonError } from '../domain/errors.js';
import { STATUS_FR, STATUSES, type Status } from '../domain/types.js';
import { foldKey as fold } from '../search/normalize.js';

/** Every spelling a person may type, folded: the English id and the French word of each status. */
const WORDS = new Map<string, Status>([
  ...STATUSES.map((s) => [fold(s), s] as const),
  ...STATUSES.map((s) => [fold(STATUS_FR[s]), s] as const),
  // Common variants: feminine / plural agreement, and the verbs people use in chat.
  ['prevue', 'planned'],
  ['a venir', 'planned'],
  ['en retard', 'late'],
  ['retard', 'late'],
  ['bloquee', 'blocked'],
  ['faite', 'done'],
  ['termine', 'done'],
  ['terminee', 'done'],
  ['abandonnee', 'cancelled'],
  ['annule', 'cancelled'],
  ['annulee', 'cancelled'],
  ['canceled', 'cancelled'],
]);

/** The valid statuses as people read them: "prévu, en cours, …". */
export const VALID_STATUSES_FR = STATUSES.map((s) => STATUS_FR[s]).join(', ');

/** Reads a status in English or French ("en cours", "in_progress", "Bloqué"), or null. */
export function readStatus(text: string): Status | null {
  return WORDS.get(fold(text)) ?? null;
}

/** Like readStatus, but an unknown word is an error that lists the valid ones. */
export function parseStatus(text: string): Status {
  const status = readStatus(text);
  if (status) return status;
  throw new JalonError(
    'invalid_input',
    `invalid status "${text}"`,
    `Statut inconnu : « ${text} ». Statuts valides : ${VALID_STATUSES_FR}.`,
  );
}
