// The log types, throttled by Graph on a budget of their own, are read alongside the
// directory types within one backup: their progress and their requests interleave with
// the directory types', the snapshot still holds every type whole (log items after the
// directory types'), the next backup continues from it, a log failure is reported as a
// partial snapshot, and a backup stopped from one branch stops the other and writes nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BackupProgress } from '../../../src/engine/backup.js';
import {
  DIRECTORY_TYPES,
  DIRECTORY_WORKLOAD,
  LOG_TYPES,
  parseItemPath,
  type DirectoryType,
} from '../../../src/workloads/directory/item.js';
import { backupFixture, itemsByPath, requestsOf, revokePermission } from './backup-support.js';

const progressLine = (event: BackupProgress) => `${event.kind} ${event.type}`;

test('log types are read alongside the directory types', async (t) => {
  const fixture = await backupFixture(t);
  const { store, repository, catalog, tenantId } = fixture;

  await t.test('progress and requests interleave, and every type is captured whole', async () => {
    const events: BackupProgress[] = [];
    const run = await fixture.backup({ onProgress: (event) => events.push(event) });
    assert.equal(run.result.meta.status, 'succeeded');
    const lines = events.filter((event) => event.kind !== 'items').map(progressLine);

    // The log branch starts before the first directory type is done.
    assert.ok(
      lines.indexOf('typeStarted signInLogs') < lines.indexOf('typeFinished users'),
      lines.join('\n'),
    );
    // Audit-log requests are answered while the directory types are still being read.
    const requests = requestsOf(run);
    const firstLogRequest = requests.findIndex((request) => request.startsWith('GET /auditLogs/'));
    const firstDeviceRequest = requests.findIndex((request) => request.startsWith('GET /devices'));
    assert.ok(firstLogRequest >= 0 && firstDeviceRequest >= 0);
    assert.ok(firstLogRequest < firstDeviceRequest, requests.slice(0, firstDeviceRequest + 1).join('\n'));

    // Each type reports once started and once finished, with its summary.
    const { types } = run.result.meta.summary;
    for (const type of DIRECTORY_TYPES) {
      assert.equal(lines.filter((line) => line === `typeStarted ${type}`).length, 1, type);
      const finished = events.filter((event) => event.kind === 'typeFinished' && event.type === type);
      assert.deepEqual(
        finished.map((event) => event.kind === 'typeFinished' && event.summary),
        [types[type]],
      );
    }
    // The summary keeps DIRECTORY_TYPES order whatever order the types ended in.
    assert.deepEqual(Object.keys(types), [...DIRECTORY_TYPES]);

    // Every item is in the snapshot: directory types in their order, then the log types.
    const items = await itemsByPath(repository, run.result.snapshotId);
    const order = [...items.keys()].map((path) => parseItemPath(path)!.type);
    const written = order.filter((type, index) => type !== order[index - 1]);
    assert.deepEqual(written, [
      ...DIRECTORY_TYPES.filter((type) => !LOG_TYPES.has(type) && (types[type]?.items ?? 0) > 0),
      'signInLogs',
      'auditLogs',
    ]);
    for (const type of DIRECTORY_TYPES) {
      assert.equal(order.filter((itemType) => itemType === type).length, types[type]?.items, type);
    }
    assert.equal(types.users?.items, store.collection('users').size);
    const signInDays = new Set(
      [...store.collection('signIns').values()].map((entry) => String(entry.createdDateTime).slice(0, 10)),
    );
    assert.equal(types.signInLogs?.items, signInDays.size);
    const snapshot = await catalog.snapshot(tenantId, DIRECTORY_WORKLOAD, run.result.seq);
    assert.equal(snapshot.itemCount, items.size);
  });

  await t.test('the next backup continues from that snapshot, logs and directory alike', async () => {
    const [user] = [...store.collection('users').values()];
    assert.ok(user);
    await fixture.admin(`/objects/users/${user.id}`, 'PATCH', { jobTitle: 'Keeper of Logs' });
    const run = await fixture.backup();
    const { types } = run.result.meta.summary;
    assert.equal(run.result.meta.status, 'succeeded');
    assert.equal(types.users?.mode, 'delta');
    assert.deepEqual([types.users?.changed, types.users?.carried], [1, store.collection('users').size - 1]);
    // Every log day the first snapshot kept is there again, carried or merged anew.
    const previous = (await catalog.snapshot(tenantId, DIRECTORY_WORKLOAD, run.result.seq - 1)).summary as {
      types: Record<DirectoryType, { items: number }>;
    };
    for (const type of LOG_TYPES) {
      assert.equal(types[type]?.mode, 'watermark');
      assert.ok((types[type]?.items ?? 0) >= previous.types[type].items, type);
      assert.equal(types[type]?.removed, 0);
    }
    const changes = [];
    for await (const change of catalog.diff(
      tenantId,
      DIRECTORY_WORKLOAD,
      run.result.seq - 1,
      run.result.seq,
    )) {
      if (!LOG_TYPES.has(change.itemType as DirectoryType))
        changes.push(`${change.change} ${change.objectId}`);
    }
    assert.deepEqual(changes, [`changed ${user.id}`]);
  });

  await t.test('logs Graph refuses make the snapshot partial; the directory types are read', async () => {
    const regrant = await revokePermission(fixture, 'AuditLog.Read.All');
    const run = await fixture.backup();
    await regrant();
    const { types } = run.result.meta.summary;
    assert.equal(run.result.meta.status, 'partial');
    for (const type of LOG_TYPES) {
      assert.match(types[type]?.error ?? '', /403/, type);
      assert.equal(types[type]?.carried, types[type]?.items, `${type} keeps its previous items`);
    }
    for (const type of DIRECTORY_TYPES.filter((type) => !LOG_TYPES.has(type)))
      assert.equal(types[type]?.error, null, type);
  });

  await t.test('a backup stopped in one branch stops the other and writes nothing', async () => {
    const snapshots = (await repository.listSnapshots()).length;
    const catalogued = (await catalog.listSnapshots(tenantId, DIRECTORY_WORKLOAD)).length;
    const stop = new Error('cancelled');
    const after: string[] = [];
    let stopped = false;
    await assert.rejects(
      fixture.backup({
        onProgress: (event) => {
          if (stopped && event.kind !== 'items') after.push(progressLine(event));
          if (event.kind === 'typeStarted' && event.type === 'auditLogs') {
            stopped = true;
            throw stop;
          }
        },
      }),
      (error) => error === stop,
    );
    assert.deepEqual(
      after.filter((line) => line.startsWith('typeStarted')),
      [],
      'no type starts once the backup is stopping',
    );
    assert.equal((await repository.listSnapshots()).length, snapshots);
    assert.equal((await catalog.listSnapshots(tenantId, DIRECTORY_WORKLOAD)).length, catalogued);
    // The repository is left fit for the next backup.
    const run = await fixture.backup();
    assert.equal(run.result.meta.status, 'succeeded');
  });
});
