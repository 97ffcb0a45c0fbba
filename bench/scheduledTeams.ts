// Team channels whose weekly prompt is due on Mondays at 09:00 London time, installed in a store for
// the prompts benchmark and the two-instance test, so both measure and check the same set-up.
import type { FrameworkStore as LocalStore } from '../src/store/port';

/**
 * Installs `count` channel teams spread over `tenants` tenants (team i in tenant i mod tenants), each
 * reached at `serviceUrl` and prompted on Mondays at 09:00 Europe/London.
 */
export async function installScheduledTeams(
  store: LocalStore,
  options: { count: number; tenants: number; serviceUrl: string; botId: string; idPrefix: string },
): Promise<void> {
  for (let i = 0; i < options.count; i++) {
    const tenantId = `tenant-${i % options.tenants}`;
    const conversationId = `19:${options.idPrefix}-${i}@thread.tacv2`;
    await store.upsertInstallation({
      conversationId,
      tenantId,
      kind: 'channel',
      teamId: conversationId,
      reference: {
        serviceUrl: options.serviceUrl,
        channelId: 'msteams',
        conversation: { id: conversationId, tenantId, conversationType: 'channel' },
        bot: { id: options.botId },
        user: { id: '29:installer' },
      },
    });
    await store.updateTeamSettings(conversationId, (current) => ({
      ...current,
      schedule: { day: 1, time: '09:00', timeZone: 'Europe/London' },
    }));
  }
}
