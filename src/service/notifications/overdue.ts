// Backups that did not happen: an organization with at least one Entra ID object type on
// must have a finished directory backup within twice its schedule's interval, counted from
// its last backup, or from when the notifier first saw it with something to back up (so
// turning backups on, or on again, does not report the months they were off). A partial
// backup counts as one: it took a snapshot, and its failure has an event of its own. Each
// missed window is one backup.overdue event, keyed by the time it counts from.
import { sql, type Kysely } from 'kysely';
import type { ServiceDb } from '../database.js';
import { recordEvent } from '../events.js';
import type { OrganizationServices } from '../organizations/index.js';
import type { Organization } from '../organizations/organizations.js';
import { JOB_NAMES } from '../jobs/requests.js';
import { nextSlot } from '../schedule.js';
import type { NotificationsDatabase } from './schema.js';

/** A backup is overdue after this many intervals of its schedule without one. */
const MISSED_INTERVALS = 2;

/** When the backup window that starts at `since` ends; undefined for a schedule that stops. */
export function backupDueBy(schedule: { cron: string; timeZone: string }, since: Date): Date | undefined {
  const first = nextSlot(schedule.cron, schedule.timeZone, since);
  const second = first && nextSlot(schedule.cron, schedule.timeZone, first);
  if (!first || !second) return undefined;
  return new Date(since.getTime() + MISSED_INTERVALS * (second.getTime() - first.getTime()));
}

export class OverdueBackups {
  private readonly db: Kysely<NotificationsDatabase>;

  constructor(
    private readonly serviceDb: ServiceDb,
    private readonly organizations: OrganizationServices,
    private readonly onError: (error: unknown) => void,
  ) {
    this.db = serviceDb.db as unknown as Kysely<NotificationsDatabase>;
  }

  /** Records backup.overdue for each organization past its window; how many were new. */
  async check(now: Date): Promise<number> {
    const lastBackups = await this.lastBackups();
    const watched = new Map(
      (await this.db.selectFrom('notification_backup_watch').selectAll().execute()).map((row) => [
        row.organization_id,
        row.expected_since,
      ]),
    );
    let recorded = 0;
    for await (const organization of this.organizations.organizations.all()) {
      const { id } = organization;
      try {
        if (await this.checkOne(organization, now, watched.get(id), lastBackups.get(id))) recorded++;
      } catch (error) {
        // One organization's broken settings must not hide the others' overdue backups.
        this.onError(error);
      }
    }
    return recorded;
  }

  private async checkOne(
    organization: Organization,
    now: Date,
    expectedSince: string | undefined,
    lastBackupAt: string | undefined,
  ): Promise<boolean> {
    const { id } = organization;
    const { settings } = await this.organizations.settings.get(organization);
    if (!Object.values(settings.objectTypes).some(Boolean)) {
      if (expectedSince !== undefined) {
        await this.db.deleteFrom('notification_backup_watch').where('organization_id', '=', id).execute();
      }
      return false;
    }
    if (expectedSince === undefined) {
      await this.db
        .insertInto('notification_backup_watch')
        .values({ organization_id: id, expected_since: now.toISOString() })
        .onConflict((conflict) => conflict.column('organization_id').doNothing())
        .execute();
      return false;
    }
    const since = lastBackupAt && lastBackupAt > expectedSince ? lastBackupAt : expectedSince;
    const dueBy = backupDueBy(settings.schedule, new Date(since));
    if (!dueBy || now <= dueBy) return false;
    return recordEvent(this.db, {
      kind: 'backup.overdue',
      organizationId: id,
      subject: null,
      dedupeKey: `backup.overdue:${id}:${since}`,
      details: { lastBackupAt: lastBackupAt ?? null, expectedSince, dueBy: dueBy.toISOString() },
      occurredAt: now,
    });
  }

  /** When each organization's latest directory backup finished (succeeded or partial). */
  private async lastBackups(): Promise<Map<string, string>> {
    const organizationId =
      this.serviceDb.engine === 'postgres'
        ? sql<string | null>`(payload::jsonb ->> 'organizationId')`
        : sql<string | null>`json_extract(payload, '$.organizationId')`;
    const rows = await this.db
      .selectFrom('jobs')
      .select((eb) => [organizationId.as('organization_id'), eb.fn.max('finished_at').as('last')])
      .where('name', '=', JOB_NAMES.backup)
      .where('state', 'in', ['succeeded', 'partial'])
      .groupBy(organizationId)
      .execute();
    return new Map(
      rows.flatMap((row) =>
        row.organization_id && row.last ? [[row.organization_id, row.last] as const] : [],
      ),
    );
  }
}
