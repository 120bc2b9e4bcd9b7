import type { Subscription } from '../../db/slack-store.js';
import { escapeMrkdwn } from '../escape-mrkdwn.js';
import { context, divider, header, sections } from './block-builders.js';
import { LIMITS, type Block, type HomeView } from './block-kit.js';
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
}

const MAX_LISTED = 40;

function subscriptionLines(input: HomeInput): string {
  if (!input.subscriptions) return '_Les abonnements n’ont pas pu être lus pour l’instant. Désolé : rouvrez cet onglet dans un instant._';
  const { shown, unchecked } = input.subscriptions;
  const lines = shown.slice(0, MAX_LISTED).map((s) => `• ${channelLabel(s.channel)} · \`${escapeMrkdwn(s.scope)}\`${s.paused ? ' _(en pause)_' : ''}`);
  if (shown.length > MAX_LISTED) lines.push(`_… et ${shown.length - MAX_LISTED} autres._`);
  if (unchecked > 0) lines.push(`_${unchecked} autre(s) canal(aux) abonné(s) : \`/mesure abonnements\` dans un canal montre les siens._`);
  if (lines.length > 0) return lines.join('\n');
  return input.isAdmin ? '_Aucun canal abonné pour l’instant._' : '_Aucun des canaux dont vous êtes membre n’est abonné._';
}

/**
 * The App Home tab: what Jalon does, the commands, the user's rights, the subscribed channels
 * (every one for an admin, else those of the person's channels).
 */
export function buildHomeView(input: HomeInput): HomeView {
  const rights = input.isAdmin
    ? 'Vous êtes *administrateur* de Jalon : vous pouvez modifier toutes les mesures et abonner des canaux.'
    : 'Vous pouvez modifier les mesures des portées auxquelles sont abonnés (hors pause) les canaux dont vous êtes membre.';
  const heading = input.isAdmin ? 'Canaux abonnés aux digests' : 'Vos canaux abonnés aux digests';
  const help = buildHelpBlocks().blocks.filter((b) => b.type !== 'header');
  const blocks: Block[] = [
    header('Jalon'),
    ...sections(
      'Je réponds aux questions sur les documents de la réforme du système de santé (Ma santé 2022, Ségur, STSS…) en citant mes sources, et je suis l’avancement des mesures et de leurs jalons.',
    ),
    ...sections(rights),
    divider(),
    ...help,
    divider(),
    ...sections(`*${heading}*\n${subscriptionLines(input)}`),
    context('Une réponse inexacte ? Le bouton « Signaler une erreur » sous chaque réponse nous la transmet avec ses sources.'),
  ];
  return { type: 'home', blocks: blocks.slice(0, LIMITS.blocksPerModal) };
}
