// Log days larger than the memory bound for one day: their new entries are sorted on disk
// and merged with what the previous snapshot kept, and every entry is still kept once, in
// order. The sort's runs are gone when the backup ends.
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { test } from 'node:test';
import { SpilledSort } from '../../../src/engine/spilled-sort.js';
import { tempDir } from '../../catalog/support.js';
import {
  assertSignInDays,
  backupFixture,
  contentOf,
  dayOf,
  itemsByPath,
  refuseLaterPages,
} from './backup-support.js';

/** A bound so small that every day of a test tenant is sorted in several runs. */
const TINY_DAY_MEMORY = 2048;

type TestContext = Parameters<typeof tempDir>[0];

/** Points the system's temp directory (where sort runs go) at a directory of the test's own, until it ends. */
async function ownTempDirectory(t: TestContext): Promise<void> {
  const original = process.env.TMPDIR;
  const directory = await tempDir(t);
  process.env.TMPDIR = directory;
  t.after(() => {
    if (original === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = original;
    return Promise.resolve();
  });
}

/** The sort runs left in the system's temp directory, which the test points at a directory of its own. */
async function runsLeft(): Promise<string[]> {
  return (await readdir(process.env.TMPDIR!)).filter((name) => name.startsWith('tenantvault-sort-'));
}

test('log days sorted on disk hold every entry once, in order, across backups', async (t) => {
  // Runs go to the system's temp directory: this test's own, to see them removed.
  await ownTempDirectory(t);
  const spills = t.mock.method(SpilledSort.prototype as unknown as { spill(): Promise<void> }, 'spill');
  const fixture = await backupFixture(t);
  const { repository, store } = fixture;

  const first = await fixture.backup({ logDayMemoryBytes: TINY_DAY_MEMORY });
  assert.equal(first.result.meta.status, 'succeeded');
  assert.ok(spills.mock.callCount() > 10, `${spills.mock.callCount()} runs were sorted on disk`);
  await assertSignInDays(fixture, first.result.snapshotId);
  assert.deepEqual(await runsLeft(), []);

  // New sign-ins on the newest day, and the overlap reads that day's newest entries again.
  const { now } = (await fixture.sandbox.admin('/clock', 'POST', { advanceMs: 60_000 })).body as {
    now: string;
  };
  const template = [...store.collection('signIns').values()][0]!;
  for (let index = 0; index < 30; index++) {
    await fixture.admin('/objects/signIns', 'POST', {
      ...template,
      id: `f0000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      createdDateTime: now,
    });
  }
  const spilledBefore = spills.mock.callCount();
  const second = await fixture.backup({ logDayMemoryBytes: TINY_DAY_MEMORY });
  assert.equal(second.result.meta.status, 'succeeded');
  assert.equal(second.result.meta.summary.types.signInLogs?.mode, 'watermark');
  assert.ok(spills.mock.callCount() > spilledBefore);
  await assertSignInDays(fixture, second.result.snapshotId);
  assert.deepEqual(await runsLeft(), []);

  // Audit days too: in their day, ordered by time then id, each entry once.
  const items = await itemsByPath(repository, second.result.snapshotId);
  const auditEntries = [...store.collection('directoryAudits').values()];
  let kept = 0;
  for (const item of [...items.values()].filter(({ path }) => path.startsWith('directory/auditLogs/'))) {
    const entries = (await contentOf(repository, item))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; activityDateTime: string });
    const keys = entries.map(({ id, activityDateTime }) => [Date.parse(activityDateTime), id] as const);
    const ordered = [...keys].sort(([a, x], [b, y]) => a - b || (x < y ? -1 : x > y ? 1 : 0));
    assert.deepEqual(keys, ordered, item.path);
    assert.equal(new Set(entries.map(({ id }) => id)).size, entries.length, item.path);
    for (const entry of entries)
      assert.equal(`directory/auditLogs/${dayOf(entry.activityDateTime)}.jsonl`, item.path);
    kept += entries.length;
  }
  // Including the first backup's key reads; the second read no keys.
  assert.equal(kept, auditEntries.length);
});

test('a log listing refused in the middle of a day fails that type alone, leaves no runs and loses nothing', async (t) => {
  await ownTempDirectory(t);
  const spills = t.mock.method(SpilledSort.prototype as unknown as { spill(): Promise<void> }, 'spill');
  // 1,200 sign-ins: two pages of 1,000, the second refused.
  const fixture = await backupFixture(t, { users: 400 });
  const refusal = refuseLaterPages(fixture, (request) => request.path === '/auditLogs/signIns');
  // Users too, since a backup in which every type fails writes no snapshot.
  const failed = await fixture.backup({
    toggles: ['users', 'signInLogs'],
    logDayMemoryBytes: TINY_DAY_MEMORY,
  });
  assert.equal(failed.result.meta.status, 'partial');
  assert.match(failed.result.meta.summary.types.signInLogs?.error ?? '', /403 Authorization_RequestDenied/);
  assert.ok(spills.mock.callCount() > 0, 'the day was being sorted on disk when the listing failed');
  assert.deepEqual(await runsLeft(), []);

  refusal.allow();
  const next = await fixture.backup({ toggles: ['users', 'signInLogs'], logDayMemoryBytes: TINY_DAY_MEMORY });
  assert.equal(next.result.meta.status, 'succeeded');
  await assertSignInDays(fixture, next.result.snapshotId);
  assert.deepEqual(await runsLeft(), []);
});
