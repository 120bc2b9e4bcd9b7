import { describe, expect, it } from 'vitest';
import { JalonError } from '../../src/domain/errors.js';
import { parseCron } from '../../src/digest/parse-cron.js';
import { describeSchedule, parseDigestSchedule } from '../../src/digest/parse-digest-schedule.js';

// [typed in Slack or on the command line, cron, how Jalon says it back]
const cases: Array<[string, string, string]> = [
  ['lundi 8h30', '30 8 * * 1', 'le lundi à 8 h 30'],
  ['Lundi 8h30', '30 8 * * 1', 'le lundi à 8 h 30'],
  ['le mardi à 9 h', '0 9 * * 2', 'le mardi à 9 h'],
  ['chaque lundi à 9 heures', '0 9 * * 1', 'le lundi à 9 h'],
  ['lundis 08:30', '30 8 * * 1', 'le lundi à 8 h 30'],
  ['lundi', '0 9 * * 1', 'le lundi à 9 h'],
  ['vendredi midi', '0 12 * * 5', 'le vendredi à 12 h'],
  ['lundi et jeudi 14h', '0 14 * * 1,4', 'les lundi et jeudi à 14 h'],
  ['mercredi, vendredi 10 h 15', '15 10 * * 3,5', 'les mercredi et vendredi à 10 h 15'],
  ['du lundi au vendredi 8h', '0 8 * * 1-5', 'du lundi au vendredi à 8 h'],
  ['en semaine 9h', '0 9 * * 1-5', 'du lundi au vendredi à 9 h'],
  ['tous les jours 7h45', '45 7 * * *', 'tous les jours à 7 h 45'],
  ['30 8 * * 1', '30 8 * * 1', 'le lundi à 8 h 30'],
  ['0 9 * * mon', '0 9 * * mon', 'le lundi à 9 h'],
  ['0 9 1 * *', '0 9 1 * *', 'cron 0 9 1 * *'],
];

describe('parseDigestSchedule', () => {
  it.each(cases)('%s → %s', (text, cron, words) => {
    const r = parseDigestSchedule(text);
    expect(r.cron).toBe(cron);
    expect(describeSchedule(r.spec)).toBe(words);
  });
  it.each(['', 'lundi 25h', 'bientôt', '8h30', 'du vendredi au lundi 9h', 'lundi-vendredi 9h', '0 9 L * *', '*/10 * * * * *'])('refuses %j with a French hint', (text) => {
    expect(() => parseDigestSchedule(text)).toThrow(JalonError);
    try {
      parseDigestSchedule(text);
    } catch (error) {
      expect((error as JalonError).userMessage).toMatch(/^(Horaire illisible|Expression cron invalide)/);
    }
  });
  it('reads day-of-week 7 as Sunday, like node-cron', () => expect(parseCron('0 9 * * 7').daysOfWeek).toEqual([0]));
});
