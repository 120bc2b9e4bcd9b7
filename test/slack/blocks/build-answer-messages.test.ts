import { describe, expect, it } from 'vitest';
import type { Answer, Citation } from '../../../src/domain/types.js';
import { buildAnswerMessages, buildApologyMessage } from '../../../src/slack/blocks/build-answer-messages.js';

const citation = (i: number, quote = `Passage numéro ${i}.`, quoted = true): Citation => ({ source: 'doc.txt', lines: [i, i + 2], title: 'Ma santé 2022 — suivi', section: `Chantier ${i}`, quote, quoted });
const answer = (over: Partial<Answer> = {}): Answer => ({
  answered: true,
  kind: 'answer',
  confidence: 0.9,
  text: 'D’après les documents :\n« Oui » [1]',
  citations: [citation(1)],
  suggestions: [],
  mode: 'extractive',
  ...over,
});
const all = (messages: ReturnType<typeof buildAnswerMessages>) => JSON.stringify(messages);

describe('buildAnswerMessages', () => {
  it('text, numbered sources (title › section, lines, quote), feedback buttons carrying the reference', () => {
    const [m, ...rest] = buildAnswerMessages(answer(), '42');
    expect(rest).toEqual([]);
    const texts = m!.blocks.map((b) => ('text' in b && b.text ? b.text.text : ''));
    expect(texts[0]).toContain('« Oui » [1]');
    expect(texts.some((t) => t.startsWith('*[1]* _Ma santé 2022 — suivi_ › Chantier 1 · lignes 1–3\n> Passage numéro 1.'))).toBe(true);
    const actions = m!.blocks.at(-1)!;
    expect(actions).toMatchObject({ type: 'actions', block_id: 'feedback' });
    if (actions.type === 'actions') {
      expect(actions.elements.map((e) => [e.action_id, e.value])).toEqual([
        ['feedback_up', '42'],
        ['feedback_down', '42'],
        ['feedback_report', '42'],
      ]);
    }
  });

  it('escapes document and answer text: no mention or link injection', () => {
    const out = all(buildAnswerMessages(answer({ text: 'Voir <!channel> & <@U1>', citations: [citation(1, 'Titre <!here> & <https://evil|clic>')] }), '1'));
    expect(out).not.toMatch(/<!channel>|<!here>|<@U1>|<https/);
    expect(out).toContain('&lt;!channel&gt; &amp; &lt;@U1&gt;');
  });

  it('shows a quote’s own lines, and lists related passages after the numbered sources', () => {
    const focused: Citation = { ...citation(1), lines: [10, 30], focus: [12, 13] };
    const out = all(buildAnswerMessages(answer({ citations: [focused, citation(40, 'Voisin.', false)] })));
    expect(out).toContain('lignes 12–13');
    expect(out).toContain('*Voir aussi* · [2] _Ma santé 2022 — suivi_ › Chantier 40 · lignes 40–42');
    expect(out).not.toContain('Voisin.');
  });

  it('shows a document’s date and page, and links its title to the page of a PDF', () => {
    const pdf: Citation = { ...citation(3), source: 'rapport.pdf', title: 'Rapport | annuel', date: '2020-12', page: 14, link: 'https://example.org/r.pdf?a=1&b=<2>#page=14' };
    const texts = buildAnswerMessages(answer({ citations: [pdf, { ...citation(5), date: '2019-09', page: null, link: null }] }))[0]!.blocks.map((b) => ('text' in b && b.text ? b.text.text : ''));
    expect(texts).toContain('*[1]* <https://example.org/r.pdf?a=1&amp;b=&lt;2&gt;#page=14|Rapport ¦ annuel>, déc. 2020, p. 14 › Chantier 3 · lignes 3–5\n> Passage numéro 3.');
    expect(texts.some((t) => t.startsWith('*[2]* _Ma santé 2022 — suivi_, sept. 2019 › Chantier 5 · lignes 5–7'))).toBe(true);
  });

  it('a declined answer lists the closest sources, unnumbered', () => {
    const out = all(buildAnswerMessages(answer({ answered: false, text: 'Je n’ai pas trouvé.', citations: [], suggestions: [citation(7)] })));
    expect(out).toContain('Sources les plus proches');
    expect(out).not.toContain('*[1]*');
  });

  it('a huge answer is split: ≤ 50 blocks and ≤ 3000 characters a section, buttons once, on the last message', () => {
    const big = answer({ text: 'Réponse. '.repeat(2000), citations: Array.from({ length: 80 }, (_, i) => citation(i, 'Citation longue. '.repeat(200))) });
    const messages = buildAnswerMessages(big, '9');
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.blocks.length).toBeLessThanOrEqual(50);
      for (const b of m.blocks) if ('text' in b && b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
      expect(m.text.length).toBeLessThanOrEqual(3000);
    }
    expect(messages.flatMap((m) => m.blocks).filter((b) => b.type === 'actions')).toHaveLength(1);
    expect(messages.at(-1)!.blocks.at(-1)!.type).toBe('actions');
  });

  it('apology is short, French, no stack', () => {
    expect(buildApologyMessage().text).toMatch(/^Désolé, je n'ai pas pu répondre/);
  });
});
