import type { App } from '@slack/bolt';
import { listSubscriptions } from '../../../db/slack-store.js';
import { buildHomeView } from '../../blocks/build-home-view.js';
import { HomeOpenedEvent } from '../../slack-payloads.js';
import type { SlackDeps } from '../../slack-deps.js';

/** App Home: publishes the home tab each time a person opens it. */
export function registerAppHomeOpened(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    const parsed = HomeOpenedEvent.safeParse(event);
    if (!parsed.success || (parsed.data.tab && parsed.data.tab !== 'home')) return;
    const userId = parsed.data.user;
    const view = buildHomeView({ userId, isAdmin: deps.admins.includes(userId), subscriptions: listSubscriptions(deps.db) });
    try {
      await client.views.publish({ user_id: userId, view });
    } catch (error) {
      deps.logger.warn('views.publish failed', { error: (error as Error).message });
    }
  });
}
