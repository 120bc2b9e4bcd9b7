import type { App } from '@slack/bolt';
import type { CommandDeps } from '../../../commands/command-deps.js';
import { loadDashboard } from '../../../dashboard/load-dashboard.js';
import type { Dashboard } from '../../../dashboard/build-dashboard.js';
import { listSubscriptions, type Subscription } from '../../../db/slack-store.js';
import { buildHomeView, type HomeSubscriptions } from '../../blocks/build-home-view.js';
import { HomeOpenedEvent } from '../../slack-payloads.js';
import type { SlackDeps } from '../../slack-deps.js';

/**
 * Channels whose membership is checked for a person who is not an admin. Each check is a
 * conversations.members call (more for a big channel), made every time the tab opens: past this
 * cap, the other channels are only counted, not named — a channel's name and scope are not shown
 * to someone who may not be in it.
 */
const MAX_CHANNELS_CHECKED = 10;

/** Admins see every subscription; anyone else, those of the channels they belong to. */
async function visibleSubscriptions(deps: Pick<CommandDeps, 'db' | 'admins' | 'isMember'>, userId: string): Promise<HomeSubscriptions> {
  const all = listSubscriptions(deps.db);
  if (deps.admins.includes(userId)) return { shown: all, unchecked: 0 };
  const channels = [...new Set(all.map((s) => s.channel))];
  const checked = channels.slice(0, MAX_CHANNELS_CHECKED);
  const memberOf = new Set<string>();
  await Promise.all(
    checked.map(async (channel) => {
      if (await deps.isMember(channel, userId)) memberOf.add(channel);
    }),
  );
  const shown: Subscription[] = all.filter((s) => memberOf.has(s.channel));
  return { shown, unchecked: channels.length - checked.length };
}

/** App Home: publishes the home tab (dashboard, subscriptions, commands) each time a person opens it. */
export function registerAppHomeOpened(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    const parsed = HomeOpenedEvent.safeParse(event);
    if (!parsed.success || (parsed.data.tab && parsed.data.tab !== 'home')) return;
    const userId = parsed.data.user;
    let subscriptions: HomeSubscriptions | null = null;
    try {
      subscriptions = await visibleSubscriptions(deps, userId);
    } catch (error) {
      // SQLITE_BUSY and the like: the tab still opens, and says the list is missing.
      deps.logger.error('app home: subscriptions not read', { error: (error as Error)?.message ?? String(error) });
    }
    let dashboard: Dashboard | null = null;
    try {
      dashboard = loadDashboard(deps.db, { now: deps.now(), timeZone: deps.digest.timeZone });
    } catch (error) {
      deps.logger.error('app home: dashboard not read', { error: (error as Error)?.message ?? String(error) });
    }
    const view = buildHomeView({ userId, isAdmin: deps.admins.includes(userId), subscriptions, dashboard });
    try {
      await client.views.publish({ user_id: userId, view });
    } catch (error) {
      deps.logger.warn('views.publish failed', { error: (error as Error).message });
    }
  });
}
