// The schedules an organization's settings imply: its backup, at the settings' cron and
// time zone, while at least one object type is on; and its retention, daily after
// midnight in the same time zone, while there are backups to thin out. Saved whenever the
// settings in force change (their own, or the policy they follow), so the scheduler only
// ever reads schedules.
import type { Kysely } from 'kysely';
import { hasRules } from '../../repository/index.js';
import { BACKUP_TOGGLES } from '../../workloads/directory/item.js';
import { jobOfRequest } from '../jobs/requests.js';
import type { ServiceDatabase } from '../schema.js';
import { saveSchedule } from '../schedules.js';
import { retentionRulesOf, type BackupSettings } from './settings.js';

export const BACKUP_SCHEDULE = 'backup';
export const RETENTION_SCHEDULE = 'retention';
/** Retention runs at 03:17 in the organization's time zone: off the hour most backups start on. */
const RETENTION_CRON = '17 3 * * *';

export async function saveBackupSchedules(
  db: Kysely<ServiceDatabase>,
  organizationId: string,
  settings: BackupSettings,
  now = new Date(),
): Promise<void> {
  const backingUp = BACKUP_TOGGLES.some((toggle) => settings.objectTypes[toggle]);
  const { cron, timeZone } = settings.schedule;
  await saveSchedule(
    db,
    {
      organizationId,
      name: BACKUP_SCHEDULE,
      cron,
      timeZone,
      job: jobOfRequest(organizationId, { kind: 'backup' }),
      enabled: backingUp,
    },
    now,
  );
  await saveSchedule(
    db,
    {
      organizationId,
      name: RETENTION_SCHEDULE,
      cron: RETENTION_CRON,
      timeZone,
      job: jobOfRequest(organizationId, { kind: 'retention' }),
      enabled: backingUp && hasRules(retentionRulesOf(settings)),
    },
    now,
  );
}
