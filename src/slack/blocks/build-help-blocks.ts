import { USAGE, type MesureVerb } from '../../commands/parse-mesure-command.js';
import { escapeMrkdwn } from '../escape-mrkdwn.js';
import { context, fallback, header, sections } from './block-builders.js';
import type { MessageContent } from './block-kit.js';

const HELP: [MesureVerb | null, string][] = [
  [null, 'cherche une mesure par son nom, un sigle, un pilote ou son numéro (`SAS`, `mesure 26`, `pilier 4`) et affiche sa fiche'],
  ['voir', 'affiche la fiche d’une mesure, par exemple `voir MS-C1-P3` ou `voir segur 25`'],
  ['statut', 'change le statut d’une mesure : prévu, en cours, en retard, bloqué, fait, abandonné'],
  ['jalon', 'change le statut d’un jalon, par exemple `jalon SEGUR-M25-J2 fait`'],
  ['retards', 'jalons en retard, par exemple `retards chantier:3`'],
  ['prochains', 'jalons à venir, par exemple `prochains pilier:2 30`'],
  ['historique', 'qui a changé quoi, et quand, par exemple `historique MS-C3-P1-S4`'],
  [
    'abonner',
    'ce canal reçoit le digest d’une portée (`chantier:3`, `pilier:2`, `programme:segur`), à l’horaire donné — `lundi 8h30`, `du lundi au vendredi 9h`, `tous les jours 8h` ou cron `30 8 * * 1` — sinon à l’horaire par défaut ; réabonner change l’horaire ou reprend un digest en pause',
  ],
  ['desabonner', 'ce canal ne reçoit plus ce digest'],
  ['abonnements', 'les digests que reçoit ce canal'],
  ['digest', 'aperçu du digest (visible de vous seul)'],
  ['export', 'le tableau de suivi d’une portée en fichier Excel (ou `csv`), envoyé dans la conversation, par exemple `export chantier:3`'],
  ['document', 'ajoute un document (PDF, Word, PowerPoint, texte) aux sources des réponses — administrateurs ; ou envoyez le fichier en message direct à Jalon'],
  ['frise', 'publie ici la frise d’une portée ou d’une mesure (image) : faits, retards, échéances, à venir'],
];

/** `/mesure aide`: every command with one line of explanation, and how to ask a question. */
export function buildHelpBlocks(): MessageContent {
  const lines = HELP.map(([verb, what]) => `• \`${escapeMrkdwn(verb ? USAGE[verb] : '/mesure <texte>')}\` — ${what}`);
  return {
    text: fallback('Aide de /mesure'),
    blocks: [
      header('Jalon — suivi des mesures'),
      ...sections(lines.join('\n')),
      ...sections(
        '*Questions* : mentionnez @Jalon dans un canal ou écrivez-moi en message direct ; je réponds dans le fil avec les sources citées. Les suites dans ce fil n’ont pas besoin de mention.',
      ),
      context('Les verbes anglais marchent aussi : show, status, milestone, late, upcoming, history, subscribe, unsubscribe, timeline, help.'),
    ],
  };
}

/** A refusal or an error: the French sentence, then how the command is used. */
export function buildErrorBlocks(message: string, usage?: string): MessageContent {
  const hint = usage ? `\nUsage : \`${escapeMrkdwn(usage)}\` — \`/mesure aide\` pour tout voir.` : '\n`/mesure aide` pour la liste des commandes.';
  return { text: fallback(message), blocks: sections(`:warning: ${escapeMrkdwn(message)}${hint}`) };
}
