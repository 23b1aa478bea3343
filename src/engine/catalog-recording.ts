// Recording a committed snapshot in the catalog: the tenant, the snapshot's row, its
// items (streamed back from the repository, the truth) and its outcome. This runs after
// the repository commit, so a backup that dies while recording leaves a running row that
// names a snapshot the repository holds; the tenant's next backup finishes that recording
// first (recording an item twice is harmless), and the catalog misses no snapshot.
//
// A backup that says what it changed against the snapshot before (SnapshotChanges) is
// recorded by that: the catalog extends the carried versions in bulk and records only
// the changed items. If the result does not hold as many items as the repository
// snapshot, the recording starts over item by item from the repository, which is the
// truth; so a change the backup failed to report costs time, never correctness.
import { catalogSnapshotMeta, recordsOf, type Catalog, type CatalogSnapshotMeta } from '../catalog/index.js';
import type { Repository, SnapshotSummary } from '../repository/index.js';
import { snapshotIfPresent } from './previous-snapshot.js';
import type { SnapshotChanges } from './snapshot-changes.js';

/** Records the snapshot by its changes; false when they cannot stand for it. */
async function recordChanges(
  catalog: Catalog,
  snapshot: SnapshotSummary,
  meta: CatalogSnapshotMeta,
  seq: number,
  changes: SnapshotChanges,
): Promise<boolean> {
  if (!changes.complete) return false;
  const { tenantId, workload } = meta;
  const carried = await catalog.recordCarried(tenantId, workload, seq, changes.carriedItems());
  if (carried === undefined) return false;
  await catalog.recordItems(tenantId, workload, seq, changes.writtenItems());
  if ((await catalog.snapshot(tenantId, workload, seq)).itemCount === snapshot.items) return true;
  await catalog.restartRecording(tenantId, workload, seq);
  return false;
}

async function recordItemsAndFinish(
  catalog: Catalog,
  repository: Repository,
  seq: number,
  snapshot: SnapshotSummary,
  meta: CatalogSnapshotMeta,
  changes?: SnapshotChanges,
): Promise<void> {
  const recorded = changes !== undefined && (await recordChanges(catalog, snapshot, meta, seq, changes));
  if (!recorded)
    await catalog.recordItems(meta.tenantId, meta.workload, seq, recordsOf(repository, snapshot.id));
  await catalog.finishSnapshot(meta.tenantId, meta.workload, seq, {
    status: meta.status,
    finishedAt: new Date(meta.finishedAt),
    repositorySnapshotId: snapshot.id,
    summary: meta.summary,
  });
}

/**
 * Records a snapshot the repository has committed, by its changes when the backup kept
 * them; returns its catalog sequence number.
 */
export async function recordSnapshot(
  catalog: Catalog,
  repository: Repository,
  snapshot: SnapshotSummary,
  meta: CatalogSnapshotMeta,
  changes?: SnapshotChanges,
): Promise<number> {
  await catalog.upsertTenant({
    id: meta.tenantId,
    displayName: meta.tenantDisplayName ?? meta.tenantId,
    repositoryLocation: repository.backend.location,
  });
  const { seq } = await catalog.beginSnapshot({
    tenantId: meta.tenantId,
    workload: meta.workload,
    repositorySnapshotId: snapshot.id,
    startedAt: new Date(meta.startedAt),
  });
  await recordItemsAndFinish(catalog, repository, seq, snapshot, meta, changes);
  return seq;
}

/**
 * Finishes the recording a dead backup left running, from the repository snapshot it
 * names; a row whose snapshot the repository does not hold is abandoned.
 */
export async function finishInterruptedRecording(
  catalog: Catalog,
  repository: Repository,
  tenantId: string,
  workload: string,
): Promise<void> {
  const running = (await catalog.listSnapshots(tenantId, workload)).find(
    ({ status }) => status === 'running',
  );
  if (!running) return;
  const snapshot = running.repositorySnapshotId
    ? await snapshotIfPresent(repository, running.repositorySnapshotId)
    : undefined;
  const meta = snapshot && catalogSnapshotMeta(snapshot);
  if (snapshot && meta) await recordItemsAndFinish(catalog, repository, running.seq, snapshot, meta);
  else await catalog.abandonSnapshot(tenantId, workload, running.seq);
}
