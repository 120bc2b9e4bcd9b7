/**
 * The subset of Block Kit Jalon writes, as plain data. Replies are built from these by pure
 * renderers; Slack receives them as they are, the console turns them into text. No Bolt import:
 * surface-neutral code (src/commands, src/console) may use these types.
 */

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

export interface Mrkdwn {
  type: 'mrkdwn';
  text: string;
}

export type TextObject = PlainText | Mrkdwn;

export interface ButtonElement {
  type: 'button';
  action_id: string;
  text: PlainText;
  value?: string;
  style?: 'primary' | 'danger';
}

export interface OptionObject {
  text: PlainText;
  value: string;
  description?: PlainText;
}

export interface StaticSelectElement {
  type: 'static_select';
  action_id: string;
  placeholder?: PlainText;
  options: OptionObject[];
  initial_option?: OptionObject;
}

export interface PlainTextInputElement {
  type: 'plain_text_input';
  action_id: string;
  multiline?: boolean;
  initial_value?: string;
  max_length?: number;
  placeholder?: PlainText;
}

/** A file field of a modal (Slack uploads the file; the submission carries its id and URLs). */
export interface FileInputElement {
  type: 'file_input';
  action_id: string;
  /** Extensions accepted, without the dot. */
  filetypes?: string[];
  max_files?: number;
}

export interface SectionBlock {
  type: 'section';
  block_id?: string;
  text?: TextObject;
  fields?: TextObject[];
  accessory?: ButtonElement;
}

export interface ContextBlock {
  type: 'context';
  block_id?: string;
  elements: TextObject[];
}

export interface ActionsBlock {
  type: 'actions';
  block_id?: string;
  elements: ButtonElement[];
}

export interface DividerBlock {
  type: 'divider';
  block_id?: string;
}

export interface HeaderBlock {
  type: 'header';
  block_id?: string;
  text: PlainText;
}

export interface InputBlock {
  type: 'input';
  block_id: string;
  label: PlainText;
  element: StaticSelectElement | PlainTextInputElement | FileInputElement;
  optional?: boolean;
  hint?: PlainText;
}

export type Block = SectionBlock | ContextBlock | ActionsBlock | DividerBlock | HeaderBlock | InputBlock;

export interface ModalView {
  type: 'modal';
  callback_id: string;
  title: PlainText;
  submit?: PlainText;
  close?: PlainText;
  private_metadata?: string;
  blocks: Block[];
}

/** The App Home tab. */
export interface HomeView {
  type: 'home';
  blocks: Block[];
}

/** A message as Jalon posts it: blocks plus the fallback text Slack shows in notifications. */
export interface MessageContent {
  text: string;
  blocks: Block[];
}

/** Block Kit limits Jalon keeps (Slack rejects a message or view past them). */
export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerModal: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  actionsElements: 25,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  modalTitle: 24,
  modalButton: 24,
  inputLabel: 2000,
  privateMetadata: 3000,
  fallbackText: 3000,
} as const;
