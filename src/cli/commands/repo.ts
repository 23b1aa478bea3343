// `tenantvault repo ...`: create, inspect, verify and maintain a repository, and back up
// local files or standard input into it (for scripts, tests and benchmarks). The command
// line (arguments, options, help) is src/cli/definitions/repo.ts; it loads this module
// when a repo command runs.
import { closeSync, lstatSync, openSync, readSync, type Dirent } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import {
  hasRules,
  Repository,
  type RetentionRules,
  type SnapshotItem,
  type SnapshotSummary,
  type SnapshotWriter,
} from '../../repository/index.js';
import { CliError, UsageError } from '../exit-codes.js';
import { table } from '../output.js';
import { contextOf } from '../program.js';
import { secretFromEnvOrPrompt } from '../prompt.js';
import { backendOf, openRepository, repositoryPassword, type RepoOptions } from '../repository-options.js';

function snapshotRows(snapshots: SnapshotSummary[]): string {
  return table(
    ['id', 'time', 'host', 'items', 'size', 'tags'],
    snapshots.map((s) => [
      s.id.slice(0, 12),
      s.time,
      s.hostname,
      String(s.items),
      String(s.size),
      s.tags.join(','),
    ]),
  );
}

/**
 * Regular files under `root`, depth first in name order, as slash-separated relative paths.
 * Paths are built by appending names, not by path functions: a directory of mails has tens
 * of thousands.
 */
async function* filesUnder(root: string): AsyncIterable<string> {
  const directories: { prefix: string; entries: Dirent[]; next: number }[] = [];
  const enter = async (prefix: string) => {
    const entries = await readdir(join(root, prefix), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    directories.push({ prefix, entries, next: 0 });
  };
  await enter('');
  while (directories.length > 0) {
    const directory = directories.at(-1)!;
    const entry = directory.entries[directory.next++];
    if (!entry) directories.pop();
    else if (entry.isDirectory()) await enter(`${directory.prefix}${entry.name}/`);
    else if (entry.isFile()) yield directory.prefix + entry.name;
  }
}

const READ_BUFFER = 1024 * 1024;

/**
 * File content for the writer, read into one reused buffer: the writer copies content
 * before addItem resolves, and each streamed piece before it asks for the next, so no
 * file costs a buffer of its own. Small files are read at once, synchronously (cheaper
 * than any stream or promise per mail-sized file); large ones streamed.
 */
class FileReader {
  private readonly buffer = Buffer.allocUnsafe(READ_BUFFER);

  content(path: string, size: number): Buffer | AsyncIterable<Buffer> {
    if (size < READ_BUFFER) {
      const fd = openSync(path, 'r');
      try {
        let length = 0;
        let read: number;
        do {
          read = readSync(fd, this.buffer, length, READ_BUFFER - length, null);
          length += read;
        } while (read > 0 && length < READ_BUFFER);
        // A file that grew past the buffer since it was listed is streamed instead.
        if (length < READ_BUFFER) return this.buffer.subarray(0, length);
      } finally {
        closeSync(fd);
      }
    }
    return this.pieces(path);
  }

  private async *pieces(path: string): AsyncIterable<Buffer> {
    const file = await open(path, 'r');
    try {
      for (;;) {
        const { bytesRead } = await file.read(this.buffer, 0, READ_BUFFER, null);
        if (bytesRead === 0) return;
        yield this.buffer.subarray(0, bytesRead);
      }
    } finally {
      await file.close();
    }
  }
}

/** Items of the newest snapshot of the same directory: files whose size and time match are not read again. */
async function previousItems(repository: Repository, source: string): Promise<Map<string, SnapshotItem>> {
  const parent = (await repository.listSnapshots()).filter((s) => s.meta.source === source).at(-1);
  const items = new Map<string, SnapshotItem>();
  if (parent) for await (const item of repository.items(parent.id)) items.set(item.path, item);
  return items;
}

async function writeSnapshot(
  options: RepoOptions & { tag?: string[] },
  meta: Record<string, unknown>,
  fill: (writer: SnapshotWriter, repository: Repository) => Promise<void>,
) {
  const repository = await openRepository(options);
  const writer = await repository.startSnapshot({ tags: options.tag ?? [], meta });
  try {
    await fill(writer, repository);
  } catch (error) {
    await writer.abort();
    throw error;
  }
  const snapshot = await writer.commit();
  return { snapshot, stats: writer.stats };
}

/** `repo init` */
export async function init(options: RepoOptions & { packSize?: number }, command: Command): Promise<void> {
  const { output } = contextOf(command);
  const backend = await backendOf(options);
  const repository = await Repository.init(backend, await repositoryPassword(), {
    packSize: options.packSize,
  });
  output.result(
    { location: backend.location, id: repository.config.id },
    (r) => `created repository ${r.id} at ${r.location}`,
  );
}

/** `repo check` */
export async function check(options: RepoOptions & { readData?: boolean }, command: Command): Promise<void> {
  const { output } = contextOf(command);
  const report = await (await openRepository(options)).check({ readData: options.readData });
  output.result(report, (r) =>
    [
      ...r.errors.map((e) => `error: ${e.message}`),
      ...r.notes.map((note) => `note: ${note}`),
      `${r.counts.snapshots} snapshots, ${r.counts.packs} packs, ${r.counts.indexFiles} index files, ${r.counts.keyFiles} key files` +
        (options.readData ? `, ${r.counts.blobsVerified} blobs verified` : ''),
      r.errors.length === 0 ? 'no errors' : `${r.errors.length} error(s)`,
    ].join('\n'),
  );
  if (report.errors.length > 0) throw new CliError(`check found ${report.errors.length} error(s)`);
}

/** `repo passwd` */
export async function passwd(options: RepoOptions, command: Command): Promise<void> {
  const { output } = contextOf(command);
  const repository = await openRepository(options);
  const next = await secretFromEnvOrPrompt('TENANTVAULT_NEW_PASSWORD', 'new repository password: ');
  const keyFile = await repository.changePassword(next);
  output.result({ keyFile }, () => 'password changed');
}

/** `repo stats` */
export async function stats(options: RepoOptions, command: Command): Promise<void> {
  const { output } = contextOf(command);
  const stats = await (await openRepository(options)).stats();
  output.result(stats, (s) =>
    Object.entries(s)
      .map(([key, value]) => `${key}: ${value}`)
      .join('\n'),
  );
}

/** `repo snapshots` */
export async function snapshots(options: RepoOptions, command: Command): Promise<void> {
  const { output } = contextOf(command);
  output.result(await (await openRepository(options)).listSnapshots(), snapshotRows);
}

/** `repo ls` */
export async function ls(reference: string, options: RepoOptions, command: Command): Promise<void> {
  const { output } = contextOf(command);
  const repository = await openRepository(options);
  const id = await repository.resolveSnapshot(reference);
  // One line per item so millions of items stream instead of piling up.
  for await (const item of repository.items(id)) {
    output.result(item, (i) => `${i.path}\t${i.id}\t${i.size}`);
  }
}

/** `repo cat` */
export async function cat(
  reference: string,
  item: string,
  options: RepoOptions,
  command: Command,
): Promise<void> {
  const { output } = contextOf(command);
  const repository = await openRepository(options);
  const id = await repository.resolveSnapshot(reference);
  if (output.json) {
    output.result(await repository.findItem(id, item), () => '');
    return;
  }
  await pipeline(await repository.readItem(id, item), process.stdout, { end: false });
}

/** `repo forget` */
export async function forget(
  options: RepoOptions & Record<string, number | string | boolean | undefined>,
  command: Command,
): Promise<void> {
  const { output } = contextOf(command);
  const rules: RetentionRules = {
    last: options.keepLast as number | undefined,
    hourly: options.keepHourly as number | undefined,
    daily: options.keepDaily as number | undefined,
    weekly: options.keepWeekly as number | undefined,
    monthly: options.keepMonthly as number | undefined,
    yearly: options.keepYearly as number | undefined,
    withinMs: options.keepWithin as number | undefined,
    groupBy: options.groupBy as string | undefined,
  };
  if (!hasRules(rules))
    throw new UsageError('give at least one --keep-* rule; forget never removes everything');
  const repository = await openRepository(options);
  const result = await repository.forget(rules, { dryRun: Boolean(options.dryRun) });
  output.result(
    {
      dryRun: result.dryRun,
      removed: result.removed,
      kept: result.groups.flatMap((g) =>
        g.keep.map((k) => ({ id: k.snapshot.id, group: g.group, reasons: k.reasons })),
      ),
    },
    (r) =>
      [
        ...r.kept.map((k) => `keep   ${k.id.slice(0, 12)} ${k.reasons.join(',')}`),
        ...r.removed.map((id) => `${r.dryRun ? 'would remove' : 'remove'} ${id.slice(0, 12)}`),
      ].join('\n'),
  );
}

/** `repo prune` */
export async function prune(options: RepoOptions & { grace?: number }, command: Command): Promise<void> {
  const { output } = contextOf(command);
  const result = await (await openRepository(options)).prune({ graceMs: options.grace });
  output.result(result, (r) =>
    Object.entries(r)
      .map(([key, value]) => `${key}: ${value}`)
      .join('\n'),
  );
}

/** `repo backup-dir` */
export async function backupDir(
  dir: string,
  options: RepoOptions & { tag?: string[] },
  command: Command,
): Promise<void> {
  const { output } = contextOf(command);
  const source = resolve(dir);
  const result = await writeSnapshot(options, { source }, async (writer, repository) => {
    const previous = await previousItems(repository, source);
    const reader = new FileReader();
    const base = source.endsWith(sep) ? source : source + sep;
    for await (const path of filesUnder(source)) {
      const file = base + path;
      const info = lstatSync(file);
      const metadata = { size: info.size, modified: info.mtime.toISOString() };
      const unchanged = previous.get(path);
      await writer.addItem(
        unchanged && isDeepStrictEqual(unchanged.metadata, metadata)
          ? { path, id: path, metadata, existingContent: unchanged.content }
          : { path, id: path, metadata, content: reader.content(file, info.size) },
      );
    }
  });
  output.result(
    result,
    (r) =>
      `snapshot ${r.snapshot.id} saved: ${r.snapshot.items} items, ${r.stats.bytesUploaded} bytes uploaded in ${r.stats.packs} packs`,
  );
}

/** `repo backup-stdin` */
export async function backupStdin(
  path: string,
  options: RepoOptions & { tag?: string[] },
  command: Command,
): Promise<void> {
  const { output } = contextOf(command);
  const result = await writeSnapshot(options, {}, async (writer) => {
    await writer.addItem({ path, id: path, content: process.stdin });
  });
  output.result(
    result,
    (r) =>
      `snapshot ${r.snapshot.id} saved: ${r.stats.bytesUploaded} bytes uploaded in ${r.stats.packs} packs`,
  );
}
