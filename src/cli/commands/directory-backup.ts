// `tenantvault backup entra` and `tenantvault snapshots`: back up a tenant's
// Entra ID directory into its repository (which `repo init` creates; a backup never
// creates one) and list the snapshots the catalog holds. Backup shows progress on stderr
// and its summary on stdout. Exit codes: 0 every type read; 3 partial (some types failed
// and kept their previous items); 1 failed, nothing written. The command line is
// src/cli/definitions/directory-backup.ts.
import type { Command } from 'commander';
import { BACKUP_CACHE_KIB } from '../../catalog/index.js';
import { backupDirectory, type BackupProgress, type DirectoryBackupResult } from '../../engine/backup.js';
import { GraphClient } from '../../graph/index.js';
import { DIRECTORY_WORKLOAD, type BackupToggle, type DirectoryType } from '../../workloads/directory/item.js';
import { TYPE_ROUTES } from '../../workloads/directory/routes.js';
import type { TypeSummary } from '../../workloads/directory/snapshot-meta.js';
import { openCatalog, type CatalogOptions } from '../catalog-options.js';
import { tenantOf } from '../directory-options.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { table, type Output } from '../output.js';
import { contextOf } from '../program.js';
import { openRepository, type RepoOptions } from '../repository-options.js';
import { graphConnectionOf, type TenantOptions } from '../tenant-options.js';

interface BackupOptions extends RepoOptions, CatalogOptions, TenantOptions {
  types?: BackupToggle[];
}

/** Progress lines about the same type at most this often. */
const PROGRESS_INTERVAL_MS = 1000;

function describeCounts(summary: TypeSummary): string {
  return `${summary.added} added, ${summary.changed} changed, ${summary.removed} removed, ${summary.carried} unchanged`;
}

function progressPrinter(output: Output): (event: BackupProgress) => void {
  let lastLine = 0;
  return (event) => {
    const label = TYPE_ROUTES[event.type].label;
    if (event.kind === 'typeStarted') {
      lastLine = Date.now();
    } else if (event.kind === 'items' && Date.now() - lastLine >= PROGRESS_INTERVAL_MS) {
      lastLine = Date.now();
      output.info(`${label}: ${event.items} items so far`);
    } else if (event.kind === 'typeFinished') {
      const { summary } = event;
      const outcome = summary.error
        ? `FAILED, previous items kept: ${summary.error}`
        : `${describeCounts(summary)} (${summary.mode})`;
      output.info(`${label}: ${summary.items} items, ${outcome}`);
    }
  };
}

/** What the command reports: the snapshot and its summary, without the state (delta links). */
function reportOf(result: DirectoryBackupResult) {
  const { tenantId, tenantDisplayName, status, startedAt, finishedAt, summary } = result.meta;
  return {
    seq: result.seq,
    snapshotId: result.snapshotId,
    tenantId,
    tenantDisplayName,
    status,
    startedAt,
    finishedAt,
    summary,
  };
}

function renderReport(report: ReturnType<typeof reportOf>): string {
  const seconds = ((Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000).toFixed(1);
  const types = Object.entries(report.summary.types) as [DirectoryType, TypeSummary][];
  const { requests } = report.summary;
  return [
    `snapshot ${report.seq} of ${report.tenantDisplayName} (${report.tenantId}): ${report.status} in ${seconds} s, repository snapshot ${report.snapshotId.slice(0, 12)}`,
    table(
      ['type', 'read', 'items', 'added', 'changed', 'removed', 'unchanged', 'error'],
      types.map(([type, summary]) => [
        type,
        summary.mode,
        String(summary.items),
        String(summary.added),
        String(summary.changed),
        String(summary.removed),
        String(summary.carried),
        summary.error ?? '',
      ]),
    ),
    `Graph requests: ${requests.ok} ok, ${requests.throttled} throttled, ${requests.retried} retried, ${requests.failed} failed; ${requests.expiredDeltaLinks} expired delta links (those types listed in full)`,
  ].join('\n');
}

/** `backup entra` */
export async function backupEntra(options: BackupOptions, self: Command): Promise<void> {
  const { home, output } = contextOf(self);
  const repository = await openRepository(options);
  const graph = new GraphClient(await graphConnectionOf(options, home));
  const catalog = await openCatalog(home, options, { sqliteCacheKiB: BACKUP_CACHE_KIB });
  try {
    const result = await backupDirectory({
      graph,
      repository,
      catalog,
      toggles: options.types,
      onProgress: progressPrinter(output),
    });
    output.result(reportOf(result), renderReport);
    if (result.meta.status === 'partial') {
      const failed = Object.entries(result.meta.summary.types)
        .filter(([, summary]) => summary.error)
        .map(([type, summary]) => `${type}: ${summary.error}`);
      throw new CliError(
        `snapshot ${result.seq} is partial; failed types kept their previous items (${failed.join('; ')})`,
        ExitCode.partial,
      );
    }
  } finally {
    await catalog.close();
    await graph.close();
  }
}

/** `snapshots` */
export async function snapshots(options: CatalogOptions & { tenant?: string }, self: Command): Promise<void> {
  const { home, output } = contextOf(self);
  const tenantId = await tenantOf(options, home);
  const catalog = await openCatalog(home, options);
  try {
    const snapshots = await catalog.listSnapshots(tenantId, DIRECTORY_WORKLOAD);
    output.result(snapshots, (rows) =>
      rows.length === 0
        ? `the catalog has no directory snapshots of tenant ${tenantId}`
        : table(
            ['seq', 'started', 'status', 'items', 'added', 'changed', 'removed', 'snapshot'],
            rows.map((row) => [
              String(row.seq),
              row.startedAt,
              row.status,
              String(row.itemCount),
              String(row.addedCount),
              String(row.changedCount),
              String(row.removedCount),
              row.repositorySnapshotId?.slice(0, 12) ?? '',
            ]),
          ),
    );
  } finally {
    await catalog.close();
  }
}
