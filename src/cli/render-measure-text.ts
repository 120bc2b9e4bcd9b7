import { STATUS_FR, type DateLabel, type Measure, type StatusChange } from '../domain/types.js';
import type { LintIssue } from '../measures/lint-measures.js';
import { isUnchanged } from '../measures/set-status.js';

/** Terminal renderings of measures: pure, French, one string per call. */

const GROUP_FR: Record<string, string> = { C: 'chantier', P: 'pilier', O: 'objectif', T: 'thème' };

/** "chantier 3 — Titre du chantier", or the group id when its kind is not in the id. */
function groupLabel(m: Measure): string {
  if (!m.group) return '';
  const kind = /-([A-Z])\d+$/.exec(m.group)?.[1];
  const name = kind && GROUP_FR[kind] ? `${GROUP_FR[kind]} ${m.group.replace(/^.*-[A-Z]/, '')}` : m.group;
  return m.groupTitle ? `${name} — ${m.groupTitle}` : name;
}

function dateText(d: DateLabel | null): string {
  if (!d) return '—';
  if (d.from === null || d.to === null) return `${d.label} (date non lue)`;
  return d.from === d.to ? `${d.label} (${d.from})` : `${d.label} (${d.from} → ${d.to})`;
}

const shortMeasure = (m: Measure) => `${m.id} · ${STATUS_FR[m.status]} · ${m.title}`;

export function renderFindResults(results: readonly Measure[]): string {
  if (results.length === 0) return 'Aucune mesure trouvée.';
  return results
    .map((m, i) => {
      const details = [m.programme, groupLabel(m), m.pilots.length ? `pilotes : ${m.pilots.join(', ')}` : ''].filter(Boolean).join(' · ');
      return `${i + 1}. ${shortMeasure(m)}\n   ${details}`;
    })
    .join('\n');
}

export function renderMeasure(m: Measure): string {
  const status = m.statusSetBy
    ? `${STATUS_FR[m.status]} (posé par ${m.statusSetBy}${m.statusSetAt ? ` le ${m.statusSetAt.slice(0, 10)}` : ''})`
    : `${STATUS_FR[m.status]} (calculé)`;
  const lines = [
    `${m.id} — ${m.title}`,
    `Statut : ${status}`,
    `Programme : ${m.programme}${m.group ? ` · ${groupLabel(m)}` : ''}${m.parent ? ` · projet ${m.parent}` : ''}`,
  ];
  if (m.aliases.length) lines.push(`Aussi appelée : ${m.aliases.join(', ')}`);
  if (m.pilots.length) lines.push(`Pilotes : ${m.pilots.join(', ')}`);
  if (m.start || m.end) lines.push(`Début : ${dateText(m.start)} · Fin : ${dateText(m.end)}`);
  if (m.description) lines.push(`Description : ${m.description}`);
  if (m.statusText) lines.push(`Avancement (document) : ${m.statusText}`);
  if (m.milestones.length) {
    lines.push('Jalons :');
    for (const j of m.milestones) {
      // A label that only says when something starts ("À compter de mi-2019") has dates but no deadline.
      const dated = j.due ? ` (échéance ${j.due})` : j.from ? ` (à partir du ${j.from}, sans échéance)` : ' (date non lue)';
      const when = j.label ? `${j.label}${dated}` : 'sans date';
      lines.push(`  ${j.id} · ${STATUS_FR[j.status]} · ${when} · ${j.text}`);
    }
  }
  if (m.deliverables.length) lines.push(`Livrables : ${m.deliverables.join(' ; ')}`);
  lines.push(`Source : ${m.source.file}, lignes ${m.source.lines[0]}–${m.source.lines[1]}`);
  return lines.join('\n');
}

export function renderMeasureList(measures: readonly Measure[]): string {
  if (measures.length === 0) return 'Aucune mesure.';
  const width = Math.max(...measures.map((m) => m.id.length));
  const statusWidth = Math.max(...measures.map((m) => STATUS_FR[m.status].length));
  const rows = measures.map((m) => `${m.id.padEnd(width)}  ${STATUS_FR[m.status].padEnd(statusWidth)}  ${m.title}`);
  return [...rows, `${measures.length} mesure${measures.length > 1 ? 's' : ''}`].join('\n');
}

const statusOrDash = (s: StatusChange['oldStatus']) => (s ? STATUS_FR[s] : '—');

export function renderStatusChange(c: StatusChange): string {
  if (isUnchanged(c)) return `${c.targetId} : déjà ${STATUS_FR[c.newStatus]} — rien n’est enregistré.`;
  return `${c.targetId} : ${statusOrDash(c.oldStatus)} → ${STATUS_FR[c.newStatus]} (par ${c.who})${c.comment ? ` — « ${c.comment} »` : ''}`;
}

export function renderHistory(id: string, history: readonly StatusChange[]): string {
  if (history.length === 0) return `Aucun changement de statut pour ${id}.`;
  return history
    .map((c) => {
      const who = c.origin === 'seed' ? `${c.who} (document)` : `${c.who} (${c.origin})`;
      const at = c.origin === 'seed' ? c.at.slice(0, 10) : c.at.slice(0, 16).replace('T', ' ');
      return `${at}  ${who}  ${c.targetId} : ${statusOrDash(c.oldStatus)} → ${STATUS_FR[c.newStatus]}${c.comment ? ` — ${c.comment}` : ''}`;
    })
    .join('\n');
}

export function renderLint(issues: readonly LintIssue[]): string {
  if (issues.length === 0) return 'Aucun problème trouvé.';
  const errors = issues.filter((i) => i.level === 'error').length;
  const rows = issues.map((i) => `${i.level === 'error' ? 'erreur   ' : 'attention'}  ${i.id}  ${i.source}  ${i.message}`);
  const warnings = issues.length - errors;
  return [...rows, `${errors} erreur${errors > 1 ? 's' : ''}, ${warnings} avertissement${warnings > 1 ? 's' : ''}`].join('\n');
}
