// `tenantvault entra diff` and `entra history`: what changed in a tenant's
// directory between two snapshots or since a snapshot in the live tenant (drift), and
// the versions of one object. With --json, diff writes JSON Lines (one changed item per
// line, then a summary line) so any size streams; history writes one document. The
// command line is src/cli/definitions/directory-compare.ts.
import type { Command } from 'commander';
import type { ChangeDetail, ComparedItem, ItemFilter } from '../../engine/directory/changes.js';
import { compareSnapshots } from '../../engine/directory/compare.js';
import { compareWithLive } from '../../engine/directory/drift.js';
import { organizationOf } from '../../engine/backup.js';
import { objectHistory, type ObjectHistory } from '../../engine/directory/history.js';
import { resolveSnapshotReference, type ReadableSnapshot } from '../../engine/snapshot-reference.js';
import { GraphClient } from '../../graph/index.js';
import { LOG_TYPES, type DirectoryType } from '../../workloads/directory/item.js';
import {
  cataloguedSnapshots,
  tenantOf,
  withBackupSources,
  type BackupSourceOptions,
} from '../directory-options.js';
import { UsageError } from '../exit-codes.js';
import type { Output } from '../output.js';
import { contextOf } from '../program.js';
import { graphConnectionOf, type TenantOptions } from '../tenant-options.js';

interface DiffOptions extends BackupSourceOptions, TenantOptions {
  from: string;
  to: string;
  live?: boolean;
  type?: DirectoryType[];
  id?: string[];
}

interface HistoryOptions extends BackupSourceOptions {
  changes?: boolean;
}

/** One side of a comparison as the summary names it. */
interface ComparedSide {
  seq: number;
  snapshotId: string;
  finishedAt: string | null;
}

/** The live tenant as the other side: when its reading began. */
interface LiveSide {
  live: true;
  readAt: string;
}

interface DiffSummary {
  from: ComparedSide;
  to: ComparedSide | LiveSide;
  added: number;
  removed: number;
  changed: number;
  /** Log entries the compared log days gained. */
  entriesAdded: number;
}

function sideOf(snapshot: ReadableSnapshot): ComparedSide {
  return { seq: snapshot.seq, snapshotId: snapshot.repositorySnapshotId, finishedAt: snapshot.finishedAt };
}

const MARKS: Record<ComparedItem['change'], string> = { added: '+', removed: '-', changed: '~' };
const MAX_VALUE_LENGTH = 120;

function valueText(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

/** The lines that say what changed: property old → new, relationship +added -removed, log entries. */
function detailLines(detail: ChangeDetail, indent: string): string[] {
  const properties = detail.properties ?? [];
  const relationships = detail.relationships ?? [];
  const width = Math.max(
    0,
    ...[...properties.map((p) => p.property), ...relationships.map((r) => r.relationship)].map(
      (name) => name.length,
    ),
  );
  const lines = [
    ...properties.map(
      (p) => `${indent}${p.property.padEnd(width)}  ${valueText(p.old)} → ${valueText(p.new)}`,
    ),
    ...relationships.map(
      (r) =>
        `${indent}${r.relationship.padEnd(width)}  ${[...r.added.map((id) => `+${id}`), ...r.removed.map((id) => `-${id}`)].join(' ')}`,
    ),
  ];
  if (detail.entries) {
    const { before, after } = detail.entries;
    const gained = after - before;
    lines.push(`${indent}entries  ${before} → ${after} (${gained >= 0 ? '+' : ''}${gained})`);
  }
  return lines;
}

/** The display name after an id, unless it says nothing more (a log day is named by its day). */
function nameAfter(id: string, displayName: string | null | undefined): string {
  return displayName && displayName !== id ? `  ${displayName}` : '';
}

function changeText(item: ComparedItem): string {
  const title = `${MARKS[item.change]} ${item.type} ${item.id}${nameAfter(item.id, item.displayName)}`;
  return [title, ...detailLines(item, '    ')].join('\n');
}

function sideText(side: ComparedSide | LiveSide): string {
  return 'live' in side
    ? `the live tenant (read from ${side.readAt})`
    : `snapshot ${side.seq} (${side.finishedAt ?? 'unfinished'})`;
}

function summaryText(summary: DiffSummary): string {
  const entries = summary.entriesAdded !== 0 ? `, ${summary.entriesAdded} log entries added` : '';
  return `${sideText(summary.from)} → ${sideText(summary.to)}: ${summary.added} added, ${summary.removed} removed, ${summary.changed} changed${entries}`;
}

/** Writes each compared item as it arrives and the summary last. */
async function reportChanges(
  output: Output,
  changes: AsyncIterable<ComparedItem>,
  sides: Pick<DiffSummary, 'from' | 'to'>,
): Promise<void> {
  const summary: DiffSummary = { ...sides, added: 0, removed: 0, changed: 0, entriesAdded: 0 };
  for await (const item of changes) {
    summary[item.change] += 1;
    if (item.entries) summary.entriesAdded += item.entries.after - item.entries.before;
    output.result(item, changeText);
  }
  output.result({ summary }, ({ summary }) => summaryText(summary));
}

function historyText(history: ObjectHistory): string {
  const newest = history.versions.at(-1);
  const lines = [`${history.type} ${history.id}${nameAfter(history.id, newest?.displayName)}`];
  history.versions.forEach((version, index) => {
    const previous = history.versions[index - 1];
    if (previous && version.firstSeenSeq > previous.lastSeenSeq + 1) {
      lines.push(`  (not in snapshots ${previous.lastSeenSeq + 1}-${version.firstSeenSeq - 1})`);
    }
    const seen = `seen ${version.firstSeenAt} to ${version.lastSeenAt}`;
    lines.push(
      `  snapshots ${version.firstSeenSeq}-${version.lastSeenSeq}  ${seen}${nameAfter(history.id, version.displayName)}`,
    );
    if (version.changes) {
      const details = detailLines(version.changes, '      ');
      lines.push(...(details.length > 0 ? details : ['      no change to show']));
    }
  });
  if (newest && newest.lastSeenSeq < history.latestSeq) {
    lines.push(`  (not in snapshots ${newest.lastSeenSeq + 1}-${history.latestSeq}: gone since)`);
  }
  return lines.join('\n');
}

/** `entra diff` */
export async function diff(options: DiffOptions, command: Command): Promise<void> {
  const { from: fromReference, to: toReference } = options;
  const { home, output } = contextOf(command);
  const filter: ItemFilter = {
    types: options.type && new Set(options.type),
    ids: options.id && new Set(options.id),
  };
  if (!options.live) {
    const tenantId = await tenantOf(options, home);
    await withBackupSources(home, options, async ({ catalog, repository }) => {
      const snapshots = await cataloguedSnapshots(catalog, tenantId);
      const from = resolveSnapshotReference(fromReference, snapshots);
      const to = resolveSnapshotReference(toReference, snapshots);
      const changes = compareSnapshots({ catalog, repository, tenantId, from, to, filter });
      await reportChanges(output, changes, { from: sideOf(from), to: sideOf(to) });
    });
    return;
  }
  const logTypes = options.type?.filter((type) => LOG_TYPES.has(type)) ?? [];
  if (logTypes.length > 0) {
    throw new UsageError(
      `${logTypes.join(', ')}: log entries are records, not state; compare snapshots to see the days they gained`,
    );
  }
  const graph = new GraphClient(await graphConnectionOf(options, home));
  try {
    await withBackupSources(home, options, async ({ catalog, repository }) => {
      // The catalog knows the tenant by its id, whatever name (a domain) the connection uses.
      const tenantId = (await organizationOf(graph)).id;
      const snapshot = resolveSnapshotReference(fromReference, await cataloguedSnapshots(catalog, tenantId));
      const readAt = new Date().toISOString();
      const changes = compareWithLive({ catalog, repository, tenantId, snapshot, graph, filter });
      await reportChanges(output, changes, { from: sideOf(snapshot), to: { live: true, readAt } });
    });
  } finally {
    await graph.close();
  }
}

/** `entra history` */
export async function history(
  type: DirectoryType,
  objectId: string,
  options: HistoryOptions,
  command: Command,
): Promise<void> {
  const { home, output } = contextOf(command);
  const tenantId = await tenantOf(options, home);
  await withBackupSources(home, options, async ({ catalog, repository }) => {
    // A tenant the catalog does not know at all is told how to fill it.
    await cataloguedSnapshots(catalog, tenantId);
    const history = await objectHistory({
      catalog,
      repository,
      tenantId,
      objectId,
      type,
      withChanges: Boolean(options.changes),
    });
    output.result(history, historyText);
  });
}
