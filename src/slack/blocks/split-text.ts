/**
 * Cuts a text into pieces of at most `max` characters, preferring paragraph, then line, then word
 * boundaries; never inside an HTML entity (`&amp;`) of escaped mrkdwn. Pieces are trimmed of the
 * boundary they were cut at; an empty text gives no piece.
 */
export function splitText(text: string, max: number): string[] {
  if (max < 8) throw new RangeError('splitText: max too small');
  const out: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = lastBoundary(window, '\n\n', max);
    if (cut < max / 2) cut = Math.max(cut, lastBoundary(window, '\n', max));
    if (cut < max / 2) cut = Math.max(cut, lastBoundary(window, ' ', max));
    if (cut <= 0) cut = safeHardCut(rest, max);
    out.push(rest.slice(0, cut).trimEnd());
    // Drop the boundary itself, keep the next line's indentation.
    rest = rest.slice(cut).replace(/^(\n+| )/, '');
  }
  if (rest.trim()) out.push(rest);
  return out;
}

function lastBoundary(window: string, sep: string, max: number): number {
  const at = window.lastIndexOf(sep, max);
  return at <= 0 ? -1 : at;
}

/** A cut at `max`, moved back before an entity it would split ("&am|p;"). */
function safeHardCut(text: string, max: number): number {
  const amp = text.lastIndexOf('&', max - 1);
  if (amp >= 0 && amp > max - 6) {
    const semi = text.indexOf(';', amp);
    if (semi >= max && semi - amp <= 6) return amp;
  }
  return max;
}

/** Shortens a text to at most `max` characters, ending with "…" when it was cut (entity-safe). */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = safeHardCut(text, max - 1);
  return `${text.slice(0, cut).trimEnd()}…`;
}
