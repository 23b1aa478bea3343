// Retention rules for `forget`: which snapshots to keep. Calendar buckets are UTC, and
// "within" counts back from the newest snapshot of the group, so the result does not
// depend on when forget runs.
import type { SnapshotSummary } from './snapshot.js';

export interface RetentionRules {
  /** Keep the newest N snapshots. */
  last?: number;
  /** Keep the newest snapshot of each of the last N hours / days / ISO weeks / months / years that have one. */
  hourly?: number;
  daily?: number;
  weekly?: number;
  monthly?: number;
  yearly?: number;
  /** Keep every snapshot this many milliseconds or less older than the newest (see parseDuration). */
  withinMs?: number;
  /** Apply the rules separately per value of this `meta` field (e.g. the resource backed up). */
  groupBy?: string;
}

export interface RetentionGroup {
  group: string;
  keep: { snapshot: SnapshotSummary; reasons: string[] }[];
  remove: SnapshotSummary[];
}

const CALENDAR_RULES = ['hourly', 'daily', 'weekly', 'monthly', 'yearly'] as const;

function bucketOf(rule: (typeof CALENDAR_RULES)[number], time: Date): string {
  const iso = time.toISOString();
  switch (rule) {
    case 'hourly':
      return iso.slice(0, 13);
    case 'daily':
      return iso.slice(0, 10);
    case 'monthly':
      return iso.slice(0, 7);
    case 'yearly':
      return iso.slice(0, 4);
    case 'weekly': {
      // ISO week: the week belongs to the year of its Thursday.
      const thursday = new Date(Date.UTC(time.getUTCFullYear(), time.getUTCMonth(), time.getUTCDate()));
      thursday.setUTCDate(thursday.getUTCDate() + 3 - ((thursday.getUTCDay() + 6) % 7));
      const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
      const week = Math.floor((thursday.getTime() - yearStart) / 86_400_000 / 7) + 1;
      return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
    }
  }
}

export function hasRules(rules: RetentionRules): boolean {
  return [rules.last, rules.withinMs, ...CALENDAR_RULES.map((rule) => rules[rule])].some(
    (value) => value !== undefined && value > 0,
  );
}

export function applyRetention(snapshots: SnapshotSummary[], rules: RetentionRules): RetentionGroup[] {
  const groups = new Map<string, SnapshotSummary[]>();
  for (const snapshot of snapshots) {
    const group = rules.groupBy === undefined ? '' : String(snapshot.meta[rules.groupBy] ?? '');
    groups.set(group, [...(groups.get(group) ?? []), snapshot]);
  }
  return [...groups].map(([group, members]) => decideGroup(group, members, rules));
}

function decideGroup(group: string, snapshots: SnapshotSummary[], rules: RetentionRules): RetentionGroup {
  const newestFirst = [...snapshots].sort(
    (a, b) => Date.parse(b.time) - Date.parse(a.time) || (a.id < b.id ? -1 : 1),
  );
  const newest = newestFirst[0] ? Date.parse(newestFirst[0].time) : 0;
  let last = rules.last ?? 0;
  const remaining = new Map(CALENDAR_RULES.map((rule) => [rule, rules[rule] ?? 0]));
  const lastBucket = new Map<string, string>();
  const result: RetentionGroup = { group, keep: [], remove: [] };
  for (const snapshot of newestFirst) {
    const time = new Date(snapshot.time);
    const reasons: string[] = [];
    if (last > 0) {
      last -= 1;
      reasons.push('last');
    }
    for (const rule of CALENDAR_RULES) {
      const left = remaining.get(rule) ?? 0;
      const bucket = bucketOf(rule, time);
      if (left > 0 && lastBucket.get(rule) !== bucket) {
        remaining.set(rule, left - 1);
        lastBucket.set(rule, bucket);
        reasons.push(rule);
      }
    }
    if (rules.withinMs !== undefined && newest - time.getTime() <= rules.withinMs) reasons.push('within');
    if (reasons.length > 0) result.keep.push({ snapshot, reasons });
    else result.remove.push(snapshot);
  }
  return result;
}

const DURATION_UNITS: Record<string, number> = {
  y: 365 * 86_400_000,
  m: 30 * 86_400_000,
  w: 7 * 86_400_000,
  d: 86_400_000,
  h: 3_600_000,
};

/** "1y6m", "2w", "36h": years, months (30 days), weeks, days, hours. */
export function parseDuration(text: string): number {
  const parts = [...text.matchAll(/(\d+)([ymwdh])/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== text) {
    throw new RangeError(`"${text}" is not a duration like 7d, 2w, 6m, 1y or 1y6m (h = hours)`);
  }
  return parts.reduce((sum, part) => sum + Number(part[1]) * DURATION_UNITS[part[2]!]!, 0);
}
