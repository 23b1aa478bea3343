// What an organization's backup does: which Entra ID object types (all off until an admin
// turns them on), when it runs (cron in a time zone), how long snapshots are kept, and
// where the repository lives. The schema serves the API's validation and OpenAPI document;
// requireUsable adds what a JSON schema cannot say (a cron pattern, a time zone).
import { Type, type Static } from 'typebox';
import type { RetentionRules } from '../../repository/index.js';
import { BACKUP_TOGGLES, type BackupToggle } from '../../workloads/directory/item.js';
import { ServiceError } from '../errors.js';
import { Refusal } from '../refusal.js';
import { DEFAULT_CRON, DEFAULT_TIME_ZONE, validateSchedule } from '../schedule.js';

const objectTypeProperties = Object.fromEntries(BACKUP_TOGGLES.map((toggle) => [toggle, Type.Boolean()])) as {
  [K in BackupToggle]: ReturnType<typeof Type.Boolean>;
};

export const BackupSettingsSchema = Type.Object(
  {
    objectTypes: Type.Object(objectTypeProperties, {
      additionalProperties: false,
      description: 'Entra ID object types backed up, each on or off',
    }),
    schedule: Type.Object(
      {
        cron: Type.String({ minLength: 1, maxLength: 200, description: 'five-field cron pattern' }),
        timeZone: Type.String({
          minLength: 1,
          maxLength: 100,
          description: 'IANA time zone, e.g. Europe/Berlin',
        }),
      },
      { additionalProperties: false },
    ),
    retention: Type.Object(
      {
        keepWithinDays: Type.Integer({
          minimum: 0,
          maximum: 36_500,
          description: 'keep every snapshot this recent',
        }),
        daily: Type.Integer({
          minimum: 0,
          maximum: 10_000,
          description: 'newest snapshot of each of N days',
        }),
        weekly: Type.Integer({ minimum: 0, maximum: 10_000 }),
        monthly: Type.Integer({ minimum: 0, maximum: 10_000 }),
      },
      { additionalProperties: false },
    ),
    repository: Type.Union(
      [
        Type.Object(
          {
            location: Type.String({
              minLength: 1,
              maxLength: 2000,
              description: 'a directory or s3://bucket/prefix',
            }),
          },
          { additionalProperties: false },
        ),
        Type.Null(),
      ],
      { description: 'where backups go; null until chosen' },
    ),
  },
  { additionalProperties: false },
);

export type BackupSettings = Static<typeof BackupSettingsSchema>;

export function defaultSettings(): BackupSettings {
  return {
    objectTypes: Object.fromEntries(BACKUP_TOGGLES.map((toggle) => [toggle, false])) as Record<
      BackupToggle,
      boolean
    >,
    schedule: { cron: DEFAULT_CRON, timeZone: DEFAULT_TIME_ZONE },
    retention: { keepWithinDays: 30, daily: 30, weekly: 12, monthly: 12 },
    repository: null,
  };
}

/** Refuses settings a schedule could not run with (a bad cron pattern or time zone). */
export function requireUsable(settings: BackupSettings): BackupSettings {
  try {
    validateSchedule(settings.schedule.cron, settings.schedule.timeZone);
  } catch (error) {
    if (error instanceof ServiceError) throw new Refusal('invalid', 'invalid_settings', error.message);
    throw error;
  }
  return settings;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The repository's keep rules for the settings' retention. */
export function retentionRulesOf(settings: BackupSettings): RetentionRules {
  const { keepWithinDays, daily, weekly, monthly } = settings.retention;
  // Each workload of a tenant keeps its own history.
  return { withinMs: keepWithinDays * DAY_MS, daily, weekly, monthly, groupBy: 'workload' };
}
