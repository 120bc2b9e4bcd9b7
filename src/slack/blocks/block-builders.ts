import { escapeMrkdwn } from '../escape-mrkdwn.js';
import {
  LIMITS,
  type ActionsBlock,
  type Block,
  type ButtonElement,
  type ContextBlock,
  type HeaderBlock,
  type Mrkdwn,
  type OptionObject,
  type OverflowElement,
  type PlainText,
  type SectionBlock,
} from './block-kit.js';
import { splitText, truncateText } from './split-text.js';

/** Block Kit constructors that keep Slack's limits: texts are truncated or split, never rejected. */

export const plainText = (text: string, max: number = LIMITS.sectionText): PlainText => ({
  type: 'plain_text',
  text: truncateText(text.trim() || ' ', max),
  emoji: true,
});

/** mrkdwn text object; `text` must already be escaped (see escapeMrkdwn). */
export const mrkdwn = (text: string, max: number = LIMITS.sectionText): Mrkdwn => ({ type: 'mrkdwn', text: truncateText(text || ' ', max) });

/** One or more sections holding an (escaped) mrkdwn text, split at 3,000 characters a section. */
export function sections(text: string): SectionBlock[] {
  return splitText(text, LIMITS.sectionText).map((t) => ({ type: 'section', text: { type: 'mrkdwn', text: t } }));
}

export const section = (text: string, accessory?: ButtonElement | OverflowElement): SectionBlock =>
  accessory ? { type: 'section', text: mrkdwn(text), accessory } : { type: 'section', text: mrkdwn(text) };

/** A section of label/value pairs (two columns); at most 10, each value truncated. */
export function fieldsSection(fields: readonly (readonly [string, string])[]): SectionBlock {
  return {
    type: 'section',
    fields: fields.slice(0, LIMITS.sectionFields).map(([label, value]) => mrkdwn(`*${label}*\n${value}`, LIMITS.fieldText)),
  };
}

export const header = (text: string): HeaderBlock => ({ type: 'header', text: plainText(text, LIMITS.headerText) });

export const divider = (): Block => ({ type: 'divider' });

/** A context line of (escaped) mrkdwn texts, at most 10. */
export const context = (...texts: string[]): ContextBlock => ({
  type: 'context',
  elements: texts.slice(0, LIMITS.contextElements).map((t) => mrkdwn(t)),
});

export function button(actionId: string, text: string, value?: string, style?: 'primary' | 'danger'): ButtonElement {
  const b: ButtonElement = { type: 'button', action_id: actionId, text: plainText(text, LIMITS.buttonText) };
  if (value !== undefined) b.value = value.slice(0, LIMITS.buttonValue);
  if (style) b.style = style;
  return b;
}

export const actions = (blockId: string, ...elements: ButtonElement[]): ActionsBlock => ({
  type: 'actions',
  block_id: blockId,
  elements: elements.slice(0, LIMITS.actionsElements),
});

export const option = (text: string, value: string): OptionObject => ({ text: plainText(text, LIMITS.optionText), value: value.slice(0, LIMITS.optionValue) });

/** A "⋯" menu: at most five options (Slack's limit), at least one. */
export const overflow = (actionId: string, options: readonly OptionObject[]): OverflowElement => ({
  type: 'overflow',
  action_id: actionId,
  options: options.slice(0, LIMITS.overflowOptions),
});

/** Fallback text for notifications: escaped and short. */
export const fallback = (text: string): string => truncateText(escapeMrkdwn(text.replace(/\s+/g, ' ').trim()) || ' ', LIMITS.fallbackText);
