import { describe, expect, it } from 'vitest';
import { splitText, truncateText } from '../../../src/slack/blocks/split-text.js';
import { escapeMrkdwn } from '../../../src/slack/escape-mrkdwn.js';

describe('escapeMrkdwn', () => {
  const _ = (input: string, output: string) => () => expect(escapeMrkdwn(input)).toBe(output);
  it('channel', _('<!channel>', '&lt;!channel&gt;'));
  it('user mention', _('<@U123>', '&lt;@U123&gt;'));
  it('link', _('<https://x|y>', '&lt;https://x|y&gt;'));
  it('ampersand first', _('a & b &lt;', 'a &amp; b &amp;lt;'));
  it('plain text unchanged', _('Ségur « 2021 » — ok', 'Ségur « 2021 » — ok'));
});

describe('splitText', () => {
  it('short text is one piece', () => expect(splitText('abc', 3000)).toEqual(['abc']));
  it('empty text is no piece', () => expect(splitText('  ', 3000)).toEqual([]));
  it('prefers paragraph boundaries', () => {
    const text = `${'a'.repeat(60)}\n\n${'b'.repeat(60)}`;
    expect(splitText(text, 100)).toEqual(['a'.repeat(60), 'b'.repeat(60)]);
  });
  it('keeps the next line’s indentation', () => {
    const text = `${'a'.repeat(70)}\n    ${'b'.repeat(40)}`;
    expect(splitText(text, 100)[1]).toBe(`    ${'b'.repeat(40)}`);
  });
  it('never exceeds the limit, loses nothing but boundaries', () => {
    const words = Array.from({ length: 2000 }, (_, i) => `mot${i}`).join(' ');
    const pieces = splitText(words, 3000);
    expect(pieces.every((p) => p.length <= 3000)).toBe(true);
    expect(pieces.join(' ')).toBe(words);
  });
  it('never cuts inside an entity', () => {
    const text = escapeMrkdwn('<'.repeat(2000));
    for (const piece of splitText(text, 3000)) expect(piece).toMatch(/^(&lt;)+$/);
  });
});

describe('truncateText', () => {
  it('leaves short text', () => expect(truncateText('abc', 10)).toBe('abc'));
  it('cuts with an ellipsis within the limit', () => {
    const out = truncateText('x'.repeat(200), 75);
    expect(out.length).toBeLessThanOrEqual(75);
    expect(out.endsWith('…')).toBe(true);
  });
  it('does not leave half an entity', () => expect(truncateText('aaaaaa&amp;bbbb', 9)).toBe('aaaaaa…'));
});
