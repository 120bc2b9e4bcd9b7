import type { Block, ButtonElement, InputBlock, ModalView, TextObject } from '../slack/blocks/block-kit.js';
import { MEASURE_ACTIONS } from '../slack/blocks/build-measure-card.js';

/** The action whose button value is a whole /mesure command (choices): the console shows it. */
export const RUN_COMMAND_ACTION = MEASURE_ACTIONS.run;

/** A code span is typed as-is: its `*` and `_` are cron fields or identifiers, not emphasis. */
const CODE_SPAN = /`[^`\n]*`/g;

/** Strips *bold* and _italic_ markers, outside code spans only. */
function dropEmphasis(text: string): string {
  const spans: string[] = [];
  // Each span is parked as NUL<n>NUL (Slack texts carry no NUL), then put back as it was.
  const parked = text.replace(CODE_SPAN, (span) => `\u0000${spans.push(span) - 1}\u0000`);
  return parked
    .replace(/(^|[\s(«])\*([^*\n]+)\*(?=$|[\s.,:;)!?»])/gm, '$1$2')
    .replace(/(^|[\s(«])_([^_\n]+)_(?=$|[\s.,:;)!?»])/gm, '$1$2')
    .replace(/\u0000(\d+)\u0000/g, (m, i: string) => spans[Number(i)] ?? m);
}

/** The Slack emoji short codes Jalon's replies use, as the characters a terminal shows. */
const EMOJI: Record<string, string> = { warning: '⚠️', no_entry: '⛔', mag: '🔎', pause_button: '⏸️', white_check_mark: '✅', page_facing_up: '📄' };

/**
 * Slack mrkdwn → terminal text: mentions and links made readable, emoji short codes drawn,
 * entities unescaped, *bold* and _italic_ markers dropped (not inside `code`), block quotes indented.
 */
export function mrkdwnToText(text: string): string {
  return dropEmphasis(
    text
      .replace(/<@([A-Z0-9]+)(?:\|([^>]+))?>/g, (_m, id: string, name?: string) => `@${name ?? id}`)
      .replace(/<#([A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, name?: string) => `#${name || id}`)
      .replace(/<!(here|channel|everyone)>/g, '@$1')
      .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2 ($1)')
      .replace(/<(https?:[^>]+)>/g, '$1')
      .replace(/:([a-z_]+):/g, (code, name: string) => EMOJI[name] ?? code),
  )
    .replace(/^> ?/gm, '  │ ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const textOf = (t: TextObject | undefined): string => (!t ? '' : t.type === 'mrkdwn' ? mrkdwnToText(t.text) : t.text);

/** What to type in the terminal for the buttons that stand for a command. */
function commandOf(b: ButtonElement): string | null {
  if (!b.value) return null;
  if (b.action_id === RUN_COMMAND_ACTION) return `/mesure ${b.value}`;
  if (b.action_id === MEASURE_ACTIONS.view) return `/mesure voir ${b.value}`;
  if (b.action_id === MEASURE_ACTIONS.update) return `/mesure statut ${b.value} <statut> [commentaire]`;
  return null;
}

function renderButton(b: ButtonElement): string {
  const command = commandOf(b);
  return command ? `[${b.text.text}] → ${command}` : `[${b.text.text}]`;
}

function renderInput(b: InputBlock): string {
  const optional = b.optional ? ' (facultatif)' : '';
  if (b.element.type === 'static_select') {
    const chosen = b.element.initial_option ? ` = ${b.element.initial_option.text.text}` : '';
    const options = b.element.options.map((o) => o.text.text).join(' | ');
    return `${b.label.text}${optional}${chosen}\n    choix : ${options}`;
  }
  if (b.element.type === 'file_input') return `${b.label.text}${optional} : (fichier ${(b.element.filetypes ?? []).join(', ')})`;
  const value = b.element.initial_value ? ` = ${b.element.initial_value}` : ' : ____';
  return `${b.label.text}${optional}${value}`;
}

/** Block Kit as readable terminal text, one block after another. */
export function renderBlocksText(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'header':
        out.push(block.text.text, '═'.repeat(Math.min(60, block.text.text.length)));
        break;
      case 'section': {
        const parts: string[] = [];
        if (block.text) parts.push(textOf(block.text));
        if (block.fields) parts.push(block.fields.map((f) => textOf(f).replace('\n', ' : ')).join('\n'));
        if (block.accessory) parts.push(`  ${renderButton(block.accessory)}`);
        out.push(parts.join('\n'));
        break;
      }
      case 'context':
        out.push(`  ${block.elements.map(textOf).join(' · ')}`);
        break;
      case 'divider':
        out.push('─'.repeat(40));
        break;
      case 'actions':
        out.push(block.elements.map(renderButton).join('  '));
        break;
      case 'input':
        out.push(`• ${renderInput(block)}`);
        break;
    }
  }
  return out.join('\n');
}

/** A modal as a terminal form description. */
export function renderModalText(view: ModalView): string {
  return [`┌ Formulaire : ${view.title.text}`, renderBlocksText(view.blocks), '└'].join('\n');
}
