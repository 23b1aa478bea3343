// How an organization's backups are doing, from what the API already answers: its recent
// backup jobs (the last one, the last success, failures since) and its Entra ID snapshots
// (protected objects, changes over time). The dashboard and a reseller's customer list
// both read it.
import { Cron } from 'croner';
import { api, unwrap } from './api/client';
import type { Job, Snapshot } from './api/types';

/** Backup jobs looked at: enough to find the last success of a twice-a-day schedule for a week. */
const RECENT_JOBS = 20;

export interface BackupHealth {
  lastJob: Job | undefined;
  lastSuccess: Job | undefined;
  /** Backups that failed or partly failed after the last success (among the recent ones). */
  failuresSinceSuccess: number;
  /** Newest first, as the API lists them. */
  snapshots: Snapshot[];
}

export async function loadBackupHealth(organizationId: string): Promise<BackupHealth> {
  const path = { organizationId };
  const [jobs, { snapshots }] = await Promise.all([
    unwrap(
      api.GET('/api/organizations/{organizationId}/jobs', {
        params: { path, query: { kind: 'backup', pageSize: RECENT_JOBS } },
      }),
    ),
    unwrap(api.GET('/api/organizations/{organizationId}/directory/snapshots', { params: { path } })),
  ]);
  const successIndex = jobs.items.findIndex((job) => job.state === 'succeeded');
  const sinceSuccess = successIndex === -1 ? jobs.items : jobs.items.slice(0, successIndex);
  return {
    lastJob: jobs.items[0],
    lastSuccess: jobs.items[successIndex],
    failuresSinceSuccess: sinceSuccess.filter((job) => job.state === 'failed' || job.state === 'partial')
      .length,
    snapshots,
  };
}

/** "3 hours ago", "in 5 minutes": when something happened or will, next to the exact time. */
export function relativeTime(iso: string, now = Date.now()): string {
  const minutes = Math.round((new Date(iso).getTime() - now) / 60_000);
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) return format.format(hours, 'hour');
  return format.format(Math.round(hours / 24), 'day');
}

/** When the schedule next starts a backup, read as the scheduler reads it (croner, same rules). */
export function nextScheduledRun(schedule: { cron: string; timeZone: string }): Date | undefined {
  try {
    const cron = new Cron(schedule.cron, {
      timezone: schedule.timeZone,
      mode: '5-part',
      fixedTimeRule: 'no-wildcard',
      paused: true,
    });
    return cron.nextRun() ?? undefined;
  } catch {
    return undefined;
  }
}
