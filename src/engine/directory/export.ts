// Exporting a snapshot's directory content as JSON Lines, streamed from the repository
// alone (no catalog): objects as their stored items, one canonical JSON document per
// line; log types as their entries, day after day. A stream holds one chunk at a time,
// never the snapshot.
import type { Repository } from '../../repository/index.js';
import {
  DIRECTORY_TYPES,
  LOG_TYPES,
  parseItemPath,
  type DirectoryType,
} from '../../workloads/directory/item.js';
import type { ReadableSnapshot } from '../snapshot-reference.js';
import { storedContent } from './stored-items.js';

const NEWLINE = Buffer.from('\n');

/** Each stored object of the given types as one line, in the snapshot's order. */
export async function* exportObjects(
  repository: Repository,
  snapshot: ReadableSnapshot,
  types: ReadonlySet<DirectoryType>,
): AsyncGenerator<Buffer> {
  const snapshotId = snapshot.repositorySnapshotId;
  for await (const item of repository.items(snapshotId)) {
    const parsed = parseItemPath(item.path);
    if (!parsed || !types.has(parsed.type) || LOG_TYPES.has(parsed.type)) continue;
    // Canonical JSON has no line breaks, so each item is exactly one line.
    yield* storedContent(repository, snapshotId, item);
    yield NEWLINE;
  }
}

/** The entries of the given log types, type after type, each type's days in order. */
export async function* exportLogEntries(
  repository: Repository,
  snapshot: ReadableSnapshot,
  types: ReadonlySet<DirectoryType>,
): AsyncGenerator<Buffer> {
  const snapshotId = snapshot.repositorySnapshotId;
  const days = new Map<DirectoryType, string[]>();
  for await (const item of repository.items(snapshotId)) {
    const parsed = parseItemPath(item.path);
    if (!parsed || !types.has(parsed.type) || !LOG_TYPES.has(parsed.type)) continue;
    const paths = days.get(parsed.type) ?? [];
    paths.push(item.path);
    days.set(parsed.type, paths);
  }
  for (const type of DIRECTORY_TYPES) {
    for (const path of (days.get(type) ?? []).sort()) {
      let last: Buffer | undefined;
      for await (const chunk of storedContent(repository, snapshotId, path)) {
        if (chunk.length > 0) last = chunk;
        yield chunk;
      }
      if (last && last[last.length - 1] !== NEWLINE[0]) yield NEWLINE;
    }
  }
}
