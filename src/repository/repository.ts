// The repository as the rest of the product sees it: open with a password, write
// snapshots, list and read items, check, forget, prune, manage passwords.
import { Readable } from 'node:stream';
import type { Backend } from './backend.js';
import { listAll } from './backend.js';
import { checkRepository, type CheckOptions, type CheckReport } from './check.js';
import {
  CONFIG_FILE,
  newConfig,
  parseConfig,
  serializeConfig,
  verifyConfig,
  type ChunkerParameters,
  type RepositoryConfig,
} from './config.js';
import { deriveKeys, newMasterKey, randomName, type RepositoryKeys } from './crypto.js';
import {
  CorruptFileError,
  MissingFileError,
  RepositoryError,
  RepositoryExistsError,
  RepositoryNotFoundError,
  SnapshotNotFoundError,
  WrongPasswordError,
} from './errors.js';
import { DEFAULT_SCRYPT, unwrapMasterKey, wrapMasterKey, type ScryptParameters } from './keys.js';
import { DEFAULT_LOCK_TIMINGS, Lock, type LockTimings } from './locks.js';
import { packThread } from './packer.js';
import { pruneRepository, type PruneOptions, type PruneResult } from './prune.js';
import { applyRetention, hasRules, type RetentionGroup, type RetentionRules } from './retention.js';
import { SnapshotWriter, type SnapshotOptions } from './snapshot-writer.js';
import {
  findItem,
  itemsOf,
  snapshotFileName,
  summaryOf,
  type SnapshotItem,
  type SnapshotSummary,
} from './snapshot.js';
import { Store } from './store.js';

/** How this process works with the repository's files, whether it created it or opened it. */
interface StoreOptions {
  lockTimings?: LockTimings;
  /** Entries per index file that compaction writes (default 16,384; tests use fewer). */
  indexFileEntries?: number;
}

export interface InitOptions extends StoreOptions {
  chunker?: ChunkerParameters;
  /** Target pack size in bytes (default 16 MiB). */
  packSize?: number;
  /** Cost of the password key derivation (tests use cheaper values). */
  scrypt?: ScryptParameters;
}

export interface OpenOptions extends StoreOptions {
  /** Pack size for snapshots written by this process (default: the repository's). */
  packSize?: number;
}

function storeOf(
  backend: Backend,
  keys: RepositoryKeys,
  config: RepositoryConfig,
  options: StoreOptions,
): Store {
  return new Store(
    backend,
    keys,
    config,
    options.lockTimings ?? DEFAULT_LOCK_TIMINGS,
    options.indexFileEntries,
  );
}

export interface RepositoryStats {
  snapshots: number;
  packs: number;
  indexFiles: number;
  blobs: number;
  /** Bytes of all packs on the backend. */
  storedBytes: number;
  /** Uncompressed bytes of all distinct blobs. */
  rawBytes: number;
}

export interface ForgetResult {
  groups: RetentionGroup[];
  removed: string[];
  dryRun: boolean;
}

export class Repository {
  private constructor(
    private readonly store: Store,
    private readonly master: Buffer,
    private readonly keyFile: string,
    private readonly packSize: number,
  ) {}

  get backend(): Backend {
    return this.store.backend;
  }

  get config(): RepositoryConfig {
    return this.store.config;
  }

  /** Creates a repository; fails if one exists at the backend already. */
  static async init(backend: Backend, password: string, options: InitOptions = {}): Promise<Repository> {
    if (await backend.stat(CONFIG_FILE)) throw new RepositoryExistsError(backend.location);
    const master = newMasterKey();
    const keys = deriveKeys(master);
    const config = newConfig(options);
    const keyFile = `keys/${randomName()}`;
    // The key first: a config without a key would be a repository nobody can open.
    await backend.put(keyFile, await wrapMasterKey(master, password, options.scrypt ?? DEFAULT_SCRYPT));
    await backend.put(CONFIG_FILE, serializeConfig(config, keys));
    return new Repository(storeOf(backend, keys, config, options), master, keyFile, config.packSize);
  }

  /** Opens a repository; WrongPasswordError when no key file opens with the password. */
  static async open(backend: Backend, password: string, options: OpenOptions = {}): Promise<Repository> {
    let configData: Buffer;
    try {
      configData = await backend.get(CONFIG_FILE);
    } catch (error) {
      if (error instanceof MissingFileError) throw new RepositoryNotFoundError(backend.location);
      throw error;
    }
    const config = parseConfig(configData);
    for (const file of await listAll(backend, 'keys/')) {
      let master: Buffer | undefined;
      try {
        master = await unwrapMasterKey(file.name, await backend.get(file.name), password);
      } catch (error) {
        if (error instanceof CorruptFileError) continue; // the others may open; check reports it
        throw error;
      }
      if (!master) continue;
      const keys = deriveKeys(master);
      verifyConfig(config, keys);
      const store = storeOf(backend, keys, config, options);
      return new Repository(store, master, file.name, options.packSize ?? config.packSize);
    }
    throw new WrongPasswordError();
  }

  /**
   * Starts a snapshot under a shared lock. Complete packs an interrupted writer left
   * without an index are indexed first, so their blobs are reused.
   */
  async startSnapshot(options: SnapshotOptions = {}): Promise<SnapshotWriter> {
    // The pack thread boots while the lock is taken and the index loads.
    packThread();
    const lock = await Lock.acquire(this.store.backend, this.store.keys, 'shared', this.store.lockTimings);
    try {
      await this.store.index.load();
      await this.store.index.indexOrphanPacks();
      await this.store.index.compactIfNeeded();
    } catch (error) {
      await lock.release();
      throw error;
    }
    return new SnapshotWriter(this.store, lock, options, this.packSize);
  }

  /** All snapshots, oldest first. Unreadable manifests are left out (check reports them). */
  async listSnapshots(): Promise<SnapshotSummary[]> {
    const summaries: SnapshotSummary[] = [];
    for (const id of await this.store.snapshotIds()) {
      try {
        summaries.push(summaryOf(id, await this.store.loadManifest(id)));
      } catch (error) {
        if (!(error instanceof RepositoryError)) throw error;
      }
    }
    return summaries.sort((a, b) => Date.parse(a.time) - Date.parse(b.time) || (a.id < b.id ? -1 : 1));
  }

  /** A snapshot id from an id, a unique id prefix, or "latest". */
  async resolveSnapshot(reference: string): Promise<string> {
    if (reference === 'latest') {
      const newest = (await this.listSnapshots()).at(-1);
      if (!newest) throw new SnapshotNotFoundError('the repository has no snapshots');
      return newest.id;
    }
    const matches = (await this.store.snapshotIds()).filter((id) => id.startsWith(reference));
    if (matches.length === 1) return matches[0]!;
    throw new SnapshotNotFoundError(
      matches.length === 0 ? `no snapshot ${reference}` : `snapshot prefix ${reference} is ambiguous`,
    );
  }

  async snapshot(snapshotId: string): Promise<SnapshotSummary> {
    return summaryOf(snapshotId, await this.manifest(snapshotId));
  }

  /** Every item of a snapshot, in the order they were added, streamed leaf by leaf. */
  async *items(snapshotId: string): AsyncIterable<SnapshotItem> {
    yield* itemsOf(await this.manifest(snapshotId), this.store.readBlob);
  }

  /** One item by path (or, failing that, by id) without scanning the snapshot. */
  async findItem(snapshotId: string, pathOrId: string): Promise<SnapshotItem> {
    return findItem(await this.manifest(snapshotId), pathOrId, this.store.readBlob, this.store.readLeaf);
  }

  /** An item's content as a stream, one blob in memory at a time. */
  async readItem(snapshotId: string, pathOrId: string): Promise<Readable> {
    return this.readContent(await this.findItem(snapshotId, pathOrId));
  }

  readContent(item: SnapshotItem): Readable {
    const readBlob = this.store.readBlob;
    return Readable.from(
      (async function* () {
        for (const { blob } of item.content) yield await readBlob(blob);
      })(),
      { objectMode: false },
    );
  }

  check(options: CheckOptions = {}): Promise<CheckReport> {
    return checkRepository(this.store, options);
  }

  /** Deletes the snapshots the rules do not keep (nothing with dryRun). */
  async forget(rules: RetentionRules, options: { dryRun?: boolean } = {}): Promise<ForgetResult> {
    if (!hasRules(rules))
      throw new RepositoryError('forget needs at least one keep rule; it never removes everything');
    const groups = applyRetention(await this.listSnapshots(), rules);
    const removed = groups.flatMap((group) => group.remove.map((snapshot) => snapshot.id));
    if (!options.dryRun) {
      const lock = await Lock.acquire(this.store.backend, this.store.keys, 'shared', this.store.lockTimings);
      try {
        for (const id of removed) await this.store.backend.delete(snapshotFileName(id));
      } finally {
        await lock.release();
      }
    }
    return { groups, removed, dryRun: Boolean(options.dryRun) };
  }

  prune(options: PruneOptions = {}): Promise<PruneResult> {
    return pruneRepository(this.store, options);
  }

  /** Lets another password open the repository; returns the new key file's name. */
  async addPassword(password: string, scrypt: ScryptParameters = DEFAULT_SCRYPT): Promise<string> {
    const name = `keys/${randomName()}`;
    await this.store.backend.put(name, await wrapMasterKey(this.master, password, scrypt));
    return name;
  }

  /** Replaces the password this repository was opened with; no data is rewritten. */
  async changePassword(password: string, scrypt: ScryptParameters = DEFAULT_SCRYPT): Promise<string> {
    const name = await this.addPassword(password, scrypt);
    await this.store.backend.delete(this.keyFile);
    return name;
  }

  async stats(): Promise<RepositoryStats> {
    await this.store.index.load();
    const packs = this.store.index.packs();
    const distinct = new Map<string, number>();
    for (const blobs of packs.values())
      for (const blob of blobs) distinct.set(blob.id.toString('hex'), blob.rawLength);
    const packFiles = await listAll(this.store.backend, 'data/');
    return {
      snapshots: (await this.store.snapshotIds()).length,
      packs: packFiles.length,
      indexFiles: this.store.index.fileCount,
      blobs: distinct.size,
      storedBytes: packFiles.reduce((sum, file) => sum + file.size, 0),
      rawBytes: [...distinct.values()].reduce((sum, size) => sum + size, 0),
    };
  }

  private async manifest(snapshotId: string) {
    try {
      return await this.store.loadManifest(snapshotId);
    } catch (error) {
      if (error instanceof MissingFileError) throw new SnapshotNotFoundError(`no snapshot ${snapshotId}`);
      throw error;
    }
  }
}
