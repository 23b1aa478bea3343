// Directory backups of a sandbox tenant over HTTPS into a real repository and a real
// SQLite catalog: the first backup holds every type whole; after admin changes the next
// reads only what delta reports and records exactly those changes; an expired delta link
// falls back to listing; a type Graph refuses is carried and makes the snapshot partial;
// types not selected are carried; incremental backups are recorded in the catalog by
// their changes, with the result a rebuild from the repository gives; when every selected
// type fails nothing is written; an interrupted catalog recording is finished; a lost
// catalog is rebuilt from the repository.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { Catalog, rebuild, type ItemChange } from '../../../src/catalog/index.js';
import { DirectoryBackupError } from '../../../src/engine/backup.js';
import {
  DIRECTORY_TYPES,
  DIRECTORY_WORKLOAD,
  decodeItem,
  itemPath,
  type DirectoryType,
} from '../../../src/workloads/directory/item.js';
import { OBJECT_TYPE_DESCRIPTORS } from '../../../src/workloads/directory/types/index.js';
import {
  assertSignInDays,
  backupFixture,
  contentOf,
  dayOf,
  itemsByPath,
  requestsOf,
  revokePermission,
  type BackupFixture,
} from './backup-support.js';

const DAY_MS = 24 * 3600 * 1000;

async function collect<T>(values: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const value of values) all.push(value);
  return all;
}

/** The catalog's changes between two snapshots as "change type id" lines, sorted. */
async function changesBetween(fixture: BackupFixture, from: number, to: number): Promise<string[]> {
  const changes: ItemChange[] = await collect(
    fixture.catalog.diff(fixture.tenantId, DIRECTORY_WORKLOAD, from, to),
  );
  return changes.map((change) => `${change.change} ${change.itemType} ${change.objectId}`).sort();
}

async function storedItem(fixture: BackupFixture, snapshotId: string, type: DirectoryType, id: string) {
  const item = (await itemsByPath(fixture.repository, snapshotId)).get(itemPath(type, id));
  assert.ok(item, `${type} ${id} is in snapshot ${snapshotId}`);
  return decodeItem(await contentOf(fixture.repository, item));
}

function bitlockerReads(fixture: BackupFixture): number {
  return [...fixture.store.collection('directoryAudits').values()].filter(
    (entry) => entry.activityDisplayName === 'Read BitLocker key',
  ).length;
}

test('directory backups of a sandbox tenant', async (t) => {
  const fixture = await backupFixture(t);
  const { store, repository, catalog, tenantId } = fixture;
  const count = (collection: string) => store.collection(collection).size;
  const carriedRecordings = t.mock.method(catalog, 'recordCarried');
  const restartedRecordings = t.mock.method(catalog, 'restartRecording');
  // A group that nothing else refers to, deleted after the first backup.
  const doomed = (
    await fixture.admin('/objects/groups', 'POST', {
      displayName: 'Project Falcon',
      mailEnabled: false,
      mailNickname: 'falcon',
      securityEnabled: true,
      groupTypes: [],
    })
  ).body as { id: string };

  await t.test('the first backup holds every type whole', async () => {
    const { result } = await fixture.backup();
    const { types } = result.meta.summary;
    assert.equal(result.meta.status, 'succeeded');
    assert.equal(result.seq, 1);
    for (const type of DIRECTORY_TYPES) {
      assert.ok((types[type]?.items ?? 0) > 0, `${type} has items`);
      assert.equal(types[type]?.mode, 'full');
      assert.equal(types[type]?.error, null);
    }
    const expected: [DirectoryType, number][] = [
      ['users', count('users')],
      ['groups', count('groups')],
      ['applications', count('applications')],
      ['servicePrincipals', count('servicePrincipals')],
      ['conditionalAccessPolicies', count('conditionalAccessPolicies')],
      ['namedLocations', count('namedLocations')],
      ['devices', count('devices')],
      ['deviceConfigurations', count('deviceConfigurations')],
      ['deviceCompliancePolicies', count('deviceCompliancePolicies')],
      ['administrativeUnits', count('administrativeUnits')],
      ['bitlockerKeys', count('bitlockerRecoveryKeys')],
    ];
    for (const [type, items] of expected) assert.equal(types[type]?.items, items, type);
    const roles = [...store.collection('roleDefinitions').values()];
    assert.equal(types.builtInRoles?.items, roles.filter((role) => role.isBuiltIn === true).length);
    assert.equal(types.customRoles?.items, roles.filter((role) => role.isBuiltIn === false).length);
    assert.deepEqual(result.meta.state.types, [...DIRECTORY_TYPES]);
    assert.ok(result.meta.state.deltaLinks.users && result.meta.state.deltaLinks.groups);
    assert.equal(result.meta.state.deltaLinks.conditionalAccessPolicies, undefined, 'no delta for policies');

    // Users carry properties outside Graph's default set, and their manager.
    const managed = [...store.collection('users').values()].find(
      (user) => store.linked(user.id, 'manager')[0],
    );
    assert.ok(managed);
    const user = await storedItem(fixture, result.snapshotId, 'users', managed.id);
    assert.equal(user.object.accountEnabled, managed.accountEnabled);
    assert.equal(user.object.userType, managed.userType);
    assert.deepEqual(user.object.assignedLicenses, managed.assignedLicenses);
    assert.deepEqual(user.relationships.manager, store.linked(managed.id, 'manager'));

    // Groups carry their members and owners.
    const group = [...store.collection('groups').values()].find(
      (candidate) =>
        store.linked(candidate.id, 'members').length > 1 && store.linked(candidate.id, 'owners').length > 0,
    );
    assert.ok(group);
    const storedGroup = await storedItem(fixture, result.snapshotId, 'groups', group.id);
    assert.deepEqual(storedGroup.relationships.members, store.linked(group.id, 'members').sort());
    assert.deepEqual(storedGroup.relationships.owners, store.linked(group.id, 'owners').sort());

    // Intune assignments are kept whole with their policy.
    const configuration = [...store.collection('deviceConfigurations').values()][0]!;
    const storedConfiguration = await storedItem(
      fixture,
      result.snapshotId,
      'deviceConfigurations',
      configuration.id,
    );
    assert.equal(storedConfiguration.object['@odata.type'], configuration['@odata.type']);
    assert.equal(
      (storedConfiguration.object.assignments as unknown[]).length,
      (configuration.assignments as unknown[]).length,
    );

    // BitLocker items hold the recovery key itself, read one key at a time (each read audited).
    const key = [...store.collection('bitlockerRecoveryKeys').values()][0]!;
    const storedKey = await storedItem(fixture, result.snapshotId, 'bitlockerKeys', key.id);
    assert.match(String(storedKey.object.key), /^\d{6}(-\d{6}){7}$/);
    assert.equal(storedKey.object.key, key.key);
    assert.equal(bitlockerReads(fixture), count('bitlockerRecoveryKeys'));

    // Sign-in logs: one item per UTC day, every entry once, ordered by time then id.
    await assertSignInDays(fixture, result.snapshotId);
    const items = await itemsByPath(repository, result.snapshotId);
    assert.equal(
      types.signInLogs?.items,
      [...items.keys()].filter((path) => path.includes('/signInLogs/')).length,
    );
    const auditDays = [...items.values()].filter((item) => item.path.startsWith('directory/auditLogs/'));
    for (const item of auditDays) {
      for (const line of (await contentOf(repository, item)).trimEnd().split('\n')) {
        assert.equal(
          `directory/auditLogs/${dayOf((JSON.parse(line) as { activityDateTime: string }).activityDateTime)}.jsonl`,
          item.path,
        );
      }
    }

    // The catalog indexes every item of the snapshot.
    const snapshot = await catalog.snapshot(tenantId, DIRECTORY_WORKLOAD, 1);
    assert.equal(snapshot.status, 'succeeded');
    assert.equal(snapshot.repositorySnapshotId, result.snapshotId);
    assert.equal(snapshot.itemCount, items.size);
    assert.equal(snapshot.addedCount, items.size);
  });

  await t.test(
    'the next backup reads what changed through delta and records exactly those changes',
    async () => {
      const [patched, other] = [...store.collection('users').values()];
      assert.ok(patched && other);
      await fixture.admin(`/objects/users/${patched.id}`, 'PATCH', { jobTitle: 'Chief Backup Officer' });
      await fixture.admin(`/objects/groups/${doomed.id}`, 'DELETE');
      const joined = [...store.collection('groups').values()].find(
        (group) =>
          !store.isLinked(group.id, 'members', other.id) &&
          !(group.groupTypes as string[]).includes('DynamicMembership'),
      );
      assert.ok(joined);
      await fixture.admin(`/links/groups/${joined.id}/members`, 'POST', { targetId: other.id });
      const policy = (
        await fixture.admin('/objects/conditionalAccessPolicies', 'POST', {
          displayName: 'Block legacy authentication (pilot)',
          state: 'enabledForReportingButNotEnforced',
          conditions: { clientAppTypes: ['exchangeActiveSync', 'other'], users: { includeUsers: ['All'] } },
          grantControls: { operator: 'OR', builtInControls: ['block'] },
        })
      ).body as { id: string };
      const { now } = (await fixture.sandbox.admin('/clock', 'POST', { advanceMs: 2 * 3600 * 1000 }))
        .body as { now: string };
      const signIn = {
        ...[...store.collection('signIns').values()][0]!,
        id: 'f0000000-0000-4000-8000-000000000001',
        createdDateTime: now,
      };
      await fixture.admin('/objects/signIns', 'POST', signIn);
      const readsBefore = bitlockerReads(fixture);

      const run = await fixture.backup();
      const { types } = run.result.meta.summary;
      assert.equal(run.result.meta.status, 'succeeded');
      assert.equal(run.result.seq, 2);

      // Delta for the tracked types: the changes, never the whole collection.
      const requests = requestsOf(run);
      assert.ok(requests.includes('GET /users/delta'));
      assert.ok(!requests.includes('GET /users'), 'users are not listed');
      assert.ok(!requests.includes('GET /groups'), 'groups are not listed');
      assert.equal(types.users?.mode, 'delta');
      assert.deepEqual(
        [types.users?.changed, types.users?.added, types.users?.removed, types.users?.carried],
        [1, 0, 0, count('users') - 1],
      );
      assert.deepEqual([types.groups?.changed, types.groups?.removed], [1, 1]);
      assert.equal(types.conditionalAccessPolicies?.mode, 'full');
      assert.equal(types.conditionalAccessPolicies?.added, 1);
      assert.equal(types.signInLogs?.mode, 'watermark');
      assert.equal(bitlockerReads(fixture), readsBefore, 'keys already kept are not read again');

      // Exactly these changes; the audit log gained the first backup's BitLocker key reads.
      const signInDay = dayOf(now);
      const changes = (await changesBetween(fixture, 1, 2)).filter((line) => !line.includes(' auditLogs '));
      const expectedChanges = [
        `changed users ${patched.id}`,
        `removed groups ${doomed.id}`,
        `changed groups ${joined.id}`,
        `added conditionalAccessPolicies ${policy.id}`,
        `${types.signInLogs?.added === 1 ? 'added' : 'changed'} signInLogs ${signInDay}`,
      ].sort();
      assert.deepEqual(changes, expectedChanges);
      const stored = await storedItem(fixture, run.result.snapshotId, 'users', patched.id);
      assert.equal(stored.object.jobTitle, 'Chief Backup Officer');
      assert.ok(
        (
          await storedItem(fixture, run.result.snapshotId, 'groups', joined.id)
        ).relationships.members?.includes(other.id),
      );

      // Unchanged items point at the content the first snapshot stored.
      const first = await itemsByPath(
        repository,
        (await catalog.snapshot(tenantId, DIRECTORY_WORKLOAD, 1)).repositorySnapshotId!,
      );
      const second = await itemsByPath(repository, run.result.snapshotId);
      assert.deepEqual(
        second.get(itemPath('users', other.id))?.content,
        first.get(itemPath('users', other.id))?.content,
      );
      assert.equal(second.get(itemPath('groups', doomed.id)), undefined);
      // The overlap read the newest kept entries again: each is still there once.
      await assertSignInDays(fixture, run.result.snapshotId);
    },
  );

  await t.test('an expired delta link falls back to listing, and the snapshot stays right', async () => {
    await fixture.sandbox.admin('/clock', 'POST', { advanceMs: 8 * DAY_MS });
    const run = await fixture.backup();
    const { types } = run.result.meta.summary;
    assert.equal(run.result.meta.status, 'succeeded');
    const requests = requestsOf(run);
    assert.ok(requests.includes('GET /users/delta') && requests.includes('GET /users'));
    assert.equal(types.users?.mode, 'full');
    assert.deepEqual(
      [types.users?.items, types.users?.added, types.users?.changed, types.users?.removed],
      [count('users'), 0, 0, 0],
    );
    // The refusals were expected and answered by listing: counted apart, not as failures.
    const listedAgain = Object.values(OBJECT_TYPE_DESCRIPTORS).filter(
      (descriptor) => descriptor.delta && types[descriptor.type]?.mode === 'full',
    );
    assert.ok(listedAgain.length > 0);
    const { failed, expiredDeltaLinks } = run.result.meta.summary.requests;
    assert.deepEqual([failed, expiredDeltaLinks], [0, listedAgain.length]);
    assert.deepEqual(await changesBetween(fixture, 2, 3), []);

    const next = await fixture.backup({ toggles: ['users'] });
    assert.equal(next.result.meta.summary.types.users?.mode, 'delta', 'the fresh link is used next time');
  });

  await t.test('types not selected are carried, so the snapshot stays complete', async () => {
    const seq = (await catalog.listSnapshots(tenantId, DIRECTORY_WORKLOAD)).at(-1)!.seq;
    const snapshot = await catalog.snapshot(tenantId, DIRECTORY_WORKLOAD, seq);
    const { types } = snapshot.summary as { types: Record<string, { mode: string; items: number }> };
    assert.equal(types.users?.mode, 'delta');
    assert.equal(types.groups?.mode, 'carried');
    assert.equal(types.groups?.items, count('groups'));
    assert.equal(snapshot.removedCount, 0);
    assert.deepEqual(await changesBetween(fixture, seq - 1, seq), []);
  });

  await t.test('a type Graph refuses keeps its previous items and makes the snapshot partial', async () => {
    const before = (await catalog.listSnapshots(tenantId, DIRECTORY_WORKLOAD)).at(-1)!.seq;
    const regrant = await revokePermission(fixture, 'BitlockerKey.Read.All');
    const run = await fixture.backup();
    await regrant();
    const { types } = run.result.meta.summary;
    assert.equal(run.result.meta.status, 'partial');
    assert.match(types.bitlockerKeys?.error ?? '', /403 Authorization_RequestDenied/);
    assert.deepEqual(
      [types.bitlockerKeys?.items, types.bitlockerKeys?.carried],
      [count('bitlockerRecoveryKeys'), count('bitlockerRecoveryKeys')],
    );
    assert.equal(types.users?.error, null);
    const snapshot = await catalog.snapshot(tenantId, DIRECTORY_WORKLOAD, run.result.seq);
    assert.equal(snapshot.status, 'partial');
    assert.deepEqual(await changesBetween(fixture, before, run.result.seq), []);
  });

  await t.test('incremental backups are recorded by their changes, as a rebuild records them', async () => {
    // Every backup after the first carried its unchanged versions in bulk.
    const carried = await Promise.all(carriedRecordings.mock.calls.map((call) => call.result));
    const snapshots = await catalog.listSnapshots(tenantId, DIRECTORY_WORKLOAD);
    assert.equal(carried.length, snapshots.length - 1);
    for (const count of carried) assert.ok(typeof count === 'number' && count > 0);
    assert.equal(restartedRecordings.mock.callCount(), 0, 'every change was reported');

    const rebuilt = Catalog.open(join(fixture.dir, 'rebuilt.sqlite'));
    t.after(() => rebuilt.close());
    await rebuilt.migrate();
    await rebuild(rebuilt, repository);
    const view = async (of: Catalog) => {
      const all = await of.listSnapshots(tenantId, DIRECTORY_WORKLOAD);
      return Promise.all(
        all.map(async (snapshot) => ({
          snapshot: [snapshot.seq, snapshot.itemCount, snapshot.addedCount, snapshot.changedCount],
          removed: snapshot.removedCount,
          types: await of.countsByType(tenantId, DIRECTORY_WORKLOAD, snapshot.seq),
          items: (await of.listItems(tenantId, DIRECTORY_WORKLOAD, snapshot.seq, { limit: 10_000 })).items,
          diff:
            snapshot.seq === 1
              ? []
              : await collect(of.diff(tenantId, DIRECTORY_WORKLOAD, snapshot.seq - 1, snapshot.seq)),
        })),
      );
    };
    assert.deepEqual(await view(catalog), await view(rebuilt));
  });

  await t.test('when every selected type fails, no snapshot is written', async () => {
    const snapshots = (await repository.listSnapshots()).length;
    const regrant = await revokePermission(fixture, 'AuditLog.Read.All');
    try {
      await assert.rejects(
        fixture.backup({ toggles: ['signInLogs', 'auditLogs'] }),
        (error: Error) => error instanceof DirectoryBackupError && /signInLogs: .*403/.test(error.message),
      );
    } finally {
      await regrant();
    }
    assert.equal((await repository.listSnapshots()).length, snapshots);
    assert.equal((await catalog.listSnapshots(tenantId, DIRECTORY_WORKLOAD)).length, snapshots);
  });

  await t.test('a catalog recording the backup did not finish is finished by the next one', async () => {
    const last = (await catalog.listSnapshots(tenantId, DIRECTORY_WORKLOAD)).at(-1)!;
    await catalog.abandonSnapshot(tenantId, DIRECTORY_WORKLOAD, last.seq);
    await catalog.beginSnapshot({
      tenantId,
      workload: DIRECTORY_WORKLOAD,
      repositorySnapshotId: last.repositorySnapshotId!,
      startedAt: new Date(last.startedAt),
    });
    const run = await fixture.backup({ toggles: ['users'] });
    assert.equal(run.result.seq, last.seq + 1);
    const finished = await catalog.snapshot(tenantId, DIRECTORY_WORKLOAD, last.seq);
    assert.deepEqual(
      [finished.status, finished.itemCount, finished.repositorySnapshotId],
      [last.status, last.itemCount, last.repositorySnapshotId],
    );
  });

  await t.test('a lost catalog is rebuilt from the repository before the backup continues', async () => {
    const snapshots = await repository.listSnapshots();
    await catalog.clearTenant(tenantId);
    const run = await fixture.backup({ toggles: ['users'] });
    assert.equal(run.result.seq, snapshots.length + 1);
    assert.equal(run.result.meta.summary.types.users?.mode, 'delta');
    const snapshot = await catalog.snapshot(tenantId, DIRECTORY_WORKLOAD, run.result.seq);
    assert.deepEqual([snapshot.addedCount, snapshot.changedCount, snapshot.removedCount], [0, 0, 0]);
  });
});
