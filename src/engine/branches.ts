// Types read in branches side by side within one backup: each branch reads its types one
// after another into a sink of its own, from a reader of the previous snapshot of its
// own (a snapshot writer and a pass over items serve one caller at a time). The first
// branch to fail stops the others, at their next item or type, and is the outcome once
// every branch has ended, so nothing writes after a backup has failed.
import type { ItemSink, TypeBackupOutcome } from '../workloads/directory/backup.js';
import type { DirectoryType } from '../workloads/directory/item.js';
import type { PreviousSnapshot } from './previous-snapshot.js';

export interface Branch {
  /** In the order they are read. */
  types: readonly DirectoryType[];
  sink: ItemSink;
  previous: PreviousSnapshot | undefined;
}

/** What one type's backup gave, and whether the previous snapshot held all of it. */
export interface TypeResult {
  outcome: TypeBackupOutcome;
  covered: boolean;
}

export type BackupOneType = (type: DirectoryType, branch: Branch) => Promise<TypeResult>;

/** A sink that refuses items once the backup is stopping. */
function stoppingSink(sink: ItemSink, stop: AbortSignal): ItemSink {
  return {
    addItem: (item) => {
      stop.throwIfAborted();
      return sink.addItem(item);
    },
    changed: sink.changed,
  };
}

async function runBranch(
  branch: Branch,
  backupOne: BackupOneType,
  stop: AbortSignal,
  results: Map<DirectoryType, TypeResult>,
): Promise<void> {
  const stopping = { ...branch, sink: stoppingSink(branch.sink, stop) };
  for (const type of branch.types) {
    stop.throwIfAborted();
    results.set(type, await backupOne(type, stopping));
  }
}

/** Runs the branches together; the results of every type, or the first failure. */
export async function runBranches(
  branches: readonly Branch[],
  backupOne: BackupOneType,
): Promise<Map<DirectoryType, TypeResult>> {
  const stop = new AbortController();
  const results = new Map<DirectoryType, TypeResult>();
  const settled = await Promise.allSettled(
    branches.map((branch) =>
      runBranch(branch, backupOne, stop.signal, results).catch((error: unknown) => {
        if (!stop.signal.aborted) stop.abort(error);
        throw error;
      }),
    ),
  );
  if (settled.some(({ status }) => status === 'rejected')) throw stop.signal.reason;
  return results;
}
