import { describe, expect, it } from 'vitest';
import { checkSupport } from '../../src/answer/check-support.js';
import { analyzeQuery } from '../../src/search/analyze-query.js';
import { buildFixture } from '../helpers/fixture-jalon.js';

const { index } = buildFixture({ 'segur.txt': 'Le Ségur finance 22 sites pilotes du SAS. Le ministre présente le plan.' });
const verdict = (question: string, evidence: string) => checkSupport(index, analyzeQuery(question, index.resources), [evidence]);

describe('checkSupport', () => {
  it('accepts evidence that holds the names the question gives', () => {
    expect(verdict('Combien de sites pilotes pour le SAS ?', 'Le Ségur finance 22 sites pilotes du SAS.')).toEqual({ supported: true });
  });

  it('declines when a place the question names is absent from the evidence', () => {
    expect(verdict('Combien de sites pilotes SAS en Île-de-France ?', 'Le Ségur finance 22 sites pilotes du SAS.')).toEqual({
      supported: false,
      reason: 'unknown-name',
    });
  });

  it('does not count words that only name a document', () => {
    expect(verdict('Selon Segur, combien de sites pilotes ?', '22 sites pilotes du SAS.')).toEqual({ supported: true });
  });

  it('declines a question asking for a person’s name when the evidence names nobody', () => {
    expect(verdict('Comment s’appelle le ministre ?', 'Le ministre présente le plan.')).toMatchObject({ supported: false, reason: 'no-person' });
    expect(verdict('Comment s’appelle le ministre ?', 'Le ministre Olivier Véran présente le plan.')).toEqual({ supported: true });
  });

  it('declines a question about a budget when the evidence has no amount', () => {
    expect(verdict('Quel est le budget du SAS ?', 'Le SAS est financé par le Ségur.')).toMatchObject({ supported: false, reason: 'no-amount' });
    expect(verdict('Quel est le budget du SAS ?', 'Le SAS reçoit 30 M€ par an.')).toEqual({ supported: true });
  });
});
