import type { Subscription } from '../../db/slack-store.js';
import { escapeMrkdwn } from '../escape-mrkdwn.js';
import { context, divider, header, sections } from './block-builders.js';
import { LIMITS, type Block, type HomeView } from './block-kit.js';
import { buildHelpBlocks } from './build-help-blocks.js';
import { channelLabel } from './format-fr.js';

export interface HomeInput {
  userId: string;
  isAdmin: boolean;
  subscriptions: readonly Subscription[];
}

/** The App Home tab: what Jalon does, the commands, the user's rights, the subscribed channels. */
export function buildHomeView(input: HomeInput): HomeView {
  const rights = input.isAdmin
    ? 'Vous êtes *administrateur* de Jalon : vous pouvez modifier toutes les mesures et abonner des canaux.'
    : 'Vous pouvez modifier les mesures des portées auxquelles sont abonnés les canaux dont vous êtes membre.';
  const subs = input.subscriptions.length
    ? input.subscriptions.slice(0, 40).map((s) => `• ${channelLabel(s.channel)} · \`${escapeMrkdwn(s.scope)}\`${s.paused ? ' _(en pause)_' : ''}`).join('\n')
    : '_Aucun canal abonné pour l’instant._';
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
    ...sections(`*Canaux abonnés aux digests*\n${subs}`),
    context('Une réponse inexacte ? Le bouton « Signaler une erreur » sous chaque réponse nous la transmet avec ses sources.'),
  ];
  return { type: 'home', blocks: blocks.slice(0, LIMITS.blocksPerModal) };
}
