// Rebuilding the catalog from a repository written the way the engine writes it, on both
// engines, through the API and through `tenantvault catalog rebuild`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  Catalog,
  rebuild,
  type CatalogItemMetadata,
  type CatalogSnapshotMeta,
  type ItemRecord,
} from '../../src/catalog/index.js';
import { FsBackend, Repository } from '../../src/repository/index.js';
import { PASSWORD, TEST_OPTIONS } from '../repository/support.js';
import { runCli } from '../support/cli.js';
import { collect, ENGINES, item, tempCatalog, tempCatalogUrl, tempDir, TENANT, WORKLOAD } from './support.js';

interface BackupRun {
  startedAt: string;
  finishedAt: string;
  status: CatalogSnapshotMeta['status'];
  items: ItemRecord[];
}

const RUNS: BackupRun[] = [
  {
    startedAt: '2025-05-01T02:00:00.000Z',
    finishedAt: '2025-05-01T02:03:00.000Z',
    status: 'succeeded',
    items: [
      item('users', 'u-1', 'Ada', 'h1'),
      item('users', 'u-2', 'Grace', 'h1'),
      item('groups', 'g-1', 'All', 'h1'),
    ],
  },
  {
    startedAt: '2025-05-02T02:00:00.000Z',
    finishedAt: '2025-05-02T02:04:00.000Z',
    status: 'partial',
    items: [
      item('users', 'u-1', 'Ada', 'h1'),
      item('users', 'u-2', 'Grace H.', 'h2'),
      item('groups', 'g-1', 'All', 'h1'),
    ],
  },
  {
    startedAt: '2025-05-03T02:00:00.000Z',
    finishedAt: '2025-05-03T02:02:00.000Z',
    status: 'succeeded',
    items: [
      item('users', 'u-1', 'Ada', 'h1'),
      item('users', 'u-3', 'Linus', 'h1'),
      item('groups', 'g-1', 'All', 'h2'),
    ],
  },
];

/** Writes the runs as the engine does (catalog meta and metadata), newest first to prove ordering by start. */
async function writeRepository(dir: string): Promise<{ repository: Repository; ids: string[] }> {
  const repository = await Repository.init(new FsBackend(dir), PASSWORD, TEST_OPTIONS);
  const ids: string[] = [];
  for (const run of [...RUNS].reverse()) {
    const meta: CatalogSnapshotMeta = {
      tenantId: TENANT,
      workload: WORKLOAD,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      status: run.status,
      tenantDisplayName: 'Contoso',
      summary: { types: 2 },
    };
    const writer = await repository.startSnapshot({ meta: { ...meta }, tags: [TENANT, WORKLOAD] });
    for (const record of run.items) {
      const metadata: CatalogItemMetadata = {
        itemType: record.itemType,
        objectId: record.objectId,
        displayName: record.displayName,
        versionHash: record.versionHash,
      };
      await writer.addItem({
        path: record.contentRef,
        id: record.objectId,
        metadata,
        content: Buffer.from(JSON.stringify(record)),
      });
    }
    // State the catalog does not index, e.g. a delta token.
    await writer.addItem({
      path: 'state/users.delta',
      id: 'state/users.delta',
      metadata: { kind: 'deltaToken' },
    });
    ids.unshift((await writer.commit()).id);
  }
  // A snapshot that is not the engine's (repo backup-dir) is skipped.
  const other = await repository.startSnapshot({ meta: { source: '/tmp' } });
  await other.addItem({ path: 'notes.txt', id: 'notes.txt', content: Buffer.from('notes') });
  await other.commit();
  return { repository, ids };
}

/** Everything the catalog knows of the tenant, for comparison. */
async function contents(catalog: Catalog) {
  const snapshots = await catalog.listSnapshots(TENANT);
  const items = [];
  for (const snapshot of snapshots)
    items.push(await catalog.listItems(TENANT, WORKLOAD, snapshot.seq, { limit: 1000 }));
  return {
    snapshots,
    items,
    diff: await collect(catalog.diff(TENANT, WORKLOAD, 1, snapshots.length)),
    history: await catalog.history(TENANT, WORKLOAD, 'u-2'),
  };
}

for (const engine of ENGINES) {
  test(`rebuild from the repository equals the catalog the backups recorded (${engine})`, async (t) => {
    const { repository, ids } = await writeRepository(join(await tempDir(t), 'repo'));

    const { catalog: direct } = await tempCatalog(t, engine);
    for (const [i, run] of RUNS.entries()) {
      const { seq } = await direct.beginSnapshot({
        tenantId: TENANT,
        workload: WORKLOAD,
        startedAt: new Date(run.startedAt),
      });
      await direct.recordItems(TENANT, WORKLOAD, seq, run.items);
      await direct.finishSnapshot(TENANT, WORKLOAD, seq, {
        status: run.status,
        finishedAt: new Date(run.finishedAt),
        repositorySnapshotId: ids[i],
        summary: { types: 2 },
      });
    }

    const { catalog: rebuilt } = await tempCatalog(t, engine);
    // Rows from before the rebuild disappear; the result does not depend on them.
    await rebuilt.beginSnapshot({ tenantId: TENANT, workload: WORKLOAD, startedAt: new Date() });
    const report = await rebuild(rebuilt, repository);
    assert.deepEqual(report, { tenants: [TENANT], snapshots: 3, items: 9, skippedSnapshots: 1 });
    assert.deepEqual(await contents(rebuilt), await contents(direct));
    assert.deepEqual(
      (await rebuilt.listSnapshots(TENANT)).map((s) => [
        s.seq,
        s.status,
        s.addedCount,
        s.changedCount,
        s.removedCount,
      ]),
      [
        [1, 'succeeded', 3, 0, 0],
        [2, 'partial', 0, 1, 0],
        [3, 'succeeded', 1, 1, 1],
      ],
    );
    // The content reference reads the item back from the repository.
    const version = (await rebuilt.latestVersion(TENANT, WORKLOAD, 'users', 'u-2'))!;
    const snapshotId = (await rebuilt.snapshot(TENANT, WORKLOAD, version.lastSeenSeq)).repositorySnapshotId!;
    const chunks: Buffer[] = [];
    for await (const chunk of await repository.readItem(snapshotId, version.contentRef))
      chunks.push(chunk as Buffer);
    assert.equal((JSON.parse(Buffer.concat(chunks).toString()) as ItemRecord).displayName, 'Grace H.');
    assert.equal((await rebuilt.tenant(TENANT))?.repositoryLocation, repository.backend.location);

    // Rebuilding again gives the same catalog.
    await rebuild(rebuilt, repository);
    assert.deepEqual(await contents(rebuilt), await contents(direct));
  });

  test(`tenantvault catalog rebuild (${engine})`, async (t) => {
    const root = await tempDir(t);
    await writeRepository(join(root, 'repo'));
    const url = await tempCatalogUrl(t, engine);
    const env = { TENANTVAULT_PASSWORD: PASSWORD };
    const result = await runCli(
      ['--json', 'catalog', 'rebuild', '--repo', join(root, 'repo'), '--catalog', url],
      { env },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), {
      tenants: [TENANT],
      snapshots: 3,
      items: 9,
      skippedSnapshots: 1,
    });
    const catalog = Catalog.open(url);
    t.after(() => catalog.close());
    assert.deepEqual(
      (await catalog.countsByType(TENANT, WORKLOAD, 3)).map((c) => [c.itemType, c.count]),
      [
        ['groups', 1],
        ['users', 2],
      ],
    );
    const wrong = await runCli(['catalog', 'rebuild', '--repo', join(root, 'repo'), '--catalog', url], {
      env: { TENANTVAULT_PASSWORD: 'wrong' },
    });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /wrong password/);
  });
}

test('tenantvault catalog rebuild defaults to <home>/catalog.sqlite and needs --repo', async (t) => {
  const root = await tempDir(t);
  await writeRepository(join(root, 'repo'));
  const home = join(root, 'home');
  const env = { TENANTVAULT_PASSWORD: PASSWORD };
  const missing = await runCli(['--home', home, 'catalog', 'rebuild'], { env });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--repo/);
  const result = await runCli(['--home', home, 'catalog', 'rebuild', '--repo', join(root, 'repo')], { env });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /rebuilt 3 snapshots \(9 items\) of 1 tenant\(s\): contoso.onmicrosoft.com/);
  const catalog = Catalog.open(join(home, 'catalog.sqlite'));
  t.after(() => catalog.close());
  assert.equal((await catalog.listSnapshots(TENANT)).length, 3);
});
