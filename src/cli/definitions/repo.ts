// `tenantvault repo ...`: create, inspect, verify and maintain a repository, and back up
// local files or standard input into it (for scripts, tests and benchmarks). Implemented
// in src/cli/commands/repo.ts.
import { Option, type Command } from 'commander';
import { parseDuration } from '../../repository/retention.js';
import { UsageError } from '../exit-codes.js';
import { lazyAction } from '../lazy-action.js';
import { withRepoOptions } from '../repository-options.js';

/** The module that implements the commands below, loaded when one runs. */
const implementation = () => import('../commands/repo.js');

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

export function registerRepoCommand(program: Command): void {
  const repo = program
    .command('repo')
    .description('create, inspect, verify and maintain a backup repository');

  withRepoOptions(repo.command('init'))
    .description('create a new repository')
    .addOption(new Option('--pack-size <size>', 'target pack file size, e.g. 16MiB').argParser(parseSize))
    .action(lazyAction(implementation, 'init'));

  withRepoOptions(repo.command('check'))
    .description('verify the repository structure (and with --read-data every blob)')
    .option('--read-data', 'download and verify all data')
    .action(lazyAction(implementation, 'check'));

  withRepoOptions(repo.command('passwd'))
    .description(
      'change the password (new one from TENANTVAULT_NEW_PASSWORD or a prompt); data is not rewritten',
    )
    .action(lazyAction(implementation, 'passwd'));

  withRepoOptions(repo.command('stats'))
    .description('size and counts of the repository')
    .action(lazyAction(implementation, 'stats'));

  withRepoOptions(repo.command('snapshots'))
    .description('list snapshots, oldest first')
    .action(lazyAction(implementation, 'snapshots'));

  withRepoOptions(repo.command('ls'))
    .description('list the items of a snapshot (id, id prefix or "latest")')
    .argument('<snapshot>')
    .action(lazyAction(implementation, 'ls'));

  withRepoOptions(repo.command('cat'))
    .description("write an item's content to standard output (with --json: its record instead)")
    .argument('<snapshot>')
    .argument('<item>', 'path or id of the item')
    .action(lazyAction(implementation, 'cat'));

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
    .action(lazyAction(implementation, 'forget'));

  withRepoOptions(repo.command('prune'))
    .description('delete data no snapshot needs and repack partly used packs')
    .addOption(
      new Option('--grace <duration>', 'never delete files younger than this (default 1h)').argParser(
        durationOption,
      ),
    )
    .action(lazyAction(implementation, 'prune'));

  withRepoOptions(repo.command('backup-dir'))
    .description(
      'snapshot the regular files of a local directory (item path = relative file path); files unchanged since the last snapshot of it are not read',
    )
    .argument('<dir>')
    .option('--tag <tag...>', 'tags of the snapshot')
    .action(lazyAction(implementation, 'backupDir'));

  withRepoOptions(repo.command('backup-stdin'))
    .description('snapshot standard input as one item')
    .argument('<path>', 'item path (and id) to store it under')
    .option('--tag <tag...>', 'tags of the snapshot')
    .action(lazyAction(implementation, 'backupStdin'));
}
