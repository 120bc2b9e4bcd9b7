import type { Scope } from '../domain/types.js';
import { exportFileName, writeMeasureSheet } from '../measures/measure-spreadsheet.js';
import { sections } from '../slack/blocks/block-builders.js';
import { scopeLabel } from '../slack/blocks/format-fr.js';
import type { CommandDeps } from './command-deps.js';
import type { Reply } from './reply.js';

/**
 * `/mesure export [portée] [csv]`: the "tableau de suivi" of a scope as a spreadsheet, sent to the
 * conversation (any member may export; importing stays in the CLI). The reply says what the file
 * holds; the surface delivers the file (Slack: files.uploadV2).
 */
export async function exportSheet(deps: CommandDeps, typed: Scope | null, format: 'xlsx' | 'csv'): Promise<Reply> {
  const sheet = deps.measures.sheet(typed);
  const content = await writeMeasureSheet(sheet, format);
  const rows = sheet.sheets.reduce((n, s) => n + s.rows.length, 0);
  const label = scopeLabel(typed && sheet.scope !== 'tout' ? typed : null);
  const title = `Tableau de suivi — ${label} (état au ${sheet.stateDay})`;
  return {
    text: title,
    blocks: sections(`:bar_chart: *${title}* : ${rows} lignes (une par mesure et par jalon). Modifiez « Statut », « Commentaire » ou « Échéance », puis importez le fichier avec \`jalon measure import\`.`),
    ephemeral: true,
    file: { filename: exportFileName(sheet.scope, sheet.stateDay, format), title, content },
  };
}
