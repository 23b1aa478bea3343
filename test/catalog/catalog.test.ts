// The catalog's behaviour on SQLite and on PostgreSQL: migrations, snapshot sequences,
// version ranges, counts, listing, history and diff.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Catalog, CatalogError } from '../../src/catalog/index.js';
import {
  collect,
  ENGINES,
  item,
  recordSnapshot,
  rowCount,
  runSql,
  tempCatalog,
  tempCatalogUrl,
  TENANT,
  WORKLOAD,
} from './support.js';

const alice = (hash = 'a1') => item('users', 'u-alice', 'Alice Smith', hash);
const bob = (hash = 'b1') => item('users', 'u-bob', 'Bob Jones', hash);
const carol = (hash = 'c1') => item('users', 'u-carol', 'Carol White', hash);
const admins = (hash = 'g1') => item('groups', 'g-admins', 'Admins', hash);
const mfa = (hash = 'p1') => item('conditionalAccessPolicies', 'p-mfa', 'Require MFA', hash);

for (const engine of ENGINES) {
  test(`migrations are idempotent and survive reopening (${engine})`, async (t) => {
    const url = await tempCatalogUrl(t, engine);
    const first = Catalog.open(url);
    await first.migrate();
    await first.migrate();
    await first.upsertTenant({ id: TENANT, displayName: 'Contoso' });
    await first.close();
    const second = Catalog.open(url);
    t.after(() => second.close());
    await second.migrate();
    assert.equal(second.engine, engine);
    assert.equal((await second.tenant(TENANT))?.displayName, 'Contoso');
    await second.upsertTenant({
      id: TENANT,
      displayName: 'Contoso Ltd',
      repositoryLocation: '/backups/contoso',
    });
    assert.deepEqual(
      { ...(await second.tenant(TENANT)), createdAt: undefined },
      {
        id: TENANT,
        displayName: 'Contoso Ltd',
        repositoryLocation: '/backups/contoso',
        createdAt: undefined,
      },
    );
  });

  test(`snapshots are numbered per tenant and workload, one running at a time (${engine})`, async (t) => {
    const { catalog } = await tempCatalog(t, engine);
    await catalog.upsertTenant({ id: 'fabrikam', displayName: 'Fabrikam' });
    const startedAt = new Date('2025-01-01T00:00:00Z');
    const one = await catalog.beginSnapshot({ tenantId: TENANT, workload: WORKLOAD, startedAt });
    await assert.rejects(
      catalog.beginSnapshot({ tenantId: TENANT, workload: WORKLOAD, startedAt }),
      (error: Error) => error instanceof CatalogError && /still running/.test(error.message),
    );
    const otherWorkload = await catalog.beginSnapshot({ tenantId: TENANT, workload: 'mail', startedAt });
    const otherTenant = await catalog.beginSnapshot({ tenantId: 'fabrikam', workload: WORKLOAD, startedAt });
    assert.deepEqual([one.seq, otherWorkload.seq, otherTenant.seq], [1, 1, 1]);
    await catalog.finishSnapshot(TENANT, WORKLOAD, 1, {
      status: 'partial',
      finishedAt: new Date('2025-01-01T00:05:00Z'),
      repositorySnapshotId: 'abc123',
      summary: { failedTypes: ['devices'] },
    });
    await assert.rejects(
      catalog.finishSnapshot(TENANT, WORKLOAD, 1, { status: 'succeeded', finishedAt: new Date() }),
      /already partial/,
    );
    const two = await catalog.beginSnapshot({ tenantId: TENANT, workload: WORKLOAD, startedAt: new Date() });
    assert.equal(two.seq, 2);
    const snapshots = await catalog.listSnapshots(TENANT, WORKLOAD);
    assert.deepEqual(
      snapshots.map((s) => [s.seq, s.status, s.repositorySnapshotId]),
      [
        [1, 'partial', 'abc123'],
        [2, 'running', null],
      ],
    );
    assert.deepEqual(snapshots[0]!.summary, { failedTypes: ['devices'] });
    assert.equal(snapshots[0]!.startedAt, '2025-01-01T00:00:00.000Z');
    assert.equal(snapshots[0]!.finishedAt, '2025-01-01T00:05:00.000Z');
    assert.deepEqual(
      (await catalog.listSnapshots(TENANT)).map((s) => [s.workload, s.seq]),
      [
        ['directory', 1],
        ['directory', 2],
        ['mail', 1],
      ],
    );
  });

  test(`unchanged items extend their version; added, changed and removed are counted (${engine})`, async (t) => {
    const { catalog, url } = await tempCatalog(t, engine);
    const s1 = await recordSnapshot(catalog, [alice(), bob(), admins()]);
    assert.equal(await rowCount(url, 'item_versions'), 3);
    const s2 = await recordSnapshot(catalog, [alice(), bob(), admins()]);
    assert.equal(await rowCount(url, 'item_versions'), 3, 'an unchanged snapshot adds no rows');
    // bob changes, admins is deleted, carol and a policy appear.
    const s3 = await recordSnapshot(catalog, [alice(), bob('b2'), carol(), mfa()]);
    assert.equal(await rowCount(url, 'item_versions'), 6);

    const counts = (await catalog.listSnapshots(TENANT, WORKLOAD)).map((s) => ({
      seq: s.seq,
      items: s.itemCount,
      added: s.addedCount,
      changed: s.changedCount,
      removed: s.removedCount,
    }));
    assert.deepEqual(counts, [
      { seq: s1, items: 3, added: 3, changed: 0, removed: 0 },
      { seq: s2, items: 3, added: 0, changed: 0, removed: 0 },
      { seq: s3, items: 4, added: 2, changed: 1, removed: 1 },
    ]);
    assert.deepEqual(await catalog.countsByType(TENANT, WORKLOAD, s1), [
      { itemType: 'groups', count: 1 },
      { itemType: 'users', count: 2 },
    ]);
    assert.deepEqual(await catalog.countsByType(TENANT, WORKLOAD, s3), [
      { itemType: 'conditionalAccessPolicies', count: 1 },
      { itemType: 'users', count: 3 },
    ]);
    // Counts are recorded when a snapshot finishes; a snapshot finished before the catalog
    // kept them gets them counted on the first ask, and recorded then.
    await runSql(url, 'UPDATE snapshots SET type_counts = NULL');
    assert.deepEqual(await catalog.countsByType(TENANT, WORKLOAD, s1), [
      { itemType: 'groups', count: 1 },
      { itemType: 'users', count: 2 },
    ]);
    const recorded = await runSql(url, `SELECT seq, type_counts FROM snapshots ORDER BY seq`);
    assert.deepEqual(
      recorded.map((row) => [Number(row.seq), row.type_counts === null]),
      [
        [s1, false],
        [s2, true],
        [s3, true],
      ],
    );
    const aliceNow = await catalog.latestVersion(TENANT, WORKLOAD, 'users', 'u-alice');
    assert.deepEqual([aliceNow?.firstSeenSeq, aliceNow?.lastSeenSeq], [1, 3]);
    const admin = await catalog.latestVersion(TENANT, WORKLOAD, 'groups', 'g-admins');
    assert.deepEqual(
      [admin?.firstSeenSeq, admin?.lastSeenSeq],
      [1, 2],
      'a removed object keeps its last version',
    );
    assert.equal(await catalog.latestVersion(TENANT, WORKLOAD, 'users', 'nobody'), undefined);
  });

  test(`recording is streamed in batches and repeats are harmless (${engine})`, async (t) => {
    const { catalog } = await tempCatalog(t, engine);
    async function* many(count: number, hash: string) {
      for (let i = 0; i < count; i++)
        yield item('users', `u-${String(i).padStart(5, '0')}`, `User ${i}`, hash);
    }
    const { seq } = await catalog.beginSnapshot({
      tenantId: TENANT,
      workload: WORKLOAD,
      startedAt: new Date(),
    });
    const first = await catalog.recordItems(TENANT, WORKLOAD, seq, many(1234, 'h'));
    assert.deepEqual(first, { items: 1234, added: 1234, changed: 0 });
    // A resumed backup sends items again: same content is no news, other content an error.
    assert.deepEqual(await catalog.recordItems(TENANT, WORKLOAD, seq, many(10, 'h')), {
      items: 0,
      added: 0,
      changed: 0,
    });
    await assert.rejects(
      catalog.recordItems(TENANT, WORKLOAD, seq, many(1, 'other')),
      /twice in one snapshot/,
    );
    await assert.rejects(
      catalog.recordItems(TENANT, WORKLOAD, seq, [alice('x'), alice('y')]),
      /twice in one snapshot/,
    );
    const finished = await catalog.finishSnapshot(TENANT, WORKLOAD, seq, {
      status: 'succeeded',
      finishedAt: new Date(),
    });
    assert.equal(finished.itemCount, 1234);
    await assert.rejects(catalog.recordItems(TENANT, WORKLOAD, seq, [alice()]), /already succeeded/);
  });

  test(`an abandoned snapshot leaves the catalog as it was (${engine})`, async (t) => {
    const { catalog, url } = await tempCatalog(t, engine);
    const s1 = await recordSnapshot(catalog, [alice(), bob()], new Date('2025-01-01T00:00:00Z'));
    const { seq } = await catalog.beginSnapshot({
      tenantId: TENANT,
      workload: WORKLOAD,
      startedAt: new Date(),
    });
    await catalog.recordItems(TENANT, WORKLOAD, seq, [alice(), bob('b2'), carol()]);
    await assert.rejects(catalog.abandonSnapshot(TENANT, WORKLOAD, s1), /follows it/);
    await catalog.abandonSnapshot(TENANT, WORKLOAD, seq);
    assert.equal(await rowCount(url, 'item_versions'), 2);
    const versions = (await catalog.listItems(TENANT, WORKLOAD, s1)).items;
    assert.deepEqual(
      versions.map((v) => [v.objectId, v.lastSeenSeq, v.lastSeenAt]),
      [
        ['u-alice', 1, '2025-01-01T00:00:00.000Z'],
        ['u-bob', 1, '2025-01-01T00:00:00.000Z'],
      ],
    );
    const again = await recordSnapshot(catalog, [alice(), bob()]);
    assert.equal(again, 2);
    assert.equal((await catalog.snapshot(TENANT, WORKLOAD, again)).addedCount, 0);
  });

  test(`listItems pages by key and searches names and ids (${engine})`, async (t) => {
    const { catalog } = await tempCatalog(t, engine);
    const users = Array.from({ length: 25 }, (_, i) =>
      item('users', `u-${String(i).padStart(2, '0')}`, i % 5 === 0 ? `Sales Rep ${i}` : `Engineer_${i}`, 'h'),
    );
    const seq = await recordSnapshot(catalog, [...users, admins(), mfa()]);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await catalog.listItems(TENANT, WORKLOAD, seq, { limit: 10, cursor });
      seen.push(...page.items.map((v) => `${v.itemType}/${v.objectId}`));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    assert.equal(pages, 3);
    assert.equal(seen.length, 27);
    assert.deepEqual(seen, [...seen].sort());
    assert.equal(new Set(seen).size, 27);

    const onlyUsers = await catalog.listItems(TENANT, WORKLOAD, seq, { itemType: 'users', limit: 100 });
    assert.equal(onlyUsers.items.length, 25);
    assert.equal(onlyUsers.nextCursor, undefined);
    const sales = await catalog.listItems(TENANT, WORKLOAD, seq, { search: 'sALES rep' });
    assert.deepEqual(
      sales.items.map((v) => v.objectId),
      ['u-00', 'u-05', 'u-10', 'u-15', 'u-20'],
    );
    // LIKE wildcards in the search are literal characters.
    assert.equal((await catalog.listItems(TENANT, WORKLOAD, seq, { search: '_' })).items.length, 20);
    assert.equal((await catalog.listItems(TENANT, WORKLOAD, seq, { search: '%' })).items.length, 0);
    assert.equal((await catalog.listItems(TENANT, WORKLOAD, seq, { search: 'engineer_1' })).items.length, 9);
    assert.deepEqual(
      (await catalog.listItems(TENANT, WORKLOAD, seq, { search: 'P-MF' })).items.map((v) => v.displayName),
      ['Require MFA'],
    );
    await assert.rejects(catalog.listItems(TENANT, WORKLOAD, seq, { cursor: 'garbage' }), CatalogError);
  });

  test(`history lists each version with its snapshot range (${engine})`, async (t) => {
    const { catalog } = await tempCatalog(t, engine);
    const times = [1, 2, 3, 4, 5].map((day) => new Date(`2025-03-0${day}T00:00:00Z`));
    await recordSnapshot(catalog, [alice('a1'), bob()], times[0]);
    await recordSnapshot(catalog, [alice('a1'), bob()], times[1]);
    await recordSnapshot(catalog, [alice('a2'), bob()], times[2]);
    await recordSnapshot(catalog, [bob()], times[3]);
    await recordSnapshot(catalog, [alice('a3'), bob()], times[4]);
    const versions = await catalog.history(TENANT, WORKLOAD, 'u-alice');
    assert.deepEqual(
      versions.map((v) => [v.versionHash, v.firstSeenSeq, v.lastSeenSeq, v.firstSeenAt, v.lastSeenAt]),
      [
        ['a1', 1, 2, '2025-03-01T00:00:00.000Z', '2025-03-02T00:00:00.000Z'],
        ['a2', 3, 3, '2025-03-03T00:00:00.000Z', '2025-03-03T00:00:00.000Z'],
        ['a3', 5, 5, '2025-03-05T00:00:00.000Z', '2025-03-05T00:00:00.000Z'],
      ],
    );
    assert.equal(versions[0]!.contentRef, 'users/u-alice');
    assert.deepEqual(await catalog.history(TENANT, WORKLOAD, 'u-alice', 'groups'), []);
  });

  test(`diff between any two snapshots, in both directions (${engine})`, async (t) => {
    const { catalog } = await tempCatalog(t, engine);
    const s1 = await recordSnapshot(catalog, [alice(), bob(), admins(), mfa()]);
    await recordSnapshot(catalog, [alice(), bob('b2'), admins(), mfa()]);
    // alice changes and changes back; admins is deleted; carol appears.
    await recordSnapshot(catalog, [alice('a-temp'), bob('b2'), mfa(), carol()]);
    const s4 = await recordSnapshot(catalog, [alice(), bob('b2'), mfa('p2'), carol()]);

    const summary = (changes: { change: string; itemType: string; objectId: string }[]) =>
      changes.map((c) => `${c.change} ${c.itemType}/${c.objectId}`);
    const forward = await collect(catalog.diff(TENANT, WORKLOAD, s1, s4));
    assert.deepEqual(summary(forward), [
      'changed conditionalAccessPolicies/p-mfa',
      'removed groups/g-admins',
      'changed users/u-bob',
      'added users/u-carol',
    ]);
    const bobChange = forward.find((c) => c.objectId === 'u-bob')!;
    assert.deepEqual([bobChange.from?.versionHash, bobChange.to?.versionHash], ['b1', 'b2']);
    assert.equal(forward.find((c) => c.change === 'removed')?.to, undefined);
    assert.equal(forward.find((c) => c.change === 'added')?.from, undefined);

    const backward = await collect(catalog.diff(TENANT, WORKLOAD, s4, s1));
    assert.deepEqual(summary(backward), [
      'changed conditionalAccessPolicies/p-mfa',
      'added groups/g-admins',
      'changed users/u-bob',
      'removed users/u-carol',
    ]);
    assert.deepEqual([backward[2]!.from?.versionHash, backward[2]!.to?.versionHash], ['b2', 'b1']);
    assert.deepEqual(summary(await collect(catalog.diff(TENANT, WORKLOAD, 3, 4))), [
      'changed conditionalAccessPolicies/p-mfa',
      'changed users/u-alice',
    ]);
    assert.deepEqual(await collect(catalog.diff(TENANT, WORKLOAD, 2, 2)), []);
    await assert.rejects(collect(catalog.diff(TENANT, WORKLOAD, 1, 9)), /no snapshot 9/);
  });

  test(`diff streams thousands of changes page by page (${engine})`, async (t) => {
    const { catalog } = await tempCatalog(t, engine);
    const users = (count: number, hash: (i: number) => string) =>
      Array.from({ length: count }, (_, i) =>
        item('users', `u-${String(i).padStart(5, '0')}`, `User ${i}`, hash(i)),
      );
    const s1 = await recordSnapshot(
      catalog,
      users(3000, () => 'v1'),
    );
    await recordSnapshot(
      catalog,
      users(3000, (i) => (i % 3 === 0 ? 'v2' : 'v1')),
    );
    const s3 = await recordSnapshot(
      catalog,
      users(2500, (i) => (i % 3 === 0 ? 'v2' : 'v1')),
    );
    const iterator = catalog.diff(TENANT, WORKLOAD, s1, s3);
    const counts = { added: 0, removed: 0, changed: 0 };
    let previous = '';
    for await (const change of iterator) {
      counts[change.change] += 1;
      assert.ok(change.objectId > previous, 'changes come in key order');
      previous = change.objectId;
    }
    // 2500 kept: 834 of them changed; 500 removed (167 of which had changed in between).
    assert.deepEqual(counts, { added: 0, removed: 500, changed: 834 });
  });
}
