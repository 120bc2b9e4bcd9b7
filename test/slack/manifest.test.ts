import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Manifest {
  display_information: { name: string; description: string; long_description?: string };
  features: { app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean }; bot_user: { display_name: string }; slash_commands: { command: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
}

const manifest = parse(readFileSync(resolve(import.meta.dirname, '../../manifest.yml'), 'utf8')) as Manifest;

describe('manifest.yml', () => {
  it('creates the app in one paste: display information, bot user, App Home with DMs', () => {
    expect(manifest.display_information.name).toBe('Jalon');
    expect(manifest.display_information.long_description!.length).toBeGreaterThanOrEqual(175);
    expect(manifest.features.bot_user.display_name).toBe('Jalon');
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
  });

  it('/mesure, interactivity, the events the listeners handle', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(['/mesure']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(['app_home_opened', 'app_mention', 'message.channels', 'message.groups', 'message.im']);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  // users:read is not asked: Jalon never calls users.info (people are shown as <@U…> mentions).
  it('asks for the scopes Jalon uses, no more', () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(
      ['app_mentions:read', 'channels:history', 'channels:read', 'chat:write', 'chat:write.public', 'commands', 'files:read', 'files:write', 'groups:history', 'groups:read', 'im:history', 'im:write'].sort(),
    );
  });
});
