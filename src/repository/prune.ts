// Frees space: deletes packs no snapshot needs, repacks mostly-unused ones, merges the
// index, removes stale locks and leftovers of interrupted writes. Runs under the
// exclusive lock and never deletes files younger than the grace period (see
// docs/repository-format.md, "Locks").
import { listAll } from './backend.js';
import { blobIdOf, unsealPayload } from './crypto.js';
import { CorruptFileError } from './errors.js';
import { listLocks, Lock } from './locks.js';
import { packFileName, type PackedBlob } from './pack.js';
import { Packer } from './packer.js';
import { parseLeaf } from './snapshot.js';
import type { Store } from './store.js';

export interface PruneOptions {
  /** Files younger than this are never deleted (default one hour). */
  graceMs?: number;
  /** Repack a pack once more than this fraction of its bytes is unused (default 0.2). */
  repackThreshold?: number;
}

export interface PruneResult {
  packsDeleted: number;
  packsRepacked: number;
  packsWritten: number;
  bytesFreed: number;
  indexFilesBefore: number;
  indexFilesAfter: number;
  staleLocksRemoved: number;
  incompleteFilesRemoved: number;
}

export const DEFAULT_PRUNE_GRACE_MS = 60 * 60_000;

export async function pruneRepository(store: Store, options: PruneOptions = {}): Promise<PruneResult> {
  const graceMs = options.graceMs ?? DEFAULT_PRUNE_GRACE_MS;
  const repackThreshold = options.repackThreshold ?? 0.2;
  const lock = await Lock.acquire(store.backend, store.keys, 'exclusive', store.lockTimings);
  try {
    const { backend, index } = store;
    await index.load();
    await index.indexOrphanPacks();
    const indexFilesBefore = index.fileCount;
    const used = await usedBlobs(store);
    const cutoff = Date.now() - graceMs;
    const modified = new Map(
      (await listAll(backend, 'data/')).map((file) => [file.name, file.modified.getTime()]),
    );

    const packer = new Packer(backend, store.keys, index, store.config.packSize);
    const removed = new Set<string>();
    const kept = new Set<string>();
    const result = { packsDeleted: 0, packsRepacked: 0, bytesFreed: 0 };
    for (const [pack, blobs] of index.packs()) {
      const time = modified.get(packFileName(pack));
      // Missing packs stay indexed so check keeps reporting them; young packs stay as they are.
      if (time === undefined || time > cutoff) {
        blobs.forEach((blob) => kept.add(blob.id.toString('hex')));
        continue;
      }
      const needed = blobs.filter(
        (blob) => used.has(blob.id.toString('hex')) && !kept.has(blob.id.toString('hex')),
      );
      const total = blobs.reduce((sum, blob) => sum + blob.length, 0);
      const unused = total - needed.reduce((sum, blob) => sum + blob.length, 0);
      if (needed.length === blobs.length || (needed.length > 0 && unused <= total * repackThreshold)) {
        blobs.forEach((blob) => kept.add(blob.id.toString('hex')));
        continue;
      }
      if (needed.length > 0) {
        await copyBlobs(store, pack, needed, packer);
        needed.forEach((blob) => kept.add(blob.id.toString('hex')));
        result.packsRepacked += 1;
      } else {
        result.packsDeleted += 1;
      }
      result.bytesFreed += unused;
      removed.add(pack);
    }
    await packer.close();

    await index.rewrite(removed);
    for (const pack of removed) await backend.delete(packFileName(pack));

    let staleLocksRemoved = 0;
    for (const stale of (await listLocks(backend, store.keys, store.lockTimings)).filter(
      (other) => other.stale,
    )) {
      await backend.delete(stale.file);
      staleLocksRemoved += 1;
    }
    const incomplete = await backend.removeIncomplete(new Date(cutoff));
    return {
      ...result,
      packsWritten: packer.stats.packs,
      indexFilesBefore,
      indexFilesAfter: index.fileCount,
      staleLocksRemoved,
      incompleteFilesRemoved: incomplete.length,
    };
  } finally {
    await lock.release();
  }
}

/** Every blob some snapshot needs. An unreadable snapshot stops prune: it might need anything. */
async function usedBlobs(store: Store): Promise<Set<string>> {
  const used = new Set<string>();
  for (const id of await store.snapshotIds()) {
    const manifest = await store.loadManifest(id);
    for (const { blob } of manifest.lookup) used.add(blob);
    for (const leaf of manifest.leaves) {
      used.add(leaf);
      for (const item of parseLeaf(leaf, await store.readBlob(leaf))) {
        for (const { blob } of item.content) used.add(blob);
      }
    }
  }
  return used;
}

/** Moves still-needed blobs into new packs as they are (already sealed), verifying each. */
async function copyBlobs(store: Store, pack: string, blobs: PackedBlob[], packer: Packer): Promise<void> {
  const file = packFileName(pack);
  const data = await store.backend.get(file);
  for (const blob of blobs) {
    const sealed = data.subarray(blob.offset, blob.offset + blob.length);
    const where = `${file} (blob ${blob.id.toString('hex')})`;
    const content = unsealPayload(store.keys, sealed, where);
    if (!blobIdOf(store.keys, content).equals(blob.id))
      throw new CorruptFileError(where, 'content does not match its id');
    await packer.addSealed(blob.id, blob.type, blob.rawLength, sealed);
  }
}
