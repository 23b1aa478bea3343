import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyRetention, parseDuration } from '../../src/repository/retention.js';
import type { SnapshotSummary } from '../../src/repository/index.js';

function snapshot(id: string, time: string, meta: Record<string, unknown> = {}): SnapshotSummary {
  return { id, time, hostname: 'h', tags: [], meta, items: 0, size: 0 };
}

const hourly = Array.from({ length: 24 * 40 }, (_, i) =>
  snapshot(`s${String(i).padStart(4, '0')}`, new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString()),
);

function kept(rules: Parameters<typeof applyRetention>[1], snapshots = hourly): string[] {
  return applyRetention(snapshots, rules)
    .flatMap((group) => group.keep.map((k) => k.snapshot.id))
    .sort();
}

test('keep last N', () => {
  assert.deepEqual(kept({ last: 3 }), ['s0957', 's0958', 's0959']);
});

test('keep daily / weekly / monthly / yearly keep the newest of each period', () => {
  const daily = kept({ daily: 3 });
  assert.deepEqual(daily, ['s0911', 's0935', 's0959']); // 23:00 of the last three days
  assert.equal(kept({ weekly: 2 }).length, 2);
  assert.deepEqual(kept({ monthly: 5 }), ['s0743', 's0959']); // end of January, newest in February
  assert.deepEqual(kept({ yearly: 2 }), ['s0959']);
  assert.equal(kept({ hourly: 10 }).length, 10);
});

test('rules combine: a snapshot is kept if any rule keeps it', () => {
  assert.deepEqual(kept({ last: 1, daily: 2 }), ['s0935', 's0959']);
});

test('keep within a duration counts back from the newest snapshot', () => {
  assert.equal(kept({ withinMs: parseDuration('2d') }).length, 49);
});

test('grouping by a meta field applies the rules per group', () => {
  const snapshots = [
    snapshot('a1', '2025-01-01T00:00:00Z', { resource: 'a' }),
    snapshot('a2', '2025-01-02T00:00:00Z', { resource: 'a' }),
    snapshot('b1', '2025-01-01T00:00:00Z', { resource: 'b' }),
  ];
  assert.deepEqual(kept({ last: 1, groupBy: 'resource' }, snapshots), ['a2', 'b1']);
  assert.deepEqual(kept({ last: 1 }, snapshots), ['a2']);
});

test('durations', () => {
  assert.equal(parseDuration('36h'), 36 * 3_600_000);
  assert.equal(parseDuration('1y6m'), (365 + 180) * 86_400_000);
  assert.throws(() => parseDuration('7 days'), /not a duration/);
});
