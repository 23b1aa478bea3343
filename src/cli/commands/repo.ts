// `tenantvault repo ...`: create, inspect, verify and maintain a repository, and back up
// local files or standard input into it (for scripts, tests and benchmarks).
import { closeSync, lstatSync, openSync, readSync, type Dirent } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { pipeline } from 'node:stream/promises';
import { Option, type Command } from 'commander';
import {
  hasRules,
  parseDuration,
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
import {
  backendOf,
  openRepository,
  repositoryPassword,
  withRepoOptions,
  type RepoOptions,
} from '../repository-options.js';

const SIZE_UNITS: Record<string, number> = { '': 1, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

function parseSize(text: string): number {
  const match = /^(\d+)\s*(kib|mib|gib)?$/i.exec(text.trim());
  if (!match) throw new UsageError(`"${text}" is not a size like 512KiB or 16MiB`);
  return Number(match[1]) * SIZE_UNITS[(match[2] ?? '').toLowerCase()]!;
}

function parseCount(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new UsageError(`"${text}" is not a count`);
  return value;
}

function durationOption(text: string): number {
  if (text === '0') return 0;
  try {
    return parseDuration(text);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

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

export function registerRepoCommand(program: Command): void {
  const repo = program
    .command('repo')
    .description('create, inspect, verify and maintain a backup repository');

  withRepoOptions(repo.command('init'))
    .description('create a new repository')
    .addOption(new Option('--pack-size <size>', 'target pack file size, e.g. 16MiB').argParser(parseSize))
    .action(async (options: RepoOptions & { packSize?: number }, command: Command) => {
      const { output } = contextOf(command);
      const backend = backendOf(options);
      const repository = await Repository.init(backend, await repositoryPassword(), {
        packSize: options.packSize,
      });
      output.result(
        { location: backend.location, id: repository.config.id },
        (r) => `created repository ${r.id} at ${r.location}`,
      );
    });

  withRepoOptions(repo.command('check'))
    .description('verify the repository structure (and with --read-data every blob)')
    .option('--read-data', 'download and verify all data')
    .action(async (options: RepoOptions & { readData?: boolean }, command: Command) => {
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
    });

  withRepoOptions(repo.command('passwd'))
    .description(
      'change the password (new one from TENANTVAULT_NEW_PASSWORD or a prompt); data is not rewritten',
    )
    .action(async (options: RepoOptions, command: Command) => {
      const { output } = contextOf(command);
      const repository = await openRepository(options);
      const next = await secretFromEnvOrPrompt('TENANTVAULT_NEW_PASSWORD', 'new repository password: ');
      const keyFile = await repository.changePassword(next);
      output.result({ keyFile }, () => 'password changed');
    });

  withRepoOptions(repo.command('stats'))
    .description('size and counts of the repository')
    .action(async (options: RepoOptions, command: Command) => {
      const { output } = contextOf(command);
      const stats = await (await openRepository(options)).stats();
      output.result(stats, (s) =>
        Object.entries(s)
          .map(([key, value]) => `${key}: ${value}`)
          .join('\n'),
      );
    });

  withRepoOptions(repo.command('snapshots'))
    .description('list snapshots, oldest first')
    .action(async (options: RepoOptions, command: Command) => {
      const { output } = contextOf(command);
      output.result(await (await openRepository(options)).listSnapshots(), snapshotRows);
    });

  withRepoOptions(repo.command('ls'))
    .description('list the items of a snapshot (id, id prefix or "latest")')
    .argument('<snapshot>')
    .action(async (reference: string, options: RepoOptions, command: Command) => {
      const { output } = contextOf(command);
      const repository = await openRepository(options);
      const id = await repository.resolveSnapshot(reference);
      // One line per item so millions of items stream instead of piling up.
      for await (const item of repository.items(id)) {
        output.result(item, (i) => `${i.path}\t${i.id}\t${i.size}`);
      }
    });

  withRepoOptions(repo.command('cat'))
    .description("write an item's content to standard output (with --json: its record instead)")
    .argument('<snapshot>')
    .argument('<item>', 'path or id of the item')
    .action(async (reference: string, item: string, options: RepoOptions, command: Command) => {
      const { output } = contextOf(command);
      const repository = await openRepository(options);
      const id = await repository.resolveSnapshot(reference);
      if (output.json) {
        output.result(await repository.findItem(id, item), () => '');
        return;
      }
      await pipeline(await repository.readItem(id, item), process.stdout, { end: false });
    });

  withRepoOptions(repo.command('forget'))
    .description('remove snapshots the keep rules do not keep (run prune to free space)')
    .addOption(new Option('--keep-last <n>', 'keep the newest n').argParser(parseCount))
    .addOption(new Option('--keep-hourly <n>', 'keep the newest per hour for n hours').argParser(parseCount))
    .addOption(new Option('--keep-daily <n>', 'keep the newest per day for n days').argParser(parseCount))
    .addOption(new Option('--keep-weekly <n>', 'keep the newest per week for n weeks').argParser(parseCount))
    .addOption(
      new Option('--keep-monthly <n>', 'keep the newest per month for n months').argParser(parseCount),
    )
    .addOption(new Option('--keep-yearly <n>', 'keep the newest per year for n years').argParser(parseCount))
    .addOption(
      new Option('--keep-within <duration>', 'keep all within e.g. 7d, 2w, 6m, 1y').argParser(durationOption),
    )
    .option('--group-by <field>', 'apply the rules per value of this snapshot meta field')
    .option('--dry-run', 'only show what would be removed')
    .action(
      async (
        options: RepoOptions & Record<string, number | string | boolean | undefined>,
        command: Command,
      ) => {
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
      },
    );

  withRepoOptions(repo.command('prune'))
    .description('delete data no snapshot needs and repack partly used packs')
    .addOption(
      new Option('--grace <duration>', 'never delete files younger than this (default 1h)').argParser(
        durationOption,
      ),
    )
    .action(async (options: RepoOptions & { grace?: number }, command: Command) => {
      const { output } = contextOf(command);
      const result = await (await openRepository(options)).prune({ graceMs: options.grace });
      output.result(result, (r) =>
        Object.entries(r)
          .map(([key, value]) => `${key}: ${value}`)
          .join('\n'),
      );
    });

  withRepoOptions(repo.command('backup-dir'))
    .description(
      'snapshot the regular files of a local directory (item path = relative file path); files unchanged since the last snapshot of it are not read',
    )
    .argument('<dir>')
    .option('--tag <tag...>', 'tags of the snapshot')
    .action(async (dir: string, options: RepoOptions & { tag?: string[] }, command: Command) => {
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
    });

  withRepoOptions(repo.command('backup-stdin'))
    .description('snapshot standard input as one item')
    .argument('<path>', 'item path (and id) to store it under')
    .option('--tag <tag...>', 'tags of the snapshot')
    .action(async (path: string, options: RepoOptions & { tag?: string[] }, command: Command) => {
      const { output } = contextOf(command);
      const result = await writeSnapshot(options, {}, async (writer) => {
        await writer.addItem({ path, id: path, content: process.stdin });
      });
      output.result(
        result,
        (r) =>
          `snapshot ${r.snapshot.id} saved: ${r.stats.bytesUploaded} bytes uploaded in ${r.stats.packs} packs`,
      );
    });
}
