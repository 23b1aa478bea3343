// Rebuilds the catalog rows of every tenant a repository holds by replaying its snapshots
// in the order they began. Rows of other tenants are left alone.
import type { Repository, SnapshotSummary } from '../repository/index.js';
import type { Catalog } from './catalog.js';
import { catalogItemRecord, catalogSnapshotMeta, type CatalogSnapshotMeta } from './convention.js';
import type { ItemRecord } from './model.js';

export interface RebuildReport {
  tenants: string[];
  snapshots: number;
  items: number;
  /** Snapshots without catalog meta (not written by the engine). */
  skippedSnapshots: number;
}

/** The catalog records of a repository snapshot's items, streamed. */
export async function* recordsOf(repository: Repository, snapshotId: string): AsyncIterable<ItemRecord> {
  for await (const item of repository.items(snapshotId)) {
    const record = catalogItemRecord(snapshotId, item);
    if (record) yield record;
  }
}

export interface CatalogedSnapshot {
  snapshot: SnapshotSummary;
  meta: CatalogSnapshotMeta;
}

/**
 * The repository's snapshots that carry catalog meta, in the order rebuild gives them
 * sequence numbers: the order they began, as when they were first recorded. Readers
 * without a catalog number snapshots the same way.
 */
export async function catalogedSnapshots(
  repository: Repository,
): Promise<{ snapshots: CatalogedSnapshot[]; skipped: number }> {
  const snapshots: CatalogedSnapshot[] = [];
  let skipped = 0;
  for (const snapshot of await repository.listSnapshots()) {
    const meta = catalogSnapshotMeta(snapshot);
    if (meta) snapshots.push({ snapshot, meta });
    else skipped += 1;
  }
  snapshots.sort(
    (a, b) =>
      Date.parse(a.meta.startedAt) - Date.parse(b.meta.startedAt) || (a.snapshot.id < b.snapshot.id ? -1 : 1),
  );
  return { snapshots, skipped };
}

export async function rebuild(catalog: Catalog, repository: Repository): Promise<RebuildReport> {
  const { snapshots: replay, skipped: skippedSnapshots } = await catalogedSnapshots(repository);

  const tenants = [...new Set(replay.map(({ meta }) => meta.tenantId))];
  for (const tenantId of tenants) {
    const known = await catalog.tenant(tenantId);
    const named = replay.find(({ meta }) => meta.tenantId === tenantId && meta.tenantDisplayName);
    await catalog.upsertTenant({
      id: tenantId,
      displayName: named?.meta.tenantDisplayName ?? known?.displayName ?? tenantId,
      repositoryLocation: repository.backend.location,
    });
    await catalog.clearTenant(tenantId);
  }

  let items = 0;
  for (const { snapshot, meta } of replay) {
    const { seq } = await catalog.beginSnapshot({
      tenantId: meta.tenantId,
      workload: meta.workload,
      repositorySnapshotId: snapshot.id,
      startedAt: new Date(meta.startedAt),
    });
    items += (
      await catalog.recordItems(meta.tenantId, meta.workload, seq, recordsOf(repository, snapshot.id))
    ).items;
    await catalog.finishSnapshot(meta.tenantId, meta.workload, seq, {
      status: meta.status,
      finishedAt: new Date(meta.finishedAt),
      summary: meta.summary,
    });
  }
  return { tenants, snapshots: replay.length, items, skippedSnapshots };
}
