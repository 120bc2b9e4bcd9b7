/**
 * The question in a Slack message: the bot's mention removed, other mentions and links made plain,
 * Slack's escapes (&amp; &lt; &gt;) undone.
 */
export function questionText(text: string, botUserId: string | undefined): string {
  let out = text;
  if (botUserId) out = out.split(`<@${botUserId}>`).join(' ');
  return out
    .replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/g, ' ')
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<![^>]*>/g, ' ')
    .replace(/<(?:https?|mailto):[^|>]+\|([^>]+)>/g, '$1')
    .replace(/<((?:https?|mailto):[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Slack escapes &, < and > in slash-command text: the text as the person typed it. */
export const unescapeSlack = (text: string): string => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
