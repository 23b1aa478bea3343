// Backing up a type Graph has no delta for but lists by owner (BitLocker keys by device)
// between its full listings: the objects of the owners their type's delta reported added,
// changed or removed are listed again, owner by owner through $batch, and every other
// item is carried from the previous snapshot. An owner deleted is listed like any other:
// what Graph still lists under it is kept, the rest is removed. With no owner to list,
// one page of one object is still asked for, so a permission withdrawn fails the type as
// it would a type read by delta. Memory holds the changed owners and their previous
// items, never the type.
import type { SnapshotItem } from '../../repository/index.js';
import type { GraphObject } from './item.js';
import { completeItems, headersOf, listByOwners } from './live.js';
import { chunksOf } from './object-backup.js';
import { TYPE_ROUTES } from './routes.js';
import { isTypeFailure, type TypeBackupInput, type TypeBackupOutcome } from './type-backup.js';
import { previousVersion, TypeWriter } from './type-writer.js';
import { ownerOf, type ObjectTypeDescriptor } from './types/index.js';

/** Owners listed per round: five $batch round trips of 20. */
const OWNERS_PER_ROUND = 100;

export async function backupByOwner(
  descriptor: ObjectTypeDescriptor,
  input: TypeBackupInput,
  ownerChanges: ReadonlySet<string>,
): Promise<TypeBackupOutcome> {
  const { graph } = input;
  const writer = new TypeWriter(descriptor.type, 'owners', input.sink, input.onItems);
  // Items of changed owners wait here until their owners' objects are listed again.
  const waiting = new Map<string, SnapshotItem>();
  // Items kept without their owner (by an earlier version) are carried and never listed again.
  const ownerless = new Set<string>();
  for await (const item of input.previous?.itemsOf(descriptor.type) ?? []) {
    const { objectId, owner } = previousVersion(item);
    if (owner !== undefined && ownerChanges.has(owner)) {
      waiting.set(objectId, item);
      continue;
    }
    if (owner === undefined) ownerless.add(objectId);
    await writer.carry(item);
  }
  try {
    if (ownerChanges.size === 0)
      await graph.get(TYPE_ROUTES[descriptor.type].path, { $top: 1 }, headersOf(descriptor));
    for (const owners of chunksOf([...ownerChanges], OWNERS_PER_ROUND)) {
      const unread: GraphObject[] = [];
      for (const object of await listByOwners(graph, descriptor, owners)) {
        const kept = waiting.get(object.id);
        if (kept && descriptor.immutable) {
          await writer.carry(kept);
          waiting.delete(object.id);
        } else if (!ownerless.has(object.id)) {
          unread.push(object);
        }
      }
      for (const item of await completeItems(graph, descriptor, unread)) {
        const before = waiting.get(item.id);
        const { object } = item;
        const previousHash = before && previousVersion(before).versionHash;
        await writer.writeObject(
          item,
          descriptor.displayName(object),
          previousHash,
          ownerOf(descriptor, object),
        );
        waiting.delete(item.id);
      }
    }
  } catch (error) {
    if (!isTypeFailure(error)) throw error;
    for (const item of waiting.values()) await writer.carry(item);
    return { summary: writer.finish(error) };
  }
  // Kept under an owner that no longer lists them: gone.
  for (const id of waiting.keys()) writer.removed(id);
  return { summary: writer.finish() };
}
