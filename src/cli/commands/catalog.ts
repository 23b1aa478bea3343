// `tenantvault catalog ...`: the metadata index of backups. It is only an index: `rebuild`
// recreates it from a repository and the repository's password alone.
import { Option, type Command } from 'commander';
import { Catalog, defaultCatalogUrl, rebuild } from '../../catalog/index.js';
import { openBackend, Repository } from '../../repository/index.js';
import { UsageError } from '../exit-codes.js';
import { contextOf } from '../program.js';
import { secretFromEnvOrPrompt } from '../prompt.js';

interface RebuildOptions {
  repo?: string;
  s3Endpoint?: string;
  catalog?: string;
}

export function registerCatalogCommand(program: Command): void {
  const catalog = program
    .command('catalog')
    .description('the metadata index of backups (listing, history, diff)');

  catalog
    .command('rebuild')
    .description(
      "replace the catalog rows of every tenant a repository holds with the repository's snapshots",
    )
    // Named variables, as for `repo`: commander only reads an option's variable when it
    // is known as the option is added.
    .addOption(
      new Option('--repo <location>', 'repository: a directory or s3://bucket/prefix').env(
        'TENANTVAULT_REPO',
      ),
    )
    .addOption(
      new Option('--s3-endpoint <url>', 'endpoint of S3-compatible storage (path-style addressing)').env(
        'TENANTVAULT_S3_ENDPOINT',
      ),
    )
    .option(
      '--catalog <url>',
      'catalog: a file path, sqlite:<path> or postgres://… (default <home>/catalog.sqlite)',
    )
    .action(async (options: RebuildOptions, command: Command) => {
      const { home, output } = contextOf(command);
      if (!options.repo) throw new UsageError('--repo (or TENANTVAULT_REPO) is required');
      const backend = openBackend(options.repo, { s3Endpoint: options.s3Endpoint });
      const password = await secretFromEnvOrPrompt('TENANTVAULT_PASSWORD', 'repository password: ');
      const repository = await Repository.open(backend, password);
      const index = Catalog.open(options.catalog ?? defaultCatalogUrl(home));
      try {
        await index.migrate();
        output.result(
          await rebuild(index, repository),
          (r) =>
            `rebuilt ${r.snapshots} snapshots (${r.items} items) of ${r.tenants.length} tenant(s): ${r.tenants.join(', ') || '-'}` +
            (r.skippedSnapshots > 0
              ? `\n${r.skippedSnapshots} snapshot(s) without catalog metadata skipped`
              : ''),
        );
      } finally {
        await index.close();
      }
    });
}
