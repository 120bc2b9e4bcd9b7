import type { Subscription } from '../../db/slack-store.js';
import type { Dashboard, DashboardEntry } from '../../dashboard/build-dashboard.js';
import { shorten } from '../../digest/digest-sections.js';
import { formatDayLong, formatDayShort } from '../../digest/format-day-fr.js';
import { progressBar } from '../../digest/progress-bar.js';
import { escapeMrkdwn } from '../escape-mrkdwn.js';
import { context, divider, header, option, overflow, section, sections } from './block-builders.js';
import { LIMITS, type Block, type HomeView, type OptionObject } from './block-kit.js';
import { buildHelpBlocks } from './build-help-blocks.js';
import { channelLabel } from './format-fr.js';

/** The subscriptions a person may see: `unchecked` channels were counted, not checked (see the listener). */
export interface HomeSubscriptions {
  shown: readonly Subscription[];
  unchecked: number;
}

export interface HomeInput {
  userId: string;
  isAdmin: boolean;
  /** null: they could not be read (the database was busy). */
  subscriptions: HomeSubscriptions | null;
  /** The programme at a glance; null: it could not be read. */
  dashboard: Dashboard | null;
}

/** The App Home's "⋯" menu on each scope; the chosen option's value says what to open (see homeChoice). */
export const HOME_ACTIONS = { scope: 'home_scope' } as const;

/** What a dashboard menu option opens: the scope's point, its picture, or a measure's card. */
export type HomeChoice = { open: 'point' | 'frise'; scope: string } | { open: 'fiche'; measureId: string };

/** The option value for a choice ("point|chantier:3", "fiche|MS-C3-P4"), read back by homeChoice. */
export const homeChoiceValue = (choice: HomeChoice): string => (choice.open === 'fiche' ? `fiche|${choice.measureId}` : `${choice.open}|${choice.scope}`);

/** A dashboard menu value read back; null when it is not one. */
export function homeChoice(value: string): HomeChoice | null {
  const m = /^(point|frise|fiche)\|([^|\s]{1,100})$/.exec(value);
  if (!m) return null;
  return m[1] === 'fiche' ? { open: 'fiche', measureId: m[2]! } : { open: m[1] as 'point' | 'frise', scope: m[2]! };
}

const MAX_LISTED = 40;
const NEXT_TEXT = 70;

function subscriptionLines(input: HomeInput): string {
  if (!input.subscriptions) return '_Les abonnements n’ont pas pu être lus pour l’instant. Désolé : rouvrez cet onglet dans un instant._';
  const { shown, unchecked } = input.subscriptions;
  const lines = shown.slice(0, MAX_LISTED).map((s) => `• ${channelLabel(s.channel)} · \`${escapeMrkdwn(s.scope)}\`${s.paused ? ' _(en pause)_' : ''}`);
  if (shown.length > MAX_LISTED) lines.push(`_… et ${shown.length - MAX_LISTED} autres._`);
  if (unchecked > 0) lines.push(`_${unchecked} autre(s) canal(aux) abonné(s) : \`/mesure abonnements\` dans un canal montre les siens._`);
  if (lines.length > 0) return lines.join('\n');
  return input.isAdmin ? '_Aucun canal abonné pour l’instant._' : '_Aucun des canaux dont vous êtes membre n’est abonné._';
}

/** "▓▓░░░░ 31 % · 8/26 jalons faits · 🔴 3 en retard", or that nothing is tracked. */
function progressLine(e: DashboardEntry): string {
  if (e.total === 0) return '_Aucun jalon suivi._';
  const pct = Math.round((e.done / e.total) * 100);
  const late = e.overdue > 0 ? `🔴 ${e.overdue} en retard` : '✅ aucun retard';
  return `${progressBar(pct)} ${pct} % · ${e.done}/${e.total} jalons faits · ${late}`;
}

/** One scope: its title, progress, next three deadlines, and a menu to open its point, picture or cards. */
function entryBlock(e: DashboardEntry): Block {
  const lines = [`*${escapeMrkdwn(e.title)}*`, progressLine(e)];
  for (const d of e.next) lines.push(`→ ${formatDayShort(d.due)} · \`${escapeMrkdwn(d.milestoneId)}\` ${escapeMrkdwn(shorten(d.text, NEXT_TEXT))}`);
  if (e.total > 0 && e.next.length === 0) lines.push('_Aucune échéance à venir._');
  const options: OptionObject[] = [
    option('📋 Voir le point', homeChoiceValue({ open: 'point', scope: e.scope })),
    option('🖼️ Frise (image, en message privé)', homeChoiceValue({ open: 'frise', scope: e.scope })),
  ];
  for (const id of [...new Set(e.next.map((d) => d.measureId))]) options.push(option(`📄 Fiche ${id}`, homeChoiceValue({ open: 'fiche', measureId: id })));
  return section(lines.join('\n'), overflow(HOME_ACTIONS.scope, options));
}

/** The dashboard: each programme, then its chantiers or piliers. */
function dashboardBlocks(dashboard: Dashboard | null): Block[] {
  if (!dashboard) return sections('_Le tableau de bord n’a pas pu être lu pour l’instant. Désolé : rouvrez cet onglet dans un instant._');
  const blocks: Block[] = [header(`Tableau de bord — ${formatDayLong(dashboard.asOf)}`)];
  dashboard.programmes.forEach(({ entry, groups }, i) => {
    if (i > 0) blocks.push(divider());
    blocks.push(entryBlock(entry), ...groups.map(entryBlock));
  });
  blocks.push(context('Le menu ⋯ de chaque ligne ouvre son point, sa frise ou la fiche des prochaines échéances.'));
  return blocks;
}

/**
 * The App Home tab: what Jalon does, the user's rights, the programme at a glance (per programme
 * and chantier or pilier: progress, overdue, next deadlines), the subscribed channels (every one
 * for an admin, else those of the person's channels), the commands. At most 100 blocks.
 */
export function buildHomeView(input: HomeInput): HomeView {
  const rights = input.isAdmin
    ? 'Vous êtes *administrateur* de Jalon : vous pouvez modifier toutes les mesures et abonner des canaux.'
    : 'Vous pouvez modifier les mesures des portées auxquelles sont abonnés (hors pause) les canaux dont vous êtes membre.';
  const heading = input.isAdmin ? 'Canaux abonnés aux digests' : 'Vos canaux abonnés aux digests';
  const help = buildHelpBlocks().blocks.filter((b) => b.type !== 'header');
  const tail: Block[] = [
    divider(),
    ...sections(`*${heading}*\n${subscriptionLines(input)}`),
    divider(),
    ...help,
    context('Une réponse inexacte ? Le bouton « Signaler une erreur » sous chaque réponse nous la transmet avec ses sources.'),
  ];
  const head: Block[] = [
    header('Jalon'),
    ...sections(
      'Je réponds aux questions sur les documents de la réforme du système de santé (Ma santé 2022, Ségur, STSS…) en citant mes sources, et je suis l’avancement des mesures et de leurs jalons.',
    ),
    ...sections(rights),
    divider(),
  ];
  // The dashboard gives way first: the subscriptions and the commands always fit.
  const room = LIMITS.blocksPerModal - head.length - tail.length;
  const dashboard = dashboardBlocks(input.dashboard);
  const shown = dashboard.length <= room ? dashboard : [...dashboard.slice(0, room - 1), context('_… le tableau de bord continue : `/mesure digest programme:…` donne le point de chaque programme._')];
  return { type: 'home', blocks: [...head, ...shown, ...tail] };
}
