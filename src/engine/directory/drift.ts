// Drift: how the live tenant differs from a snapshot. For each object type the snapshot
// covers, the snapshot's version hashes of that type are held (one small entry per
// object, as a backup holds them), the live objects are read page by page and hashed the
// way a backup stores them, and only objects whose hash differs are read back from the
// repository and diffed. Objects of the snapshot no live page lists were deleted since.
// Output is grouped by type (in the order types are backed up): live objects in Graph's
// order, then the removed ones.
//
// Log types are records, not state: the next backup adds their entries, there is nothing
// to drift. Immutable types (BitLocker keys, whose every key read Entra audits) are
// compared by presence only, from the listing.
import type { Catalog } from '../../catalog/index.js';
import type { GraphClient } from '../../graph/index.js';
import type { Repository } from '../../repository/index.js';
import { diffItems, isUnchanged } from '../../workloads/directory/attribute-diff.js';
import {
  DIRECTORY_TYPES,
  DIRECTORY_WORKLOAD,
  encodeItem,
  itemPath,
  versionHash,
  type DirectoryItem,
  type GraphObject,
} from '../../workloads/directory/item.js';
import { listPages, liveItem, liveItems, readObjects } from '../../workloads/directory/live.js';
import { stateOf } from '../../workloads/directory/snapshot-meta.js';
import {
  isLogType,
  OBJECT_TYPE_DESCRIPTORS,
  type ObjectType,
} from '../../workloads/directory/types/index.js';
import type { ReadableSnapshot } from '../snapshot-reference.js';
import { snapshotObjects } from './browse.js';
import type { ComparedItem, ItemFilter } from './changes.js';
import { readDirectoryItem } from './stored-items.js';

export interface DriftComparison {
  catalog: Catalog;
  repository: Repository;
  tenantId: string;
  snapshot: ReadableSnapshot;
  graph: GraphClient;
  filter?: ItemFilter;
}

/** What drift keeps of one object of the snapshot while the live type is read. */
interface KeptVersion {
  versionHash: string;
  displayName: string | null;
  seenLive: boolean;
}

/** The object types a drift check reads: those the snapshot covers, narrowed by the filter. */
async function comparedTypes(comparison: DriftComparison): Promise<ObjectType[]> {
  const summary = await comparison.repository.snapshot(comparison.snapshot.repositorySnapshotId);
  const covered = new Set(stateOf(summary.meta).types);
  const wanted = comparison.filter?.types;
  return DIRECTORY_TYPES.filter(
    (type): type is ObjectType => covered.has(type) && !isLogType(type) && (!wanted || wanted.has(type)),
  );
}

/** A live object against the snapshot's version of it (if any); undefined when they are the same. */
async function liveChange(
  comparison: DriftComparison,
  type: ObjectType,
  kept: Omit<KeptVersion, 'seenLive'> | undefined,
  live: DirectoryItem,
): Promise<ComparedItem | undefined> {
  const displayName = OBJECT_TYPE_DESCRIPTORS[type].displayName(live.object);
  if (!kept) return { change: 'added', type, id: live.id, displayName };
  if (kept.versionHash === versionHash(encodeItem(live))) return undefined;
  const stored = await readDirectoryItem(comparison.repository, {
    snapshotId: comparison.snapshot.repositorySnapshotId,
    path: itemPath(type, live.id),
  });
  const difference = diffItems(stored, live);
  return isUnchanged(difference)
    ? undefined
    : { change: 'changed', type, id: live.id, displayName, ...difference };
}

/** Live objects of an immutable type as listed (no per-object reads); they are compared by id only. */
async function* listedObjects(comparison: DriftComparison, type: ObjectType): AsyncGenerator<GraphObject> {
  for await (const page of listPages(comparison.graph, OBJECT_TYPE_DESCRIPTORS[type])) yield* page;
}

async function* typeDrift(comparison: DriftComparison, type: ObjectType): AsyncGenerator<ComparedItem> {
  const { catalog, tenantId, snapshot, graph } = comparison;
  const descriptor = OBJECT_TYPE_DESCRIPTORS[type];
  const kept = new Map<string, KeptVersion>();
  for await (const version of snapshotObjects(catalog, tenantId, snapshot, { type })) {
    kept.set(version.objectId, {
      versionHash: version.versionHash,
      displayName: version.displayName,
      seenLive: false,
    });
  }
  const addedIds = new Set<string>();
  /**
   * The snapshot's version of an object listed live (undefined: not in the snapshot), or
   * null when it was listed already: Graph may list an object twice when it changes while
   * the listing runs.
   */
  const firstSighting = (id: string): KeptVersion | undefined | null => {
    const before = kept.get(id);
    if (before?.seenLive || addedIds.has(id)) return null;
    if (before) before.seenLive = true;
    else addedIds.add(id);
    return before;
  };

  if (descriptor.immutable) {
    for await (const object of listedObjects(comparison, type)) {
      if (firstSighting(object.id) === undefined) {
        yield { change: 'added', type, id: object.id, displayName: descriptor.displayName(object) };
      }
    }
  } else {
    for await (const item of liveItems(graph, type)) {
      const before = firstSighting(item.id);
      if (before === null) continue;
      const change = await liveChange(comparison, type, before, item);
      if (change) yield change;
    }
  }
  for (const [id, version] of kept) {
    if (!version.seenLive) yield { change: 'removed', type, id, displayName: version.displayName };
  }
}

/** Drift of named objects: each read by id, in the types the snapshot holds it as (or any compared type). */
async function* objectsDrift(
  comparison: DriftComparison,
  types: ObjectType[],
  ids: ReadonlySet<string>,
): AsyncGenerator<ComparedItem> {
  const { catalog, tenantId, snapshot, graph } = comparison;
  for (const id of ids) {
    const present = (await catalog.history(tenantId, DIRECTORY_WORKLOAD, id)).filter(
      (version) =>
        version.firstSeenSeq <= snapshot.seq &&
        version.lastSeenSeq >= snapshot.seq &&
        (types as string[]).includes(version.itemType),
    );
    const candidates = present.length > 0 ? present.map((version) => version.itemType as ObjectType) : types;
    for (const type of candidates) {
      const before = present.find((version) => version.itemType === type);
      const descriptor = OBJECT_TYPE_DESCRIPTORS[type];
      if (descriptor.immutable) {
        const [object] = await readObjects(graph, descriptor, [id]);
        if (object && !before)
          yield { change: 'added', type, id, displayName: descriptor.displayName(object) };
        if (!object && before) yield { change: 'removed', type, id, displayName: before.displayName };
        continue;
      }
      const live = await liveItem(graph, type, id);
      if (!live) {
        if (before) yield { change: 'removed', type, id, displayName: before.displayName };
        continue;
      }
      const change = await liveChange(comparison, type, before, live);
      if (change) yield change;
    }
  }
}

export async function* compareWithLive(comparison: DriftComparison): AsyncGenerator<ComparedItem> {
  const types = await comparedTypes(comparison);
  const ids = comparison.filter?.ids;
  if (ids) {
    yield* objectsDrift(comparison, types, ids);
    return;
  }
  for (const type of types) yield* typeDrift(comparison, type);
}
