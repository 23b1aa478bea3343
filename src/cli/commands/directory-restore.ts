// `tenantvault entra restore [--at <snapshot>]`: brings backed-up directory objects back into
// a live tenant. It plans first (every Graph write, with why), prints the plan and stops
// there with --dry-run; otherwise it writes and reports what was written, skipped and
// failed, the new ids of re-created objects and, with --new-users temporary-password,
// the passwords of re-created users (printed this once, stored nowhere).
// Exit codes: 0 done, 1 nothing could be written, 2 usage (a read-only type, a type that
// cannot go to another tenant, an unknown snapshot or id), 3 partly written. The command
// line is src/cli/definitions/directory-restore.ts.
import type { Command } from 'commander';
import { planDirectoryRestore } from '../../engine/directory/restore.js';
import { GraphClient } from '../../graph/index.js';
import type { DirectoryType } from '../../workloads/directory/item.js';
import {
  executePlan,
  kindOf,
  RestoreRefusedError,
  type ItemRef,
  type NewUserMode,
  type RestorePlan,
  type RestoreReport,
} from '../../workloads/directory/restore/index.js';
import { withBackupSources, type BackupSourceOptions, type AtOptions } from '../directory-options.js';
import { CliError, ExitCode, UsageError } from '../exit-codes.js';
import { contextOf } from '../program.js';
import { graphConnectionOf, type TenantOptions } from '../tenant-options.js';

interface RestoreOptions extends BackupSourceOptions, TenantOptions, AtOptions {
  type?: DirectoryType[];
  id?: string[];
  dryRun?: boolean;
  newUsers: NewUserMode;
  sourceTenant?: string;
}

function describe(item: ItemRef): string {
  const kind = kindOf(item.type);
  return item.displayName ? `${kind} "${item.displayName}" (${item.id})` : `${kind} ${item.id}`;
}

function renderPlan(plan: RestorePlan, heading: string): string {
  const lines = [heading];
  for (const write of plan.writes) {
    const after = write.dependsOn.length > 0 ? `  (after ${write.dependsOn.join(', ')})` : '';
    lines.push(`${write.step}. ${write.method} ${write.url}${after}`);
    lines.push(`   ${describe(write.item)}: ${write.why}`);
    if (write.body !== undefined) lines.push(`   ${JSON.stringify(write.body)}`);
  }
  if (plan.skipped.length > 0) lines.push('', 'left as they are:');
  for (const decision of plan.skipped) lines.push(`  ${describe(decision.item)}: ${decision.reason}`);
  return lines.join('\n');
}

function renderReport(report: RestoreReport): string {
  const lines = [
    `written ${report.written.length}, skipped ${report.skipped.length}, failed ${report.failed.length}`,
  ];
  for (const entry of report.written)
    lines.push(`  ${entry.step}. ${entry.request}: ${describe(entry.item)}`);
  if (report.failed.length > 0) lines.push('', 'failed:');
  for (const entry of report.failed) {
    lines.push(`  ${entry.step}. ${entry.request}: ${describe(entry.item)}`);
    lines.push(`     ${entry.status ?? 'no answer'} ${entry.code}: ${entry.message}`);
  }
  if (report.skipped.length > 0) lines.push('', 'skipped:');
  for (const entry of report.skipped) {
    lines.push(
      `  ${entry.step ? `${entry.step}. ${entry.request}: ` : ''}${describe(entry.item)}: ${entry.reason}`,
    );
  }
  if (report.idMap.length > 0) lines.push('', 'new ids (old -> new):');
  for (const entry of report.idMap) {
    lines.push(`  ${describe(entry.item)}: ${entry.property} ${entry.old} -> ${entry.new}`);
  }
  if (report.temporaryPasswords.length > 0) {
    lines.push('', 'temporary passwords (shown only now; each must be changed at the next sign-in):');
    for (const entry of report.temporaryPasswords)
      lines.push(`  ${entry.userPrincipalName}  ${entry.password}`);
  }
  return lines.join('\n');
}

/** Adds `restore` to the `entra` command group. */

/** `entra restore` */
export async function restore(options: RestoreOptions, self: Command): Promise<void> {
  const { home, output } = contextOf(self);
  if (!options.type?.length && !options.id?.length) {
    throw new UsageError('choose what to restore with --type and/or --id');
  }
  const graph = new GraphClient(await graphConnectionOf(options, home));
  try {
    const report = await withBackupSources(home, options, async ({ repository, catalog }) => {
      const { snapshot, plan } = await planDirectoryRestore({
        repository,
        catalog,
        sourceTenantId: options.sourceTenant,
        snapshot: options.at,
        selection: { types: options.type, ids: options.id },
        graph,
        newUsers: options.newUsers,
      }).catch((error: unknown) => {
        if (error instanceof RestoreRefusedError) throw new UsageError(error.message);
        throw error;
      });
      const heading =
        `snapshot ${snapshot.seq} (${snapshot.startedAt}) of tenant ${plan.sourceTenantId} into tenant ` +
        `${plan.targetTenantId}: ${plan.writes.length} write(s)`;
      if (options.dryRun) {
        output.result({ dryRun: true, snapshot, plan }, (value) =>
          renderPlan(value.plan, `dry run, nothing written: ${heading}`),
        );
        return undefined;
      }
      // The whole plan is what --dry-run is for; a run names its size and reports what it did.
      output.info(`restoring ${heading}`);
      const executed = await executePlan(graph, plan);
      output.result({ dryRun: false, snapshot, report: executed }, (value) => renderReport(value.report));
      return executed;
    });
    if (report && report.failed.length > 0) {
      const attempted = report.failed.length + report.written.length;
      throw new CliError(
        `${report.failed.length} of ${attempted} writes failed`,
        report.written.length > 0 ? ExitCode.partial : ExitCode.failed,
      );
    }
  } finally {
    await graph.close();
  }
}
