/** "▓▓▓▓░░" — `cells` cells, filled in proportion to `percent` (rounded to the nearest cell). */
export function progressBar(percent: number, cells = 6): string {
  const filled = Math.max(0, Math.min(cells, Math.round((percent / 100) * cells)));
  return '▓'.repeat(filled) + '░'.repeat(cells - filled);
}
