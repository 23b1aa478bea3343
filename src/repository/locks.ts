// Locks: shared for writers, exclusive for prune. A lock is refreshed while held and
// goes stale when its process stops refreshing it. See docs/repository-format.md, "Locks".
import { hostname } from 'node:os';
import type { Backend } from './backend.js';
import { listAll } from './backend.js';
import { CorruptFileError, MissingFileError, RepositoryLockedError } from './errors.js';
import { randomName, sealPayload, unsealPayload, type RepositoryKeys } from './crypto.js';

export type LockKind = 'shared' | 'exclusive';

export interface LockTimings {
  /** How often a holder rewrites its lock. */
  refreshMs: number;
  /** A lock not refreshed for this long belongs to a dead process. */
  staleAfterMs: number;
}

export const DEFAULT_LOCK_TIMINGS: LockTimings = { refreshMs: 5 * 60_000, staleAfterMs: 30 * 60_000 };

export interface LockInfo {
  version: number;
  kind: LockKind;
  hostname: string;
  pid: number;
  created: string;
  refreshed: string;
}

export interface ListedLock {
  file: string;
  /** Undefined when the lock file cannot be read; its age then comes from the file time. */
  info: LockInfo | undefined;
  stale: boolean;
}

export async function listLocks(
  backend: Backend,
  keys: RepositoryKeys,
  timings: LockTimings,
): Promise<ListedLock[]> {
  const now = Date.now();
  const locks: ListedLock[] = [];
  for (const file of await listAll(backend, 'locks/')) {
    let info: LockInfo | undefined;
    try {
      info = JSON.parse(
        unsealPayload(keys, await backend.get(file.name), file.name).toString('utf8'),
      ) as LockInfo;
    } catch (error) {
      if (error instanceof MissingFileError) continue;
      if (!(error instanceof CorruptFileError || error instanceof SyntaxError)) throw error;
    }
    const refreshed = info ? Date.parse(info.refreshed) : file.modified.getTime();
    locks.push({ file: file.name, info, stale: !(now - refreshed < timings.staleAfterMs) });
  }
  return locks;
}

export class Lock {
  private timer: NodeJS.Timeout | undefined;
  private refreshed = Date.now();
  private refreshing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly backend: Backend,
    private readonly keys: RepositoryKeys,
    private readonly timings: LockTimings,
    readonly file: string,
    private readonly info: LockInfo,
  ) {}

  static async acquire(
    backend: Backend,
    keys: RepositoryKeys,
    kind: LockKind,
    timings: LockTimings,
  ): Promise<Lock> {
    const now = new Date().toISOString();
    const info: LockInfo = {
      version: 1,
      kind,
      hostname: hostname(),
      pid: process.pid,
      created: now,
      refreshed: now,
    };
    const lock = new Lock(backend, keys, timings, `locks/${randomName()}`, info);
    await lock.write();
    const conflicts = (await listLocks(backend, keys, timings)).filter(
      (other) =>
        other.file !== lock.file &&
        !other.stale &&
        (kind === 'exclusive' || other.info === undefined || other.info.kind === 'exclusive'),
    );
    if (conflicts.length > 0) {
      await backend.delete(lock.file);
      const holders = conflicts
        .map(({ file, info }) =>
          info ? `${info.kind} lock by ${info.hostname} pid ${info.pid} since ${info.created}` : file,
        )
        .join('; ');
      throw new RepositoryLockedError(`repository is locked (${holders}); try again later`);
    }
    lock.timer = setInterval(() => {
      lock.refreshing = lock.write().catch(() => undefined);
    }, timings.refreshMs);
    lock.timer.unref();
    return lock;
  }

  private async write(): Promise<void> {
    const refreshed = new Date();
    this.info.refreshed = refreshed.toISOString();
    await this.backend.put(this.file, sealPayload(this.keys, Buffer.from(JSON.stringify(this.info))));
    this.refreshed = refreshed.getTime();
  }

  /** Fails when the lock went stale or was removed: whoever saw it stale may have acted on that. */
  async assertHeld(): Promise<void> {
    await this.refreshing;
    const stale = Date.now() - this.refreshed >= this.timings.staleAfterMs;
    if (stale || !(await this.backend.stat(this.file))) {
      throw new RepositoryLockedError(
        `lost the repository lock ${this.file} (it went stale); nothing was committed`,
      );
    }
  }

  async release(): Promise<void> {
    clearInterval(this.timer);
    await this.refreshing;
    await this.backend.delete(this.file);
  }
}
