import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerDeps } from '../../src/commands/deps-from-jalon.js';
import { handleMesureCommand, handleStatusChange } from '../../src/commands/handle-mesure-command.js';
import type { Actor, Reply } from '../../src/commands/reply.js';
import { pauseSubscription, readPauseReasons } from '../../src/db/digest-store.js';
import { addSubscription, listSubscriptions, recordDigestPosted } from '../../src/db/slack-store.js';
import type { Jalon } from '../../src/open-jalon.js';
import { ADMIN, openTestJalon, TEST_NOW, testDeps } from '../fakes/test-jalon.js';

let jalon: Jalon;
let deps: HandlerDeps;
const members = { CPILOT3: ['UMEMBER1'], CSEGUR: ['UMEMBER2'], CPAUSED1: ['UMEMBER3'] };
const admin: Actor = { userId: ADMIN, channelId: 'CGENERAL' };
const member: Actor = { userId: 'UMEMBER1', channelId: 'CGENERAL' };
const outsider: Actor = { userId: 'UOUTSIDE', channelId: 'CGENERAL' };

const text = (reply: Reply) => JSON.stringify(reply.blocks);
const run = (actor: Actor, line: string) => handleMesureCommand(deps, actor, line);

beforeAll(() => {
  jalon = openTestJalon();
  deps = testDeps(jalon, members);
  addSubscription(jalon.db, { channel: 'CPILOT3', scope: 'chantier:3', createdBy: ADMIN, createdAt: TEST_NOW.toISOString() });
  addSubscription(jalon.db, { channel: 'CSEGUR', scope: 'programme:segur', createdBy: ADMIN, createdAt: TEST_NOW.toISOString() });
});
afterAll(() => jalon.close());

describe('cards and search', () => {
  it('voir <ID> shows the card with its buttons', async () => {
    const reply = await run(outsider, 'voir MS-C3-P2');
    expect(reply.ephemeral).toBe(true);
    expect(reply.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Engagement maternité' } });
    expect(text(reply)).toContain('"action_id":"measure_update","text":{"type":"plain_text","text":"Mettre à jour le statut"');
    expect(text(reply)).toContain('Prochains jalons');
    expect(text(reply)).toContain('Source');
  });

  it('a lowercase ID, an alias and a partial ID resolve', async () => {
    expect((await run(outsider, 'voir ms-c3-p2')).blocks[0]).toMatchObject({ type: 'header' });
    expect(text(await run(outsider, 'SAS'))).toContain('SEGUR-M26');
    expect(text(await run(outsider, 'voir C3-P2'))).toContain('Engagement maternité');
  });

  it('an ambiguous name offers choices that re-run the command', async () => {
    const reply = await run(outsider, 'urgences');
    expect(text(reply)).toContain('Plusieurs mesures');
    expect(text(reply)).toContain('"action_id":"mesure_run"');
    expect(text(reply)).toContain('"value":"voir MS-C3-P1"');
  });

  it('nothing found: says so, suggests IDs, never throws', async () => {
    const reply = await run(outsider, 'voir MS-C3-P44');
    expect(reply.ephemeral).toBe(true);
    expect(text(reply)).toMatch(/Aucune mesure ne correspond|Vouliez-vous dire/);
  });

  it('historique lists changes', async () => {
    const reply = await run(outsider, 'historique MS-C3-P2');
    expect(text(reply)).toContain('Historique de MS-C3-P2');
  });

  it('retards, prochains and digest preview are ephemeral lists', async () => {
    expect(text(await run(outsider, 'retards chantier:3'))).toContain('Retards — chantier 3');
    expect(text(await run(outsider, 'prochains 60'))).toContain('dans les 60 prochains jours');
    const digest = await run({ userId: 'UX', channelId: 'CPILOT3' }, 'digest');
    expect(digest.ephemeral).toBe(true);
    expect(text(digest)).toContain('Aperçu');
    expect(text(digest)).toContain('Chantier 3');
    // An unknown scope is an error naming the valid ones, never an all-clear list.
    const unknown = text(await run(outsider, 'retards programme:inconnu'));
    expect(unknown).toContain('Portée inconnue : programme:inconnu');
    expect(unknown).toContain('programme:segur');
    expect(text(await run(outsider, 'retards chantier:99'))).toContain('Portées valides : chantier:1 à chantier:10');
    expect(text(await run(outsider, 'prochains pilier:9'))).toContain('Portée inconnue : pilier:9');
  });

  it('aide lists every command', async () => {
    const reply = await run(outsider, 'aide');
    expect(text(reply)).toContain('/mesure abonner &lt;portée&gt; [horaire]');
    expect(text(reply)).toContain('`lundi 8h30`');
    for (const usage of ['/mesure voir', '/mesure statut', '/mesure jalon', '/mesure retards', '/mesure prochains', '/mesure historique', '/mesure abonner', '/mesure desabonner', '/mesure digest']) {
      expect(text(reply)).toContain(usage);
    }
  });

  it('missing arguments: a modal, and the usage in case it cannot open', async () => {
    const reply = await run(outsider, 'statut MS-C3-P2');
    expect(reply.modal?.callback_id).toBe('mesure_complete');
    expect(JSON.stringify(reply.modal)).toContain('"initial_value":"MS-C3-P2"');
    expect(text(reply)).toContain('/mesure statut');
  });
});

describe('status changes and permissions', () => {
  it('an admin changes anything; history has the Slack user ID', async () => {
    const reply = await run(admin, 'statut STSS-M6 en cours lancé');
    expect(text(reply)).toContain('en cours');
    const last = jalon.measures.history('STSS-M6').at(-1)!;
    expect(last).toMatchObject({ who: ADMIN, newStatus: 'in_progress', comment: 'lancé', origin: 'slack' });
    expect(reply.notices).toEqual([]);
  });

  it('a member of a subscribed channel changes its scope; notices go to covering channels, in the latest digest thread', async () => {
    const sub = listSubscriptions(jalon.db, { channel: 'CPILOT3' })[0]!;
    recordDigestPosted(jalon.db, sub.id, '1700000000.000999', TEST_NOW);
    const reply = await run(member, 'jalon MS-C3-P3-J5 fait déployé');
    expect(jalon.measures.getMilestone('MS-C3-P3-J5').milestone.status).toBe('done');
    expect(reply.notices).toHaveLength(1);
    expect(reply.notices![0]).toMatchObject({ channel: 'CPILOT3', threadTs: '1700000000.000999' });
    expect(text({ ...reply, blocks: reply.notices![0]!.blocks })).toContain('<@UMEMBER1>');
    expect(text(reply)).toContain('<#CPILOT3>');
  });

  it('a member of another scope is refused, with who can', async () => {
    const before = jalon.measures.get('SEGUR-M25').status;
    const reply = await run(member, 'statut SEGUR-M25 fait');
    expect(text(reply)).toContain('Vous ne pouvez pas modifier');
    expect(text(reply)).toContain(`<@${ADMIN}>`);
    expect(text(reply)).toContain('<#CSEGUR>');
    expect(jalon.measures.get('SEGUR-M25').status).toBe(before);
  });

  it('nobody covering: the refusal says which subscription would grant it', async () => {
    const reply = await run(outsider, 'statut CFE-P16 fait');
    expect(text(reply)).toContain('aucun pour l’instant');
  });

  it('"jalon" on a measure ID asks which milestone', async () => {
    const reply = await run(admin, 'jalon MS-C3-P3 fait');
    expect(text(reply)).toContain('quel jalon');
    expect(text(reply)).toContain('"value":"jalon MS-C3-P3-J1 done"');
  });

  it('the status modal path (handleStatusChange) applies the same rules', async () => {
    const refused = await handleStatusChange(deps, outsider, { target: 'measure', id: 'MS-C3-P1', status: 'late', comment: null });
    expect(text(refused)).toContain('Vous ne pouvez pas');
    const unknown = await handleStatusChange(deps, admin, { target: 'milestone', id: 'MS-C3-P1-J99', status: 'late', comment: null });
    expect(text(unknown)).toContain('Jalon introuvable');
  });
});

describe('subscriptions', () => {
  it('only admins subscribe a channel; in_channel confirmation', async () => {
    const refused = await run({ userId: 'UMEMBER1', channelId: 'CNEW0001' }, 'abonner pilier:2');
    expect(text(refused)).toContain('Seuls les administrateurs');
    const ok = await run({ userId: ADMIN, channelId: 'CNEW0001' }, 'abonner programme:MS');
    expect(ok.ephemeral).toBe(false);
    expect(text(ok)).not.toMatch(/<(?![@#][UWC][A-Z0-9]+>)/);
    expect(listSubscriptions(jalon.db, { channel: 'CNEW0001' })[0]!.scope).toBe('programme:ma-sante-2022');
    expect((await run({ userId: ADMIN, channelId: 'CNEW0001' }, 'abonner programme:ma-sante-2022')).ephemeral).toBe(true);
    expect(text(await run({ userId: 'UX', channelId: 'CNEW0001' }, 'abonnements'))).toContain('programme:ma-sante-2022');
    const gone = await run({ userId: ADMIN, channelId: 'CNEW0001' }, 'desabonner programme:MS');
    expect(gone.ephemeral).toBe(false);
    expect(listSubscriptions(jalon.db, { channel: 'CNEW0001' })).toHaveLength(0);
  });

  it('refuses a DM, an unknown chantier and an unknown programme, naming the valid scopes', async () => {
    expect(text(await run({ userId: ADMIN, channelId: 'D0123456' }, 'abonner chantier:3'))).toContain('pas une conversation privée');
    expect(text(await run({ userId: ADMIN, channelId: 'CNEW0002' }, 'abonner chantier:42'))).toContain('Portée inconnue : chantier:42. Portées valides');
    expect(text(await run({ userId: ADMIN, channelId: 'CNEW0002' }, 'abonner programme:zzz'))).toContain('Portée inconnue : programme:zzz');
  });

  it('stores the schedule typed after the scope and confirms it in words', async () => {
    const where: Actor = { userId: ADMIN, channelId: 'CSCHED01' };
    const ok = await run(where, 'abonner chantier:3 lundi 8h30');
    expect(ok.ephemeral).toBe(false);
    // TEST_NOW is Monday 1 March 2021, 10:00 in Paris: the next one is the 8th.
    expect(text(ok)).toContain('Horaire : *le lundi à 8 h 30* — prochain point lundi 8 mars 2021 à 8 h 30');
    expect(listSubscriptions(jalon.db, { channel: 'CSCHED01' })).toMatchObject([{ scope: 'chantier:3', cron: '30 8 * * 1', paused: false }]);

    const moved = await run(where, 'abonner chantier 3 du lundi au vendredi 9h');
    expect(moved.ephemeral).toBe(false);
    expect(text(moved)).toContain('a changé l’horaire du digest du *chantier 3*');
    expect(text(moved)).toContain('*du lundi au vendredi à 9 h*');
    expect(text(moved)).toContain('prochain point mardi 2 mars 2021 à 9 h 00');
    expect(listSubscriptions(jalon.db, { channel: 'CSCHED01' })[0]!.cron).toBe('0 9 * * 1-5');

    const cron = await run(where, 'abonner chantier:3 0 9 1 * *');
    expect(text(cron)).toContain('*cron `0 9 1 * *`*');
    expect(listSubscriptions(jalon.db, { channel: 'CSCHED01' })[0]!.cron).toBe('0 9 1 * *');

    // Nothing new: said only to the admin, with the schedule and how to change it.
    const again = await run(where, 'abonner chantier:3');
    expect(again.ephemeral).toBe(true);
    expect(text(again)).toContain('reçoit déjà le digest du chantier 3');
    expect(text(again)).toContain('/mesure abonner chantier:3 lundi 8h30');
    expect(listSubscriptions(jalon.db, { channel: 'CSCHED01' })[0]!.cron).toBe('0 9 1 * *');
    expect(text(await run({ userId: 'UX', channelId: 'CSCHED01' }, 'abonnements'))).toContain('`chantier:3` · cron `0 9 1 * *`');
  });

  it('an unreadable schedule is refused with the forms that work, and nothing is stored', async () => {
    const where: Actor = { userId: ADMIN, channelId: 'CSCHED02' };
    for (const line of ['abonner chantier:3 bientôt', 'abonner chantier:3 lundi 25h', 'abonner chantier:3 99 8 * * 1']) {
      const reply = await run(where, line);
      expect(reply.ephemeral, line).toBe(true);
      expect(text(reply), line).toMatch(/Horaire illisible|Expression cron invalide/);
      expect(text(reply), line).toContain('/mesure abonner &lt;portée&gt; [horaire]');
    }
    expect(text(await run(where, 'abonner chantier:3 bientôt'))).toContain('« lundi 8h30 », « du lundi au vendredi 9h », « tous les jours 8h », ou une expression cron « 30 8 * * 1 »');
    expect(listSubscriptions(jalon.db, { channel: 'CSCHED02' })).toEqual([]);
    // An existing subscription keeps its schedule.
    await run(where, 'abonner chantier:3 mardi 10h');
    await run(where, 'abonner chantier:3 mardi 29h');
    expect(listSubscriptions(jalon.db, { channel: 'CSCHED02' })[0]!.cron).toBe('0 10 * * 2');
  });

  it('subscribing again resumes a paused subscription (channel_not_found…) and keeps its schedule', async () => {
    const where: Actor = { userId: ADMIN, channelId: 'CSCHED03' };
    await run(where, 'abonner pilier:2 jeudi 14h');
    const sub = listSubscriptions(jalon.db, { channel: 'CSCHED03' })[0]!;
    pauseSubscription(jalon.db, sub.id, { reason: 'not_in_channel', at: TEST_NOW });
    expect(text(await run({ userId: 'UX', channelId: 'CSCHED03' }, 'abonnements'))).toContain('_(en pause)_');
    const resumed = await run(where, 'abonner pilier:2');
    expect(resumed.ephemeral).toBe(false);
    expect(text(resumed)).toContain('a repris le digest du *pilier 2*');
    expect(text(resumed)).toContain('*le jeudi à 14 h*');
    expect(listSubscriptions(jalon.db, { channel: 'CSCHED03' })).toMatchObject([{ paused: false, cron: '0 14 * * 4' }]);
    expect(readPauseReasons(jalon.db).has(sub.id)).toBe(false);
  });

  it('the console acts as an admin but does not subscribe', async () => {
    const consoleActor: Actor = { userId: 'console:tester', channelId: 'console', console: true };
    expect(text(await run(consoleActor, 'abonner chantier:3'))).toContain('depuis un canal Slack');
    await run(consoleActor, 'statut CFE-P16 en cours');
    expect(jalon.measures.history('CFE-P16').at(-1)).toMatchObject({ who: 'console:tester', origin: 'cli' });
  });
});

describe('a mistyped reference never changes another measure (strict resolution of statut / jalon)', () => {
  const historyOf = (id: string) => jalon.measures.history(id).length;

  it('statut with an ID that does not exist: not found with the nearest IDs, nothing written', async () => {
    const before = { status: jalon.measures.get('SEGUR-A1').status, history: historyOf('SEGUR-A1') };
    const reply = await run(admin, 'statut SEGUR-M99 abandonné');
    expect(text(reply)).toContain('Aucune mesure ne correspond à « SEGUR-M99 »');
    expect(text(reply)).toContain('SEGUR-M9');
    expect(text(reply)).toContain('/mesure statut &lt;ID&gt; &lt;statut&gt;');
    expect(reply.notices ?? []).toEqual([]);
    expect({ status: jalon.measures.get('SEGUR-A1').status, history: historyOf('SEGUR-A1') }).toEqual(before);
  });

  it('a name that is not exact: a choice to confirm, even with a single candidate', async () => {
    const before = historyOf('MS-C3-P2');
    const reply = await run(admin, 'statut maternité fait validé');
    expect(text(reply)).toContain('Vouliez-vous dire celle-ci');
    expect(text(reply)).toContain('"value":"statut MS-C3-P2 done validé"');
    expect(historyOf('MS-C3-P2')).toBe(before);
    const jalonReply = await run(admin, 'jalon maternité fait');
    expect(text(jalonReply)).toContain('"value":"jalon MS-C3-P2 done"');
    expect(historyOf('MS-C3-P2')).toBe(before);
  });

  it('an exact alias, a unique ID suffix or an exact milestone ID is enough', async () => {
    const byAlias = await run(admin, 'statut SAS bloqué');
    expect(text(byAlias)).toContain('SEGUR-M26');
    expect(jalon.measures.history('SEGUR-M26').at(-1)).toMatchObject({ targetId: 'SEGUR-M26', newStatus: 'blocked', who: ADMIN });
    await run(admin, 'statut C3-P2 bloqué');
    expect(jalon.measures.get('MS-C3-P2')).toMatchObject({ status: 'blocked', statusSetBy: ADMIN });
    // A milestone's exact ID names that milestone, not its measure.
    const measureBefore = historyOf('MS-C3-P1-S8');
    await run(admin, 'statut MS-C3-P1-S8-J1 en cours');
    expect(jalon.measures.history('MS-C3-P1-S8').at(-1)).toMatchObject({ targetId: 'MS-C3-P1-S8-J1', targetKind: 'milestone', newStatus: 'in_progress' });
    expect(historyOf('MS-C3-P1-S8')).toBe(measureBefore + 1);
  });

  it('voir / historique: the only fuzzy hit is shown as a guess, an exact match is not', async () => {
    const guess = await run(outsider, 'voir maternité');
    expect(text(guess)).toContain('Vouliez-vous dire *MS-C3-P2* ?');
    expect(text(guess)).toContain('Engagement maternité');
    expect(text(await run(outsider, 'historique maternité'))).toContain('Vouliez-vous dire *MS-C3-P2* ?');
    expect(text(await run(outsider, 'voir SAS'))).not.toContain('Vouliez-vous dire');
    // A bare search shows what it found: it is not a guess at an ID.
    expect(text(await run(outsider, 'maternité'))).not.toContain('Vouliez-vous dire');
  });

  it('voir an ID that does not exist: the nearest IDs, not the card of a measure that shares a word', async () => {
    const reply = await run(outsider, 'voir SEGUR-M99');
    expect(text(reply)).toContain('Aucune mesure ne correspond à « SEGUR-M99 »');
    expect(text(reply)).toContain('SEGUR-M9');
    expect(text(reply)).not.toContain('revalorisation socle');
  });
});

describe('voir / historique with a name', () => {
  it('several words or characters no ID has are a search, not an invalid ID', async () => {
    const reply = await run(outsider, 'voir SAS & co');
    expect(text(reply)).not.toContain('Identifiant invalide');
    expect(text(reply)).toContain('SEGUR-M26');
    expect(text(await run(outsider, 'historique SAS & co'))).toContain('Historique de SEGUR-M26');
  });

  it('not found: the usage of the verb typed', async () => {
    expect(text(await run(outsider, 'voir zzqq wwkk'))).toContain('Usage : `/mesure voir &lt;ID&gt;`');
    expect(text(await run(outsider, 'historique zzqq wwkk'))).toContain('Usage : `/mesure historique &lt;ID&gt;`');
    expect(text(await run(outsider, 'zzqq wwkk'))).toContain('Usage : `/mesure &lt;texte&gt; ou /mesure voir &lt;ID&gt;`');
  });
});

describe('paused subscriptions', () => {
  it('grant no edit rights and receive no change notice', async () => {
    addSubscription(jalon.db, { channel: 'CPAUSED1', scope: 'chantier:1', createdBy: ADMIN, createdAt: TEST_NOW.toISOString() });
    const sub = listSubscriptions(jalon.db, { channel: 'CPAUSED1' })[0]!;
    recordDigestPosted(jalon.db, sub.id, '1700000000.000777', TEST_NOW);
    pauseSubscription(jalon.db, sub.id, { reason: 'channel_not_found', at: TEST_NOW });
    const refused = await run({ userId: 'UMEMBER3', channelId: 'CGENERAL' }, 'statut MS-C1-P1 en cours');
    expect(text(refused)).toContain('Vous ne pouvez pas modifier');
    expect(text(refused)).not.toContain('CPAUSED1');
    const changed = await run(admin, 'statut MS-C1-P1 en cours');
    expect(jalon.measures.get('MS-C1-P1').status).toBe('in_progress');
    expect(changed.notices).toEqual([]);
  });
});

describe('setting the status a target already has', () => {
  it('without a comment: "déjà", no history row, no notice; with a comment it is recorded', async () => {
    const first = await run(admin, 'statut MS-C3-P1-S2 bloqué');
    const channels = first.notices!.length;
    expect(channels).toBeGreaterThan(0);
    const count = jalon.measures.history('MS-C3-P1-S2').length;
    const again = await run(admin, 'statut MS-C3-P1-S2 bloqué');
    expect(again.text).toBe('MS-C3-P1-S2 : déjà bloqué');
    expect(text(again)).toContain('est déjà *bloqué*');
    expect(again.notices).toEqual([]);
    expect(jalon.measures.history('MS-C3-P1-S2')).toHaveLength(count);
    const commented = await run(admin, 'statut MS-C3-P1-S2 bloqué relance envoyée');
    expect(commented.notices).toHaveLength(channels);
    expect(jalon.measures.history('MS-C3-P1-S2').at(-1)).toMatchObject({ oldStatus: 'blocked', newStatus: 'blocked', comment: 'relance envoyée' });
  });
});

describe('document ajouter', () => {
  it('opens the file form for an admin and the console (which is told the CLI command); tells anyone else who can', async () => {
    const form = await run(admin, 'document ajouter');
    expect(form.modal).toMatchObject({ callback_id: 'document_upload', private_metadata: JSON.stringify({ channel: 'CGENERAL' }) });
    const terminal = await run({ userId: 'console:moi', channelId: 'console', console: true }, 'doc add');
    expect(terminal.modal?.callback_id).toBe('document_upload');
    expect(text(terminal)).toContain('jalon documents add FICHIER');
    const refused = await run(member, 'document ajouter');
    expect(refused.modal).toBeUndefined();
    expect(text(refused)).toContain(`Seuls les administrateurs de Jalon peuvent ajouter des documents : <@${ADMIN}>`);
  });
});
