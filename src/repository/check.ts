// Verifies a repository: key files, index files, packs (size, and with readData every
// blob decrypted and checked against its id), snapshots and the blobs they reference.
// Every problem names the file; nothing unreadable is skipped silently.
import { listAll } from './backend.js';
import { blobIdOf, unsealPayload } from './crypto.js';
import { RepositoryError } from './errors.js';
import { parseKeyFile } from './keys.js';
import { listLocks } from './locks.js';
import {
  expectedPackSize,
  packFileName,
  packIdOfFile,
  parsePack,
  readPackHeader,
  type PackedBlob,
} from './pack.js';
import { parseLeaf, snapshotFileName } from './snapshot.js';
import type { Store } from './store.js';

export interface CheckOptions {
  /** Also download every pack and verify every blob in it. */
  readData?: boolean;
}

export interface CheckProblem {
  file: string;
  message: string;
}

export interface CheckReport {
  errors: CheckProblem[];
  /** Things that are fine but worth knowing (unindexed packs, stale locks). */
  notes: string[];
  counts: { keyFiles: number; indexFiles: number; packs: number; snapshots: number; blobsVerified: number };
}

export async function checkRepository(store: Store, options: CheckOptions = {}): Promise<CheckReport> {
  const errors: CheckProblem[] = [];
  const notes: string[] = [];
  const fail = (file: string, error: unknown) =>
    errors.push({ file, message: error instanceof Error ? error.message : String(error) });
  const counts = { keyFiles: 0, indexFiles: 0, packs: 0, snapshots: 0, blobsVerified: 0 };
  const { backend, keys, index } = store;

  for (const file of await listAll(backend, 'keys/')) {
    counts.keyFiles += 1;
    try {
      parseKeyFile(file.name, await backend.get(file.name));
    } catch (error) {
      fail(file.name, error);
    }
  }

  await index.load();
  for (const [file, message] of index.unreadable) errors.push({ file, message });
  counts.indexFiles = index.fileCount;

  const packFiles = new Map((await listAll(backend, 'data/')).map((file) => [file.name, file.size]));
  counts.packs = packFiles.size;
  const indexed = index.packs();
  const badPacks = new Set<string>();
  for (const [pack, blobs] of indexed) {
    const file = packFileName(pack);
    const size = packFiles.get(file);
    if (size === undefined) {
      badPacks.add(pack);
      errors.push({ file, message: `${file} is missing (an index file lists it)` });
    } else if (size !== expectedPackSize(blobs)) {
      badPacks.add(pack);
      errors.push({
        file,
        message: `${file} is corrupt: ${size} bytes, its index says ${expectedPackSize(blobs)}`,
      });
    }
  }
  let unindexed = 0;
  for (const [file, size] of packFiles) {
    const pack = packIdOfFile(file);
    if (pack === undefined) {
      errors.push({ file, message: `${file} is not a pack file name` });
    } else if (!indexed.has(pack)) {
      try {
        await readPackHeader(backend, keys, file, size);
        unindexed += 1;
      } catch (error) {
        fail(file, error);
      }
    }
  }
  if (unindexed > 0) {
    notes.push(
      `${unindexed} complete pack(s) are not indexed yet (left by an interrupted backup); the next backup or prune indexes them`,
    );
  }

  if (options.readData) {
    for (const [pack, blobs] of indexed) {
      if (badPacks.has(pack)) continue;
      const verified = await verifyPack(store, pack, blobs, errors);
      if (verified === undefined) badPacks.add(pack);
      else counts.blobsVerified += verified;
    }
  }

  const used = new Set<string>();
  for (const id of await store.snapshotIds()) {
    counts.snapshots += 1;
    await checkSnapshot(store, id, badPacks, used, errors);
  }
  const unused = [...indexed].filter(
    ([, blobs]) => !blobs.some((blob) => used.has(blob.id.toString('hex'))),
  ).length;
  if (unused > 0) {
    notes.push(
      `${unused} pack(s) hold nothing any snapshot uses (interrupted backups or forgotten snapshots); prune removes them`,
    );
  }

  for (const lock of await listLocks(backend, keys, store.lockTimings)) {
    if (lock.stale) notes.push(`${lock.file} is a stale lock (its process is gone); prune removes it`);
    else if (!lock.info)
      errors.push({ file: lock.file, message: `${lock.file} is corrupt: cannot be decrypted` });
  }
  return { errors, notes, counts };
}

/** Downloads a pack and verifies every blob; returns how many, or undefined if it is damaged. */
async function verifyPack(
  store: Store,
  pack: string,
  indexed: PackedBlob[],
  errors: CheckProblem[],
): Promise<number | undefined> {
  const file = packFileName(pack);
  try {
    const data = await store.backend.get(file);
    const blobs = parsePack(store.keys, file, data);
    const listed = new Set(blobs.map((blob) => `${blob.id.toString('hex')}@${blob.offset}`));
    if (indexed.some((blob) => !listed.has(`${blob.id.toString('hex')}@${blob.offset}`))) {
      throw new RepositoryError(`${file} does not hold the blobs its index lists`);
    }
    for (const blob of blobs) {
      const where = `${file} (blob ${blob.id.toString('hex')})`;
      const content = unsealPayload(store.keys, data.subarray(blob.offset, blob.offset + blob.length), where);
      if (!blobIdOf(store.keys, content).equals(blob.id))
        throw new RepositoryError(`${where}: content does not match its id`);
    }
    return blobs.length;
  } catch (error) {
    errors.push({ file, message: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}

/** Checks one snapshot's item list and adds every blob it uses to `used`. */
async function checkSnapshot(
  store: Store,
  id: string,
  badPacks: Set<string>,
  used: Set<string>,
  errors: CheckProblem[],
): Promise<void> {
  const file = snapshotFileName(id);
  try {
    const manifest = await store.loadManifest(id);
    for (const { blob } of manifest.lookup) {
      await store.readBlob(blob);
      used.add(blob);
    }
    let damaged = 0;
    let firstDamaged = '';
    for (const leaf of manifest.leaves) {
      used.add(leaf);
      for (const item of parseLeaf(leaf, await store.readBlob(leaf))) {
        for (const { blob } of item.content) used.add(blob);
        const unreadable = item.content.some(({ blob }) => {
          const location = store.index.find(Buffer.from(blob, 'hex'));
          return location === undefined || badPacks.has(location.pack);
        });
        if (unreadable && damaged++ === 0) firstDamaged = item.path;
      }
    }
    if (damaged > 0) {
      errors.push({
        file,
        message: `${file}: ${damaged} item(s) have content in missing or damaged packs (first: ${firstDamaged})`,
      });
    }
  } catch (error) {
    errors.push({ file, message: `${file}: ${error instanceof Error ? error.message : String(error)}` });
  }
}
