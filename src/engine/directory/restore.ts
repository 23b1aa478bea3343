// Restore of a tenant's directory from one of its snapshots: the snapshot named by a
// reference, the items chosen by type and/or id read from the repository, and the plan
// of Graph writes that brings them back into a live tenant (the same one, or another one
// for configuration types). Executing the plan is the workload's executor.
import type { Catalog } from '../../catalog/index.js';
import type { GraphClient } from '../../graph/index.js';
import type { Repository } from '../../repository/index.js';
import {
  DIRECTORY_WORKLOAD,
  parseItemPath,
  type DirectoryItem,
  type DirectoryType,
} from '../../workloads/directory/item.js';
import {
  planRestore,
  refusalOf,
  RestoreRefusedError,
  type NewUserMode,
  type RestorePlan,
  type SnapshotItems,
} from '../../workloads/directory/restore/index.js';
import {
  BadReferenceError,
  readableSnapshotEntries,
  resolveSnapshotReference,
  type ReadableSnapshot,
} from '../snapshot-reference.js';
import { readDirectoryItem } from './stored-items.js';

export interface RestoreSelection {
  /** Every item of these types… */
  types?: readonly DirectoryType[];
  /** …or these objects (of those types, when both are given). */
  ids?: readonly string[];
}

export interface DirectoryRestoreRequest {
  repository: Repository;
  catalog: Catalog;
  /** The tenant the snapshot was taken of; default: the tenant written to. */
  sourceTenantId?: string;
  /** A snapshot reference: a number, latest, previous, latest~N or a repository id prefix. */
  snapshot: string;
  selection: RestoreSelection;
  /** A client of the tenant to write to. */
  graph: GraphClient;
  newUsers: NewUserMode;
}

export interface DirectoryRestorePlan {
  snapshot: ReadableSnapshot;
  plan: RestorePlan;
}

/** The directory items of a snapshot that `wanted` accepts, streamed from the repository. */
async function* storedItems(
  repository: Repository,
  snapshotId: string,
  wanted: (type: DirectoryType, objectId: string) => boolean,
): AsyncGenerator<DirectoryItem> {
  for await (const entry of repository.items(snapshotId)) {
    const parsed = parseItemPath(entry.path);
    if (parsed && wanted(parsed.type, parsed.objectId)) {
      yield readDirectoryItem(repository, { snapshotId, path: entry.path });
    }
  }
}

async function chosenItems(
  repository: Repository,
  snapshot: ReadableSnapshot,
  selection: RestoreSelection,
): Promise<DirectoryItem[]> {
  const types = selection.types && selection.types.length > 0 ? new Set(selection.types) : undefined;
  const ids = selection.ids && selection.ids.length > 0 ? new Set(selection.ids) : undefined;
  const chosen: DirectoryItem[] = [];
  const wanted = (type: DirectoryType, id: string) => (!types || types.has(type)) && (!ids || ids.has(id));
  for await (const item of storedItems(repository, snapshot.repositorySnapshotId, wanted)) chosen.push(item);
  const missing = [...(ids ?? [])].filter((id) => !chosen.some((item) => item.id === id));
  if (missing.length > 0) {
    const which = types ? ` of type ${[...types].join(', ')}` : '';
    throw new BadReferenceError(
      `snapshot ${snapshot.seq} holds no object${which} with id ${missing.join(', ')}`,
    );
  }
  return chosen;
}

/** The tenant a client writes to, by its id (the client may have been given a domain name). */
async function tenantIdOf(graph: GraphClient): Promise<string> {
  const organization = await graph.get<{ value?: { id: string }[] }>('/organization', { $select: 'id' });
  const id = organization.value?.[0]?.id;
  if (!id) throw new Error('Graph did not name the organization of the target tenant.');
  return id;
}

export async function planDirectoryRestore(request: DirectoryRestoreRequest): Promise<DirectoryRestorePlan> {
  const targetTenantId = await tenantIdOf(request.graph);
  const sourceTenantId = request.sourceTenantId ?? targetTenantId;
  const crossTenant = sourceTenantId !== targetTenantId;
  // Refused before anything is read: the answer does not depend on the snapshot.
  const refusals = (request.selection.types ?? []).flatMap((type) => refusalOf(type, crossTenant) ?? []);
  if (refusals.length > 0) throw new RestoreRefusedError(refusals.join('; '));

  const entries = await readableSnapshotEntries(sourceTenantId, DIRECTORY_WORKLOAD, request);
  const snapshot = resolveSnapshotReference(request.snapshot, entries);
  const snapshotId = snapshot.repositorySnapshotId;
  const items = await chosenItems(request.repository, snapshot, request.selection);
  const snapshotItems: SnapshotItems = {
    ofType: (type) => storedItems(request.repository, snapshotId, (candidate) => candidate === type),
  };
  const plan = await planRestore(request.graph, items, snapshotItems, {
    sourceTenantId,
    targetTenantId,
    newUsers: request.newUsers,
  });
  return { snapshot, plan };
}
