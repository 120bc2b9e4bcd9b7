import { describe, expect, it } from 'vitest';
import { JalonError } from '../../src/domain/errors.js';
import type { Status } from '../../src/domain/types.js';
import { parseStatus, readStatus } from '../../src/measures/parse-status.js';

const _ = (text: string, status: Status) => it(`${text} → ${status}`, () => expect(parseStatus(text)).toBe(status));

describe('parseStatus', () => {
  _('prévu', 'planned');
  _('Prevu', 'planned');
  _('en cours', 'in_progress');
  _('EN  COURS', 'in_progress');
  _('en-cours', 'in_progress');
  _('in_progress', 'in_progress');
  _('en retard', 'late');
  _('late', 'late');
  _('bloqué', 'blocked');
  _('bloquée', 'blocked');
  _('fait', 'done');
  _('faite', 'done');
  _('done', 'done');
  _('abandonné', 'cancelled');
  _('cancelled', 'cancelled');
  _(' annulé ', 'cancelled');

  it('refuses an unknown word, listing the valid statuses in French', () => {
    expect(readStatus('fini')).toBeNull();
    expect(() => parseStatus('fini')).toThrow(JalonError);
    try {
      parseStatus('fini');
    } catch (e) {
      expect((e as JalonError).code).toBe('invalid_input');
      expect((e as JalonError).userMessage).toBe('Statut inconnu : « fini ». Statuts valides : prévu, en cours, en retard, bloqué, fait, abandonné.');
    }
  });
});
