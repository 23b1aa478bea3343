// What a notification says: one Notification per event, rendered once when the event is
// routed (so every retry sends the same message), then as an e-mail (subject and plain
// text) or as the webhook's JSON body.
import { randomUUID } from 'node:crypto';
import type { ServiceEventKind } from '../events.js';
import type { Organization } from '../organizations/organizations.js';
import type { Job } from '../queue/types.js';
import type { MailMessage } from './smtp.js';

export type NotificationType = ServiceEventKind | 'test';

export interface Notification {
  /** Stable across retries: a receiver drops what it has seen. */
  id: string;
  type: NotificationType;
  occurredAt: string;
  organization: { id: string; tenantId: string; displayName: string };
  /** One sentence for people. */
  summary: string;
  /** The facts behind it, by event: the job, the failed connection check, the missed window. */
  details: Record<string, unknown>;
}

/** Results bigger than this stay in the job's record; the notification links the job. */
const MAX_RESULT_CHARS = 16_000;

const organizationOf = (organization: Organization) => ({
  id: organization.id,
  tenantId: organization.tenantId,
  displayName: organization.displayName,
});

const named = (organization: Organization) => `${organization.displayName} (${organization.tenantId})`;

export function jobNotification(id: string, organization: Organization, job: Job): Notification {
  const result = JSON.stringify(job.result ?? null);
  const failed = job.state === 'failed';
  return {
    id,
    type: failed ? 'job.failed' : 'job.partial',
    occurredAt: job.finishedAt ?? new Date().toISOString(),
    organization: organizationOf(organization),
    summary: failed
      ? `Job ${job.name} failed for ${named(organization)}: ${job.error ?? 'no reason given'}`
      : `Job ${job.name} for ${named(organization)} finished, but part of its work failed`,
    details: {
      job: {
        id: job.id,
        name: job.name,
        state: job.state,
        attempts: job.attempt,
        error: job.error,
        startedAt: job.startedAt,
        finishedAt: job.finishedAt,
        result: result.length <= MAX_RESULT_CHARS ? job.result : '(too large: see the job)',
      },
    },
  };
}

export function consentRevokedNotification(
  id: string,
  organization: Organization,
  occurredAt: string,
  details: { error?: string | null; connectedAt?: string },
): Notification {
  return {
    id,
    type: 'consent.revoked',
    occurredAt,
    organization: organizationOf(organization),
    summary:
      `tenantvault can no longer connect to ${named(organization)}: ${details.error ?? 'no token issued'}. ` +
      'Backups stop until an administrator grants admin consent again (or fixes the app registration).',
    details: { connection: { error: details.error ?? null, lastConnectedAt: details.connectedAt ?? null } },
  };
}

export function backupOverdueNotification(
  id: string,
  organization: Organization,
  occurredAt: string,
  details: { lastBackupAt?: string | null; expectedSince?: string; dueBy?: string },
): Notification {
  const last = details.lastBackupAt ? `since ${details.lastBackupAt}` : 'yet';
  return {
    id,
    type: 'backup.overdue',
    occurredAt,
    organization: organizationOf(organization),
    summary: `${named(organization)} has not been backed up ${last}; a backup was due by ${details.dueBy}`,
    details: { backup: { lastBackupAt: details.lastBackupAt ?? null, dueBy: details.dueBy ?? null } },
  };
}

export function testNotification(organization: Organization, now: Date): Notification {
  return {
    id: `test:${randomUUID()}`,
    type: 'test',
    occurredAt: now.toISOString(),
    organization: organizationOf(organization),
    summary: `A test notification for ${named(organization)}: this channel works.`,
    details: {},
  };
}

const SUBJECTS: Record<NotificationType, string> = {
  'job.failed': 'Job failed',
  'job.partial': 'Job partially failed',
  'consent.revoked': 'Consent revoked',
  'backup.overdue': 'Backup overdue',
  test: 'Test notification',
};

export function emailOf(notification: Notification, to: string[]): MailMessage {
  const { organization } = notification;
  return {
    to,
    subject: `[tenantvault] ${SUBJECTS[notification.type]}: ${organization.displayName}`,
    text: [
      notification.summary,
      '',
      `Organization: ${organization.displayName} (tenant ${organization.tenantId})`,
      `Event:        ${notification.type} at ${notification.occurredAt}`,
      `Details:      ${JSON.stringify(notification.details, null, 2)}`,
      '',
      `Notification ${notification.id}`,
    ].join('\n'),
  };
}

export function webhookBodyOf(notification: Notification): string {
  return JSON.stringify(notification);
}
