import { describe, expect, it } from 'vitest';
import { parseMesureCommand, type MesureCommand } from '../../src/commands/parse-mesure-command.js';

/** One line per case: the text after /mesure, then what it must parse to (a subset). */
const _ = (text: string, expected: Partial<MesureCommand> & Record<string, unknown>) => () => expect(parseMesureCommand(text)).toMatchObject(expected);
const invalid = (text: string, message: RegExp) => () => {
  const cmd = parseMesureCommand(text);
  expect(cmd.kind).toBe('invalid');
  if (cmd.kind === 'invalid') expect(cmd.message).toMatch(message);
};

describe('parseMesureCommand', () => {
  it('empty', _('', { kind: 'help' }));
  it('spaces only', _('   ', { kind: 'help' }));
  it('aide', _('aide', { kind: 'help' }));
  it('help', _('help', { kind: 'help' }));
  it('AIDE capitals', _('AIDE', { kind: 'help' }));
  it('?', _('?', { kind: 'help' }));

  it('bare text is a search', _('assistants médicaux', { kind: 'find', query: 'assistants médicaux' }));
  it('bare acronym', _('SAS', { kind: 'find', query: 'SAS' }));
  it('unknown verb is a search', _('statuts MS-C3-P4', { kind: 'find', query: 'statuts MS-C3-P4' }));

  it('export all', _('export', { kind: 'export', scope: null, format: 'xlsx' }));
  it('export a scope', _('export chantier:3', { kind: 'export', scope: { kind: 'chantier', number: 3 }, format: 'xlsx' }));
  it('exporter a scope as csv', _('exporter pilier 4 csv', { kind: 'export', scope: { kind: 'pilier', number: 4 }, format: 'csv' }));
  it('export csv first', _('export CSV programme:segur', { kind: 'export', scope: { kind: 'programme', id: 'segur' }, format: 'csv' }));
  it('export a bad scope', invalid('export axe:2', /Portée invalide/));
  it('document ajouter', _('document ajouter', { kind: 'document-add' }));
  it('doc add in English', _('doc add', { kind: 'document-add' }));
  it('document alone adds', _('Documents', { kind: 'document-add' }));
  it('document with an unknown action', invalid('document supprimer D3', /Action inconnue : « supprimer D3 »/));

  it('voir ID', _('voir MS-C3-P4', { kind: 'show', ref: 'MS-C3-P4' }));
  it('show alias', _('show segur-m25', { kind: 'show', ref: 'segur-m25' }));
  it('voir several words searches', _('voir assistants médicaux', { kind: 'find', query: 'assistants médicaux' }));
  it('voir alone asks', _('voir', { kind: 'incomplete', verb: 'voir', ref: null }));
  it('voir with a character no ID has searches', _('voir SAS & co', { kind: 'find', query: 'SAS & co', verb: 'voir' }));
  it('voir one odd token searches', _('voir SAS&co', { kind: 'find', query: 'SAS&co', verb: 'voir' }));
  it('voir a long text searches', _(`voir ${'x'.repeat(90)}`, { kind: 'find', verb: 'voir' }));
  it('historique with a name', _('historique SAS & co', { kind: 'history', ref: 'SAS & co' }));

  it('statut ID status', _('statut MS-C3-P4 fait', { kind: 'set-status', target: 'measure', ref: 'MS-C3-P4', status: 'done', comment: null }));
  it('status in English', _('status MS-C3-P4 in_progress', { kind: 'set-status', status: 'in_progress' }));
  it('two-word status', _('statut MS-C3-P4 en cours', { kind: 'set-status', status: 'in_progress', comment: null }));
  it('two-word English status', _('status MS-C3-P4 in progress', { kind: 'set-status', status: 'in_progress' }));
  it('status then comment', _('statut MS-C3-P4 en retard attente du décret', { kind: 'set-status', status: 'late', comment: 'attente du décret' }));
  it('accents folded', _('statut MS-C3-P4 BLOQUÉ', { kind: 'set-status', status: 'blocked' }));
  it('quoted comment', _('statut MS-C3-P4 fait "validé en COPIL"', { kind: 'set-status', comment: 'validé en COPIL' }));
  it('French quotes', _('statut MS-C3-P4 fait « validé »', { kind: 'set-status', comment: 'validé' }));
  it('état alias', _('etat SEGUR-M25 abandonné', { kind: 'set-status', status: 'cancelled' }));
  it('statut alone asks', _('statut', { kind: 'incomplete', verb: 'statut', ref: null }));
  it('statut without status asks with the ID', _('statut MS-C3-P4', { kind: 'incomplete', verb: 'statut', ref: 'MS-C3-P4' }));
  it('unknown status', invalid('statut MS-C3-P4 peut-être', /Statut inconnu.*prévu, en cours/));
  it('comment too long', invalid(`statut MS-C3-P4 fait ${'x'.repeat(301)}`, /trop long/));
  it('markup in the ID', invalid('statut <!channel> fait', /Identifiant invalide/));

  it('jalon ID status', _('jalon MS-C3-P4-J2 fait', { kind: 'set-status', target: 'milestone', ref: 'MS-C3-P4-J2', status: 'done' }));
  it('milestone alias', _('milestone MS-C3-P4-J2 late', { kind: 'set-status', target: 'milestone', status: 'late' }));
  it('jalon alone asks', _('jalon', { kind: 'incomplete', verb: 'jalon' }));

  it('retards', _('retards', { kind: 'late', scope: null }));
  it('retards chantier:3', _('retards chantier:3', { kind: 'late', scope: { kind: 'chantier', number: 3 } }));
  it('retards chantier 3', _('retards chantier 3', { kind: 'late', scope: { kind: 'chantier', number: 3 } }));
  it('late pilier:2', _('late pilier:2', { kind: 'late', scope: { kind: 'pilier', number: 2 } }));
  it('overdue programme', _('overdue programme:segur', { kind: 'late', scope: { kind: 'programme', id: 'segur' } }));
  it('retards bad scope', invalid('retards quartier:3', /Portée invalide/));
  it('retards two scopes', invalid('retards chantier:3 pilier:2', /Une seule portée/));

  it('prochains', _('prochains', { kind: 'upcoming', scope: null, days: null }));
  it('prochains 30', _('prochains 30', { kind: 'upcoming', scope: null, days: 30 }));
  it('prochains chantier 3', _('prochains chantier 3', { kind: 'upcoming', scope: { kind: 'chantier', number: 3 }, days: null }));
  it('prochains chantier 3 30', _('prochains chantier 3 30', { kind: 'upcoming', scope: { kind: 'chantier', number: 3 }, days: 30 }));
  it('prochains pilier:2 15 jours', _('prochains pilier:2 15 jours', { kind: 'upcoming', scope: { kind: 'pilier', number: 2 }, days: 15 }));
  it('upcoming 7d', _('upcoming 7d', { kind: 'upcoming', days: 7 }));
  it('prochains 60j chantier:1', _('prochains 60j chantier:1', { kind: 'upcoming', scope: { kind: 'chantier', number: 1 }, days: 60 }));
  it('prochains 0', invalid('prochains 0', /Au moins 1 jour/));
  it('prochains 1000', invalid('prochains 1000', /Au plus 365/));

  it('historique ID', _('historique MS-C3-P4', { kind: 'history', ref: 'MS-C3-P4' }));

  it('frise alone', _('frise', { kind: 'timeline', target: null }));
  it('frise chantier 3', _('frise chantier 3', { kind: 'timeline', target: 'chantier:3' }));
  it('timeline programme', _('timeline programme:ségur', { kind: 'timeline', target: 'programme:ségur' }));
  it('frise ID', _('frise MS-C3-P2', { kind: 'timeline', target: 'MS-C3-P2' }));
  it('frise two targets', invalid('frise chantier:3 pilier:2', /Une seule portée ou mesure/));
  it('frise markup', invalid('frise <!here>', /Identifiant invalide/));
  it('history alias', _('history SEGUR-M25', { kind: 'history', ref: 'SEGUR-M25' }));
  it('historique alone asks', _('historique', { kind: 'incomplete', verb: 'historique' }));

  it('abonner chantier:3', _('abonner chantier:3', { kind: 'subscribe', scope: { kind: 'chantier', number: 3 }, schedule: null }));
  it('abonner with a French schedule', _('abonner chantier:3 lundi 8h30', { kind: 'subscribe', scope: { kind: 'chantier', number: 3 }, schedule: 'lundi 8h30' }));
  it('abonner chantier 3 with a schedule', _('abonner chantier 3 du lundi au vendredi 9h', { kind: 'subscribe', scope: { kind: 'chantier', number: 3 }, schedule: 'du lundi au vendredi 9h' }));
  it('abonner with a cron string', _('abonner pilier:2 30 8 * * 1', { kind: 'subscribe', scope: { kind: 'pilier', number: 2 }, schedule: '30 8 * * 1' }));
  it('abonner with a quoted schedule', _('abonner chantier:3 « le mardi à 9 h »', { kind: 'subscribe', schedule: 'le mardi à 9 h' }));
  it('subscribe with a schedule', _('subscribe programme:segur tous les jours 7h45', { kind: 'subscribe', scope: { kind: 'programme', id: 'segur' }, schedule: 'tous les jours 7h45' }));
  it('abonner: an unreadable schedule is the handler’s to refuse', _('abonner chantier:3 bientôt', { kind: 'subscribe', schedule: 'bientôt' }));
  it('abonner two scopes', invalid('abonner chantier:3 pilier:2 lundi', /Une seule portée.*chantier:3 pilier:2/));
  it('abonner schedule first', invalid('abonner lundi 8h30', /Portée invalide/));
  it('abonner schedule too long', invalid(`abonner chantier:3 ${'lundi '.repeat(30)}`, /Horaire trop long/));
  it('subscribe pilier 2', _('subscribe pilier 2', { kind: 'subscribe', scope: { kind: 'pilier', number: 2 } }));
  it('abonner programme:MS', _('abonner programme:MS', { kind: 'subscribe', scope: { kind: 'programme', id: 'ms' } }));
  it('abonner alone asks', _('abonner', { kind: 'incomplete', verb: 'abonner' }));
  it('abonner nonsense', invalid('abonner tout', /Portée invalide/));
  it('desabonner', _('desabonner chantier:3', { kind: 'unsubscribe', scope: { kind: 'chantier', number: 3 } }));
  it('désabonner accented', _('désabonner chantier:3', { kind: 'unsubscribe' }));
  it('unsubscribe', _('unsubscribe pilier:1', { kind: 'unsubscribe', scope: { kind: 'pilier', number: 1 } }));
  it('abonnements', _('abonnements', { kind: 'subscriptions' }));

  it('digest', _('digest', { kind: 'digest', scope: null }));
  it('digest chantier:3', _('digest chantier:3', { kind: 'digest', scope: { kind: 'chantier', number: 3 } }));
  it('résumé alias', _('résumé pilier:4', { kind: 'digest', scope: { kind: 'pilier', number: 4 } }));

  it('too long', invalid('x'.repeat(501), /trop longue/));
  it('collapses whitespace', _('  statut\tMS-C3-P4\n fait  ', { kind: 'set-status', status: 'done' }));
});
