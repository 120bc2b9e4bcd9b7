import { describe, expect, it } from 'vitest';
import { resolveFollowUp } from '../../src/answer/follow-up.js';

describe('resolveFollowUp', () => {
  it.each([
    ['Et qui la pilote ?', 'Quand le service d’accès aux soins est-il généralisé ?', /service.*accès.*soins/],
    ['Et le budget ?', 'Quelles mesures pour les hôpitaux de proximité ?', /hôpitaux.*proximité/],
    ['And who leads it?', 'When will the patient portal open?', /patient portal/],
    ['Qui le pilote ?', 'Où en est le dossier médical partagé ?', /dossier médical partagé/],
  ])('"%s" after "%s" carries the previous topic', (question, previous, topic) => {
    const resolved = resolveFollowUp(question, previous);
    expect(resolved.startsWith(question)).toBe(true);
    expect(resolved).toMatch(topic);
  });

  it.each([
    ['Qui pilote la maison médicale de garde ?', 'Quand le SAS est-il généralisé ?'],
    ['Combien de CPTS en 2022 ?', 'Qui pilote les CPTS ?'],
    ['Et combien coûte la réforme des autorisations des activités de soins ?', 'Quand le SAS est-il généralisé ?'],
  ])('"%s" stands alone: left as it is', (question, previous) => {
    expect(resolveFollowUp(question, previous)).toBe(question);
  });

  it('needs a previous turn', () => {
    expect(resolveFollowUp('Et qui la pilote ?', null)).toBe('Et qui la pilote ?');
  });
});
