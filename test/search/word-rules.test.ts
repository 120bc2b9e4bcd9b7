import { describe, expect, it } from 'vitest';
import { englishCognates } from '../../src/search/english-cognates.js';
import { wordFamily } from '../../src/search/word-family.js';

describe('englishCognates', () => {
  it.each([
    ['quality', 'qualité'],
    ['priority', 'priorité'],
    ['chronic', 'chronique'],
    ['territory', 'territoire'],
    ['psychologists', 'psychologue'],
    ['organized', 'organiser'],
    ['therapy', 'thérapie'.normalize('NFC').replace('é', 'e')],
  ])('%s → %s among the candidates', (english, french) => {
    expect(englishCognates(english)).toContain(french);
  });

  it('leaves short words and non-words alone', () => {
    expect(englishCognates('act')).toEqual([]);
    expect(englishCognates('covid-19')).toEqual([]);
  });
});

describe('wordFamily', () => {
  it.each([
    ['supprimer', 'suppression'],
    ['suppression', 'supprimer'],
    ['élargi', 'élargissement'],
    ['réduire', 'réduction'],
    ['étendre', 'extension'],
    ['fermer', 'fermeture'],
    ['prévenir', 'prévention'],
    ['simplifier', 'simplification'],
    ['région', 'régional'],
  ])('%s → %s', (word, related) => {
    expect(wordFamily(word)).toContain(related);
  });

  it('does not return the word itself, and skips short words', () => {
    expect(wordFamily('supprimer')).not.toContain('supprimer');
    expect(wordFamily('loi')).toEqual([]);
  });
});
