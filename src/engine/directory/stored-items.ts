// Reading directory items back from a repository snapshot. A failure names the item and
// the snapshot and says why (missing or damaged data, not a directory item), so a
// damaged repository reads as a report rather than a stack trace.
import type { Repository, SnapshotItem } from '../../repository/index.js';
import { decodeItem, type DirectoryItem } from '../../workloads/directory/item.js';

export class StoredItemError extends Error {
  constructor(
    readonly path: string,
    readonly snapshotId: string,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`cannot read ${path} from snapshot ${snapshotId.slice(0, 12)}: ${reason}`, { cause });
    this.name = 'StoredItemError';
  }
}

/** One stored version of an item: a repository snapshot that holds it, and its path there. */
export interface StoredVersion {
  snapshotId: string;
  path: string;
}

/** An item's content chunk by chunk, given its path or its entry in the snapshot's item list. */
export async function* storedContent(
  repository: Repository,
  snapshotId: string,
  item: string | SnapshotItem,
): AsyncGenerator<Buffer> {
  const path = typeof item === 'string' ? item : item.path;
  try {
    const content =
      typeof item === 'string' ? await repository.readItem(snapshotId, item) : repository.readContent(item);
    for await (const chunk of content) yield chunk as Buffer;
  } catch (error) {
    throw new StoredItemError(path, snapshotId, error);
  }
}

export async function readStoredItem(repository: Repository, version: StoredVersion): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of storedContent(repository, version.snapshotId, version.path)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** A stored object item, decoded; content that is not a directory item is an error. */
export async function readDirectoryItem(
  repository: Repository,
  version: StoredVersion,
): Promise<DirectoryItem> {
  const content = await readStoredItem(repository, version);
  try {
    return decodeItem(content);
  } catch (error) {
    throw new StoredItemError(version.path, version.snapshotId, error);
  }
}
