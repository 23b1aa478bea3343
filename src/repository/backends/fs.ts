// Local-disk backend: each name is a file under the root directory. Writes go to a
// temporary sibling that is fsynced and renamed into place, so a crash or a full disk
// never leaves a partial file under a real name.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Backend, FileInfo } from '../backend.js';
import { MissingFileError } from '../errors.js';

export const TEMP_MARKER = '.tmp-';

export class FsBackend implements Backend {
  readonly location: string;

  constructor(private readonly root: string) {
    this.location = root;
  }

  private path(name: string): string {
    return join(this.root, ...name.split('/'));
  }

  async put(name: string, data: Buffer, released?: () => void): Promise<void> {
    const target = this.path(name);
    const temp = `${target}${TEMP_MARKER}${randomBytes(6).toString('hex')}`;
    await mkdir(dirname(target), { recursive: true });
    try {
      const handle = await open(temp, 'wx');
      try {
        await handle.writeFile(data);
        released?.();
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    await syncDirectory(dirname(target));
  }

  async get(name: string): Promise<Buffer> {
    const handle = await this.openForRead(name);
    try {
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  }

  async getRange(name: string, offset: number, length: number): Promise<Buffer> {
    const handle = await this.openForRead(name);
    try {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  async *list(prefix: string): AsyncIterable<FileInfo> {
    // Prefixes name directories ("data/", "index/"); walk the deepest existing one.
    const directory = prefix.endsWith('/') ? prefix.slice(0, -1) : dirname(prefix);
    for await (const file of this.walk(this.path(directory === '.' ? '' : directory))) {
      if (!file.name.includes(TEMP_MARKER) && file.name.startsWith(prefix)) yield file;
    }
  }

  async removeIncomplete(olderThan: Date): Promise<string[]> {
    const removed: string[] = [];
    for await (const file of this.walk(this.root)) {
      if (file.name.includes(TEMP_MARKER) && file.modified < olderThan) {
        await this.delete(file.name);
        removed.push(file.name);
      }
    }
    return removed;
  }

  private async *walk(directory: string): AsyncIterable<FileInfo> {
    let entries;
    try {
      entries = await readdir(directory, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = join(directory, entry.name);
      if (entry.isDirectory()) {
        yield* this.walk(full);
      } else if (entry.isFile()) {
        // A file may vanish between readdir and stat (a concurrent delete).
        const info = await stat(full).catch(() => undefined);
        if (info)
          yield {
            name: relative(this.root, full).split(sep).join('/'),
            size: info.size,
            modified: info.mtime,
          };
      }
    }
  }

  async stat(name: string): Promise<FileInfo | undefined> {
    try {
      const info = await stat(this.path(name));
      return { name, size: info.size, modified: info.mtime };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async delete(name: string): Promise<void> {
    await rm(this.path(name), { force: true });
  }

  private async openForRead(name: string) {
    try {
      return await open(this.path(name), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new MissingFileError(name);
      throw error;
    }
  }
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
