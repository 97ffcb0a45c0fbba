// Sample records for the store tests, shaped like what Teams turns will hand the store.
import type { CheckInAnswers, Mission, ProgressScore, StoredConversationReference } from '../../src/domain';
import type { CheckInSubmission, InstallationInput } from '../../src/store/port';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/** A controllable clock: stores read `now()`, tests move it on. */
export class TestClock {
  private value = Date.UTC(2026, 10, 23, 9, 0, 0);
  readonly now = (): number => this.value;
  advance(ms: number): void {
    this.value += ms;
  }
}

let counter = 0;
/** Ids unique across the run, shaped like Teams ids (with the ':' '@' ';' they really contain). */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}:${process.pid}-${Date.now().toString(36)}-${counter}@thread.tacv2`;
}

export function channelInstallation(
  conversationId: string,
  serviceUrl = 'https://smba.trafficmanager.net/uk/',
): InstallationInput {
  const reference: StoredConversationReference = {
    serviceUrl,
    channelId: 'msteams',
    conversation: { id: conversationId, tenantId: TENANT, conversationType: 'channel' },
    bot: { id: '28:framework-guide' },
    user: { id: '29:1installer/with+odd?chars#' },
  };
  return { conversationId, tenantId: TENANT, kind: 'channel', teamId: conversationId, reference };
}

export function answers(progress: ProgressScore, extra: Partial<CheckInAnswers> = {}): CheckInAnswers {
  return { progress, outcomes: ['shared-data'], enabler: 'leadership', principles: ['user-centred'], ...extra };
}

export function submission(
  teamId: string,
  userId: string,
  week = '2026-W48',
  mission: Mission = 'digitally-enabled-councils',
  progress: ProgressScore = 3,
  retentionDays = 730,
): CheckInSubmission {
  return { teamId, userId, mission, week, answers: answers(progress), retentionDays };
}

export const DAY_MS = 24 * 3600 * 1000;
