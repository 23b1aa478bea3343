// Snapshots of 20,000 items on both engines: recording streams in batches, an unchanged
// snapshot adds no rows, and the times are printed (no limits asserted).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ItemRecord } from '../../src/catalog/index.js';
import {
  collect,
  ENGINES,
  item,
  recordSnapshot,
  rowCount,
  tempCatalog,
  TENANT,
  WORKLOAD,
} from './support.js';

const OBJECTS = 20_000;

/** Objects [first, first + count) with hash version(i), generated as they are recorded. */
async function* objects(
  first: number,
  count: number,
  version: (i: number) => string,
): AsyncIterable<ItemRecord> {
  for (let i = first; i < first + count; i++) {
    yield item(
      i % 4 === 0 ? 'groups' : 'users',
      `object-${String(i).padStart(6, '0')}`,
      `Object ${i}`,
      version(i),
    );
  }
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  console.log(`${label}: ${Math.round(performance.now() - start)} ms`);
  return result;
}

for (const engine of ENGINES) {
  test(`20,000-item snapshots (${engine})`, async (t) => {
    const { catalog, url } = await tempCatalog(t, engine);
    await timed(`${engine}: first snapshot, ${OBJECTS} new items`, () =>
      recordSnapshot(
        catalog,
        objects(0, OBJECTS, () => 'v1'),
      ),
    );
    await timed(`${engine}: unchanged snapshot`, () =>
      recordSnapshot(
        catalog,
        objects(0, OBJECTS, () => 'v1'),
      ),
    );
    assert.equal(await rowCount(url, 'item_versions'), OBJECTS);
    // 1% changed, the first 100 removed, 100 new at the end.
    const third = await timed(`${engine}: snapshot with 1% changed, 100 removed, 100 added`, () =>
      recordSnapshot(
        catalog,
        objects(100, OBJECTS, (i) => (i % 100 === 1 ? 'v2' : 'v1')),
      ),
    );
    const snapshot = await catalog.snapshot(TENANT, WORKLOAD, third);
    assert.deepEqual(
      [snapshot.itemCount, snapshot.addedCount, snapshot.changedCount, snapshot.removedCount],
      [OBJECTS, 100, 199, 100],
    );
    assert.equal(await rowCount(url, 'item_versions'), OBJECTS + 100 + 199);

    const changes = await timed(`${engine}: diff 1 -> 3`, () =>
      collect(catalog.diff(TENANT, WORKLOAD, 1, third)),
    );
    assert.equal(changes.length, 100 + 100 + 199);
    const page = await timed(`${engine}: page of 100 from the middle, searched`, () =>
      catalog.listItems(TENANT, WORKLOAD, third, { itemType: 'users', search: 'object 15', limit: 100 }),
    );
    assert.equal(page.items.length, 100);
    const counts = await timed(`${engine}: counts by type`, () =>
      catalog.countsByType(TENANT, WORKLOAD, third),
    );
    assert.equal(
      counts.reduce((sum, c) => sum + c.count, 0),
      OBJECTS,
    );
  });
}
