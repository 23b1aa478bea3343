// Backing up one type of directory object. With a delta link from the previous snapshot,
// only the objects Graph reports changed are read again (whole, with their relationships)
// and every other item is carried from the previous snapshot; memory holds the changed and
// removed ids, never the type. Without a link, or when Graph refuses it as expired, every
// object is listed; a type Graph tracks takes a fresh link ($deltatoken=latest) first, so
// whatever changes while the listing runs shows in the next backup. A type whose objects
// own those of another (devices own BitLocker keys) reports, when read by delta, which
// owners changed, so the owned type lists only their objects (owner-backup.ts).
import { DeltaTokenExpiredError, type GraphClient } from '../../graph/index.js';
import type { SnapshotItem } from '../../repository/index.js';
import { decodeItem, type GraphObject } from './item.js';
import { completeItems, headersOf, listPages, readObjects } from './live.js';
import { TYPE_ROUTES } from './routes.js';
import {
  carryPrevious,
  DirectoryReadError,
  isTypeFailure,
  type PreviousItems,
  type TypeBackupInput,
  type TypeBackupOutcome,
} from './type-backup.js';
import { previousVersion, TypeWriter } from './type-writer.js';
import {
  ownedTypeOf,
  ownerOf,
  stringProperty,
  type ObjectType,
  type ObjectTypeDescriptor,
} from './types/index.js';

/** Changed objects read again per round: a list page's worth. */
const REREAD_CHUNK = 100;

interface Changes {
  changed: Set<string>;
  removed: Set<string>;
  deltaLink: string;
}

function deltaPath(descriptor: ObjectTypeDescriptor): string {
  return `${TYPE_ROUTES[descriptor.type].path}/delta`;
}

/** The stored link when it can be followed: the type has delta, the previous items are there to carry, same Graph. */
function usableDeltaLink(descriptor: ObjectTypeDescriptor, input: TypeBackupInput): string | undefined {
  const link = input.deltaLink;
  if (!descriptor.delta || !input.previous || !link || !URL.canParse(link)) return undefined;
  return new URL(link).origin === new URL(input.graph.connection.graphBaseUrl).origin ? link : undefined;
}

/** A link that reports changes from now on, selecting every kept property and the tracked relationships. */
async function latestDeltaLink(graph: GraphClient, descriptor: ObjectTypeDescriptor): Promise<string> {
  const select = [...(descriptor.select ?? []), ...(descriptor.delta?.tracked ?? [])];
  const query = graph.delta(
    deltaPath(descriptor),
    { $select: select.length > 0 ? select.join(',') : undefined, $deltatoken: 'latest' },
    headersOf(descriptor),
  );
  for await (const _entry of query) {
    // $deltatoken=latest answers with the link alone.
  }
  if (!query.deltaLink)
    throw new DirectoryReadError(`${deltaPath(descriptor)} answered without a delta link`);
  return query.deltaLink;
}

/** The ids Graph reports changed or removed since the link; the last report of an id wins. */
async function readChanges(
  graph: GraphClient,
  descriptor: ObjectTypeDescriptor,
  link: string,
): Promise<Changes> {
  const changed = new Set<string>();
  const removed = new Set<string>();
  const query = graph.delta<Record<string, unknown>>(link, undefined, headersOf(descriptor));
  for await (const entry of query) {
    if (typeof entry.id !== 'string') continue;
    if (entry['@removed'] !== undefined) {
      changed.delete(entry.id);
      removed.add(entry.id);
    } else {
      removed.delete(entry.id);
      changed.add(entry.id);
    }
  }
  if (!query.deltaLink)
    throw new DirectoryReadError(`${deltaPath(descriptor)} answered without a delta link`);
  return { changed, removed, deltaLink: query.deltaLink };
}

export function* chunksOf<T>(values: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < values.length; start += size) yield values.slice(start, start + size);
}

/**
 * The owners, for the type this one owns, of the objects delta reported: by their owner
 * property as read now, or, for objects gone, as the previous snapshot kept them.
 */
class OwnerChanges {
  readonly owners = new Set<string>();

  constructor(
    private readonly property: string,
    private readonly previous: TypeBackupInput['previous'],
  ) {}

  noteObject(object: GraphObject): void {
    const owner = stringProperty(object, this.property);
    if (owner !== null) this.owners.add(owner);
  }

  async noteGone(item: SnapshotItem): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.previous?.content(item) ?? []) chunks.push(chunk);
    this.noteObject(decodeItem(Buffer.concat(chunks)).object);
  }
}

async function applyChanges(
  descriptor: ObjectTypeDescriptor,
  input: TypeBackupInput,
  link: string,
  changes: Changes,
): Promise<TypeBackupOutcome> {
  const { graph } = input;
  const writer = new TypeWriter(descriptor.type, 'delta', input.sink, input.onItems);
  const owned = ownedTypeOf(descriptor.type)?.owner;
  const ownerChanges = owned && new OwnerChanges(owned.property, input.previous);
  // Items of changed objects wait here until their objects are read again.
  const waiting = new Map<string, SnapshotItem>();
  for await (const item of input.previous?.itemsOf(descriptor.type) ?? []) {
    const { objectId } = previousVersion(item);
    if (changes.removed.has(objectId)) {
      writer.removed(objectId);
      await ownerChanges?.noteGone(item);
    } else if (changes.changed.has(objectId)) waiting.set(objectId, item);
    else await writer.carry(item);
  }
  try {
    for (const ids of chunksOf([...changes.changed], REREAD_CHUNK)) {
      const objects = await readObjects(graph, descriptor, ids);
      for (const item of await completeItems(graph, descriptor, objects)) {
        const before = waiting.get(item.id);
        await writer.writeObject(
          item,
          descriptor.displayName(item.object),
          before && previousVersion(before).versionHash,
          ownerOf(descriptor, item.object),
        );
        ownerChanges?.noteObject(item.object);
        waiting.delete(item.id);
      }
      // Reported changed but gone by the time it was read: deleted meanwhile.
      for (const id of ids) {
        const gone = waiting.get(id);
        if (!gone) continue;
        waiting.delete(id);
        writer.removed(id);
        await ownerChanges?.noteGone(gone);
      }
    }
  } catch (error) {
    if (!isTypeFailure(error)) throw error;
    for (const item of waiting.values()) await writer.carry(item);
    return { summary: writer.finish(error), deltaLink: link };
  }
  return { summary: writer.finish(), deltaLink: changes.deltaLink, ownerChanges: ownerChanges?.owners };
}

/** The version hash of each object the previous snapshot kept, by object id. */
async function knownVersions(
  previous: PreviousItems | undefined,
  type: ObjectType,
): Promise<Map<string, string | undefined>> {
  const known = new Map<string, string | undefined>();
  for await (const item of previous?.itemsOf(type) ?? []) {
    const { objectId, versionHash } = previousVersion(item);
    known.set(objectId, versionHash);
  }
  return known;
}

/**
 * Lists every object. The previous versions' hashes are held while listing, one small
 * entry per object, to tell added, changed and removed objects apart. Objects of an
 * immutable type that the previous snapshot kept are not read again: once the listing
 * has named them, their items are carried in a second pass over the previous snapshot.
 */
async function enumerate(
  descriptor: ObjectTypeDescriptor,
  input: TypeBackupInput,
): Promise<TypeBackupOutcome> {
  const { graph } = input;
  const writer = new TypeWriter(descriptor.type, 'full', input.sink, input.onItems);
  const known = await knownVersions(input.previous, descriptor.type);
  const written = new Set<string>();
  /** Immutable objects listed again, to carry, with the owner each names. */
  const kept = new Map<string, string | undefined>();
  try {
    const deltaLink = descriptor.delta ? await latestDeltaLink(graph, descriptor) : undefined;
    for await (const page of listPages(graph, descriptor)) {
      const unread: GraphObject[] = [];
      for (const object of page) {
        if (written.has(object.id) || kept.has(object.id)) continue;
        if (descriptor.immutable && known.has(object.id)) kept.set(object.id, ownerOf(descriptor, object));
        else unread.push(object);
      }
      for (const item of await completeItems(graph, descriptor, unread)) {
        // Graph may list an object twice when it changes while the listing runs.
        if (written.has(item.id)) continue;
        const { object } = item;
        await writer.writeObject(
          item,
          descriptor.displayName(object),
          known.get(item.id),
          ownerOf(descriptor, object),
        );
        written.add(item.id);
      }
    }
    if (kept.size > 0) {
      for await (const item of input.previous?.itemsOf(descriptor.type) ?? []) {
        const { objectId, owner } = previousVersion(item);
        if (!kept.has(objectId)) continue;
        // Items kept by an earlier version get the owner the listing names.
        const listedOwner = kept.get(objectId);
        await writer.carry(item, listedOwner === owner ? undefined : listedOwner);
      }
    }
    for (const id of known.keys()) if (!written.has(id) && !kept.has(id)) writer.removed(id);
    return { summary: writer.finish(), deltaLink };
  } catch (error) {
    if (!isTypeFailure(error)) throw error;
    for await (const item of input.previous?.itemsOf(descriptor.type) ?? []) {
      if (!written.has(previousVersion(item).objectId)) await writer.carry(item);
    }
    return { summary: writer.finish(error), deltaLink: input.deltaLink };
  }
}

export async function backupObjectType(
  descriptor: ObjectTypeDescriptor,
  input: TypeBackupInput,
): Promise<TypeBackupOutcome> {
  const link = usableDeltaLink(descriptor, input);
  if (!link) return enumerate(descriptor, input);
  let changes: Changes;
  try {
    changes = await readChanges(input.graph, descriptor, link);
  } catch (error) {
    // Delta links are state, not truth: one Graph no longer accepts means listing everything.
    if (error instanceof DeltaTokenExpiredError) return enumerate(descriptor, input);
    if (!isTypeFailure(error)) throw error;
    return carryPrevious(descriptor.type, 'delta', input, error);
  }
  return applyChanges(descriptor, input, link, changes);
}
