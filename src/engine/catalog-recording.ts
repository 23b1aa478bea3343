// Recording a committed snapshot in the catalog: the tenant, the snapshot's row, its
// items (streamed back from the repository, the truth) and its outcome. This runs after
// the repository commit, so a backup that dies while recording leaves a running row that
// names a snapshot the repository holds; the tenant's next backup finishes that recording
// first (recording an item twice is harmless), and the catalog misses no snapshot.
import { catalogSnapshotMeta, recordsOf, type Catalog, type CatalogSnapshotMeta } from '../catalog/index.js';
import type { Repository, SnapshotSummary } from '../repository/index.js';
import { snapshotIfPresent } from './previous-snapshot.js';

async function recordItemsAndFinish(
  catalog: Catalog,
  repository: Repository,
  seq: number,
  snapshotId: string,
  meta: CatalogSnapshotMeta,
): Promise<void> {
  await catalog.recordItems(meta.tenantId, meta.workload, seq, recordsOf(repository, snapshotId));
  await catalog.finishSnapshot(meta.tenantId, meta.workload, seq, {
    status: meta.status,
    finishedAt: new Date(meta.finishedAt),
    repositorySnapshotId: snapshotId,
    summary: meta.summary,
  });
}

/** Records a snapshot the repository has committed; returns its catalog sequence number. */
export async function recordSnapshot(
  catalog: Catalog,
  repository: Repository,
  snapshot: SnapshotSummary,
  meta: CatalogSnapshotMeta,
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
  await recordItemsAndFinish(catalog, repository, seq, snapshot.id, meta);
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
  if (snapshot && meta) await recordItemsAndFinish(catalog, repository, running.seq, snapshot.id, meta);
  else await catalog.abandonSnapshot(tenantId, workload, running.seq);
}
