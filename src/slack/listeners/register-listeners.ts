import type { App } from '@slack/bolt';
import type { SlackDeps } from '../slack-deps.js';
import { registerDocumentActions } from './actions/document.js';
import { registerFeedbackActions } from './actions/feedback.js';
import { registerMeasureActions } from './actions/measure.js';
import { registerMesureCommand } from './commands/mesure.js';
import { registerAppHomeOpened } from './events/app-home-opened.js';
import { registerAppMention } from './events/app-mention.js';
import { registerMessage } from './events/message.js';
import { registerDocumentForms } from './views/document-forms.js';
import { registerFeedbackReportView } from './views/feedback-report.js';
import { registerMeasureStatusView } from './views/measure-status.js';
import { registerMesureCompleteView } from './views/mesure-complete.js';

/** Every listener of the app, one surface per folder. */
export function registerListeners(app: App, deps: SlackDeps): void {
  registerAppMention(app, deps);
  registerMessage(app, deps);
  registerAppHomeOpened(app, deps);
  registerMesureCommand(app, deps);
  registerMeasureActions(app, deps);
  registerFeedbackActions(app, deps);
  registerMeasureStatusView(app, deps);
  registerMesureCompleteView(app, deps);
  registerFeedbackReportView(app, deps);
  registerDocumentActions(app, deps);
  registerDocumentForms(app, deps);
}
