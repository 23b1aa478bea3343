// Comparing directory snapshots, one object's history, and snapshot references, against a
// real repository written per docs/directory-backup.md and a SQLite catalog rebuilt from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compareSnapshots } from '../../../src/engine/directory/compare.js';
import type { ComparedItem, ItemFilter } from '../../../src/engine/directory/changes.js';
import { objectHistory } from '../../../src/engine/directory/history.js';
import { StoredItemError } from '../../../src/engine/directory/stored-items.js';
import {
  BadReferenceError,
  readableSnapshotEntries,
  repositorySnapshotEntries,
  resolveSnapshotReference,
  type SnapshotEntry,
} from '../../../src/engine/snapshot-reference.js';
import { DIRECTORY_WORKLOAD } from '../../../src/workloads/directory/item.js';
import { FsBackend, Repository } from '../../../src/repository/index.js';
import { collect } from '../../catalog/support.js';
import { PASSWORD } from '../../repository/support.js';
import { BACKUPS, directoryFixture, TENANT, type DirectoryFixture } from './support.js';

async function snapshotsOf(fixture: DirectoryFixture) {
  return readableSnapshotEntries(TENANT, DIRECTORY_WORKLOAD, fixture);
}

async function compare(fixture: DirectoryFixture, from: string, to: string, filter?: ItemFilter) {
  const snapshots = await snapshotsOf(fixture);
  return collect(
    compareSnapshots({
      catalog: fixture.catalog,
      repository: fixture.repository,
      tenantId: TENANT,
      from: resolveSnapshotReference(from, snapshots),
      to: resolveSnapshotReference(to, snapshots),
      filter,
    }),
  );
}

test('snapshot to snapshot: property values, relationship members, added, removed and log days', async (t) => {
  const fixture = await directoryFixture(t, BACKUPS);
  const changes = await compare(fixture, '1', '2');
  const expected: ComparedItem[] = [
    {
      change: 'changed',
      type: 'groups',
      id: 'g-eng',
      displayName: 'Engineering',
      properties: [],
      relationships: [
        { relationship: 'members', added: ['u-linus'], removed: ['u-grace'] },
        { relationship: 'owners', added: ['u-ada'], removed: ['u-grace'] },
      ],
    },
    {
      change: 'changed',
      type: 'signInLogs',
      id: '2025-05-01',
      displayName: '2025-05-01',
      entries: { before: 2, after: 3 },
    },
    {
      change: 'added',
      type: 'signInLogs',
      id: '2025-05-02',
      displayName: '2025-05-02',
      entries: { before: 0, after: 1 },
    },
    {
      change: 'changed',
      type: 'users',
      id: 'u-ada',
      displayName: 'Ada Lovelace',
      properties: [
        { property: 'department', old: undefined, new: 'Research' },
        { property: 'jobTitle', old: 'Engineer', new: 'Lead Engineer' },
      ],
      relationships: [{ relationship: 'manager', added: ['u-linus'], removed: ['u-grace'] }],
    },
    // u-alan changed only its etag: no change worth showing.
    { change: 'removed', type: 'users', id: 'u-grace', displayName: 'Grace Hopper' },
    { change: 'added', type: 'users', id: 'u-linus', displayName: 'Linus Torvalds' },
  ];
  assert.deepEqual(changes, expected);

  // The other way round, old and new trade places.
  const backwards = await compare(fixture, '2', '1', { ids: new Set(['u-ada', 'u-grace', 'u-linus']) });
  assert.deepEqual(
    backwards.map((item) => [item.change, item.id, item.properties?.map((p) => [p.property, p.old, p.new])]),
    [
      [
        'changed',
        'u-ada',
        [
          ['department', 'Research', undefined],
          ['jobTitle', 'Lead Engineer', 'Engineer'],
        ],
      ],
      ['added', 'u-grace', undefined],
      ['removed', 'u-linus', undefined],
    ],
  );
});

test('a restored object with its old content is no change; filters by type and id', async (t) => {
  const fixture = await directoryFixture(t, BACKUPS);
  const firstToLast = await compare(fixture, 'latest~2', 'latest');
  assert.deepEqual(
    firstToLast.map((item) => `${item.change} ${item.type} ${item.id}`),
    [
      'changed groups g-eng',
      'changed signInLogs 2025-05-01',
      'added signInLogs 2025-05-02',
      'changed users u-ada',
      'added users u-linus',
    ],
  );
  assert.deepEqual(
    (await compare(fixture, 'previous', 'latest', { types: new Set(['users']) })).map((item) => [
      item.id,
      item.properties,
    ]),
    [
      ['u-ada', [{ property: 'accountEnabled', old: true, new: false }]],
      ['u-grace', undefined],
    ],
    'from 2 to 3 Ada changed and Grace came back',
  );
  assert.deepEqual(await compare(fixture, '2', '3', { types: new Set(['groups', 'signInLogs']) }), []);
  assert.deepEqual(
    (await compare(fixture, '1', '2', { types: new Set(['users']), ids: new Set(['u-linus', 'g-eng']) })).map(
      (item) => item.id,
    ),
    ['u-linus'],
  );
});

test('history: every version with its snapshots, gaps, and what changed from the one before', async (t) => {
  const fixture = await directoryFixture(t, BACKUPS);
  const request = { catalog: fixture.catalog, repository: fixture.repository, tenantId: TENANT };

  const ada = await objectHistory({ ...request, objectId: 'u-ada', withChanges: true });
  assert.equal(ada.type, 'users');
  assert.equal(ada.latestSeq, 3);
  assert.deepEqual(
    ada.versions.map((version) => [
      version.firstSeenSeq,
      version.lastSeenSeq,
      version.firstSeenAt.slice(0, 10),
    ]),
    [
      [1, 1, '2025-05-01'],
      [2, 2, '2025-05-02'],
      [3, 3, '2025-05-03'],
    ],
  );
  assert.equal(ada.versions[0]!.changes, undefined);
  assert.deepEqual(ada.versions[1]!.changes, {
    properties: [
      { property: 'department', old: undefined, new: 'Research' },
      { property: 'jobTitle', old: 'Engineer', new: 'Lead Engineer' },
    ],
    relationships: [{ relationship: 'manager', added: ['u-linus'], removed: ['u-grace'] }],
  });
  assert.deepEqual(ada.versions[2]!.changes, {
    properties: [{ property: 'accountEnabled', old: true, new: false }],
    relationships: [],
  });

  const grace = await objectHistory({ ...request, objectId: 'u-grace', withChanges: true });
  assert.deepEqual(
    grace.versions.map((version) => [version.firstSeenSeq, version.lastSeenSeq, version.changes]),
    [
      [1, 1, undefined],
      [3, 3, {}],
    ],
    'absent from snapshot 2, back unchanged in 3',
  );
  const day = await objectHistory({
    ...request,
    objectId: '2025-05-01',
    type: 'signInLogs',
    withChanges: true,
  });
  assert.deepEqual(
    day.versions.map((version) => version.changes),
    [undefined, { entries: { before: 2, after: 3 } }],
  );
  const withoutChanges = await objectHistory({ ...request, objectId: 'u-ada', withChanges: false });
  assert.ok(withoutChanges.versions.every((version) => version.changes === undefined));

  await assert.rejects(
    objectHistory({ ...request, objectId: 'u-nobody', withChanges: false }),
    BadReferenceError,
  );
  await assert.rejects(
    objectHistory({ ...request, objectId: 'u-ada', type: 'groups', withChanges: false }),
    /no snapshot of this tenant holds groups u-ada/,
  );
});

test('snapshot references: numbers, relative names, id prefixes and clear refusals', () => {
  const entry = (
    seq: number,
    id: string | null,
    status: SnapshotEntry['status'] = 'succeeded',
  ): SnapshotEntry => ({
    seq,
    repositorySnapshotId: id,
    startedAt: `2025-05-0${seq}T02:00:00.000Z`,
    finishedAt: status === 'running' ? null : `2025-05-0${seq}T02:05:00.000Z`,
    status,
  });
  const snapshots = [
    entry(1, 'aa11bb22cc33'.padEnd(64, '0')),
    entry(2, 'aa11bb22dd44'.padEnd(64, '0'), 'partial'),
    entry(3, 'ff00ee11aa22'.padEnd(64, '0')),
    entry(4, null, 'running'),
  ];
  const seqOf = (reference: string) => resolveSnapshotReference(reference, snapshots).seq;
  assert.equal(seqOf('2'), 2);
  assert.equal(seqOf('latest'), 3, 'a running backup is not the latest snapshot');
  assert.equal(seqOf('latest~0'), 3);
  assert.equal(seqOf('previous'), 2);
  assert.equal(seqOf('latest~2'), 1);
  assert.equal(seqOf('FF00EE11'), 3);
  assert.equal(seqOf('aa11bb22dd'), 2);
  assert.equal(seqOf('ff00ee11aa22'.padEnd(64, '0')), 3);
  // Snapshot n started on 2025-05-0n at 02:00 UTC.
  assert.equal(seqOf('2025-05-02'), 2, 'a day means its end');
  assert.equal(seqOf('2025-05-03T01:59Z'), 2);
  assert.equal(seqOf('2025-05-03T02:00:00Z'), 3);
  assert.equal(seqOf('2025-05-03T04:00+02:00'), 3);
  assert.equal(seqOf('2025-05-03T03:59+02:00'), 2);
  assert.equal(seqOf('2025-05-01T02:30'), 1, 'a time without an offset is UTC');
  assert.equal(seqOf('2030-01-01'), 3, 'a running backup is not taken yet');

  const refusals: [string, RegExp][] = [
    ['latest~3', /goes back 3 snapshot\(s\), but there are only 3/],
    ['9', /there is no snapshot 9 \(they are 1 to 4\)/],
    ['4', /snapshot 4 is still running/],
    ['aa11bb22', /aa11bb22 is ambiguous: snapshots 1, 2 start with it/],
    ['0123abcd', /no snapshot has a repository id starting with 0123abcd/],
    ['last', /"last" is not a snapshot reference/],
    ['aa11', /"aa11" is not a snapshot reference/],
    ['', /"" is not a snapshot reference/],
    ['2025-04-30', /no snapshot was taken by 2025-04-30; the first was started at 2025-05-01T02:00:00.000Z/],
    ['2025-13-45', /"2025-13-45" is not a valid date or time/],
  ];
  for (const [reference, message] of refusals) {
    assert.throws(() => resolveSnapshotReference(reference, snapshots), message);
    assert.throws(() => resolveSnapshotReference(reference, snapshots), BadReferenceError);
  }
  assert.throws(() => resolveSnapshotReference('latest', []), /there are no finished snapshots yet/);
});

test('without a catalog, the repository numbers snapshots as a rebuilt catalog does', async (t) => {
  const fixture = await directoryFixture(t, BACKUPS);
  const fromCatalog = await fixture.catalog.listSnapshots(TENANT, DIRECTORY_WORKLOAD);
  const fromRepository = await repositorySnapshotEntries(fixture.repository, TENANT, DIRECTORY_WORKLOAD);
  assert.deepEqual(
    fromRepository,
    fromCatalog.map(({ seq, repositorySnapshotId, startedAt, finishedAt, status }) => ({
      seq,
      repositorySnapshotId,
      startedAt,
      finishedAt,
      status,
    })),
  );
  assert.deepEqual(
    fromRepository.map((entry) => entry.repositorySnapshotId),
    fixture.snapshotIds,
  );
  assert.deepEqual(
    await repositorySnapshotEntries(fixture.repository, 'another-tenant', DIRECTORY_WORKLOAD),
    [],
  );

  // An empty catalog falls back to the repository.
  await fixture.catalog.clearTenant(TENANT);
  assert.deepEqual(await snapshotsOf(fixture), fromRepository);
});

test('an item the repository cannot give back is reported by path and snapshot', async (t) => {
  const damaged = await directoryFixture(t, BACKUPS);
  const repoDir = join(damaged.dir, 'repo');
  for (const name of await readdir(join(repoDir, 'data'), { recursive: true })) {
    if (!/^[0-9a-f]{64}$/.test(name.split('/').at(-1)!)) continue;
    const file = join(repoDir, 'data', name);
    await writeFile(file, Buffer.alloc(4096, 0x55));
  }
  await assert.rejects(compare(damaged, '1', '2'), (error: unknown) => {
    assert.ok(error instanceof StoredItemError, String(error));
    assert.match(
      error.message,
      /^cannot read directory\/groups\/g-eng\.json from snapshot [0-9a-f]{12}: .*(corrupt|short)/,
    );
    return true;
  });

  // A snapshot the catalog still lists but the repository no longer has (forgotten).
  const forgotten = await directoryFixture(t, BACKUPS);
  await rm(join(forgotten.dir, 'repo', 'snapshots', forgotten.snapshotIds[1]!));
  const reopened = await Repository.open(new FsBackend(join(forgotten.dir, 'repo')), PASSWORD);
  await assert.rejects(
    compare({ ...forgotten, repository: reopened }, '1', '2'),
    /cannot read directory\/groups\/g-eng\.json from snapshot .*no snapshot/,
  );
});
