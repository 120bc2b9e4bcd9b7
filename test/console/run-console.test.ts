import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleActor, runConsole } from '../../src/console/run-console.js';
import type { Jalon } from '../../src/open-jalon.js';
import { openTestJalon, testDeps } from '../fakes/test-jalon.js';

let jalon: Jalon;
beforeAll(() => {
  jalon = openTestJalon();
});
afterAll(() => jalon.close());

async function session(lines: string[], interactive = false): Promise<string> {
  let out = '';
  await runConsole(testDeps(jalon), { input: Readable.from(lines.map((l) => `${l}\n`)), write: (t) => void (out += t), interactive }, consoleActor('tester'));
  return out;
}

describe('console twin', () => {
  it('piped: /mesure replies and answers, as readable text, then ends', async () => {
    const out = await session(['/mesure retards chantier:3', '', 'Qu’est-ce que le service d’accès aux soins ?', '/mesure voir MS-C3-P2']);
    expect(out).toContain('Retards — chantier 3');
    expect(out).toContain('Sources');
    expect(out).toContain('Engagement maternité\n════');
    expect(out).not.toMatch(/[*]Sources[*]|&lt;|&amp;|"type":/);
    expect(out).not.toContain('[👍]');
    expect(out.startsWith('Jalon — console')).toBe(false);
  });

  it('acts as an admin: a status change is recorded with the local user, origin cli', async () => {
    const out = await session(['/mesure statut MS-C3-P1-S9 en cours via console']);
    expect(out).toContain('MS-C3-P1-S9');
    expect(jalon.measures.history('MS-C3-P1-S9').at(-1)).toMatchObject({ who: 'console:tester', origin: 'cli', newStatus: 'in_progress' });
  });

  it('interactive: banner and prompt; /quitter stops before later lines', async () => {
    const out = await session(['/mesure aide', '/quitter', '/mesure retards'], true);
    expect(out.startsWith('Jalon — console locale')).toBe(true);
    expect(out).toContain('> ');
    expect(out).toContain('/mesure voir');
    expect(out).not.toContain('Retards');
  });

  it('reads a follow-up with the question before it, until /nouveau starts a new conversation', async () => {
    const out = await session(['Quand la maison médicale de garde est-elle prévue ?', 'Et qui la pilote ?', '/nouveau', 'Et qui la pilote ?']);
    const [, second, , fourth] = out.split('\n\n').filter((block) => block.trim());
    expect(out).toContain('Nouvelle conversation.');
    expect(second).toContain('Compris : Et qui la pilote ? (maison médicale garde');
    expect(second).toMatch(/Pilotes : /);
    expect(fourth ?? '').not.toContain('Compris');
  });

  it('a form is described, with the command to type instead', async () => {
    const out = await session(['/mesure statut']);
    expect(out).toContain('Formulaire');
    expect(out).toContain('/mesure statut <ID> <statut> [commentaire]');
  });
});
