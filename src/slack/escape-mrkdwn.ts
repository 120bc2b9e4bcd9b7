/**
 * Escapes the three characters Slack's mrkdwn treats as control characters, so an echoed user or
 * document text is shown as written and cannot inject `<!channel>`, `<@U…>` or links.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
