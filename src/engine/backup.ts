// One backup of a tenant's Entra ID directory. The repository snapshot is written type by
// type: selected types from Graph (by delta, listing or log watermark), the others
// carried from the previous snapshot so the snapshot stays complete. The directory types
// are read one after another in DIRECTORY_TYPES order; the log types, which Graph
// throttles on a budget of their own, alongside them through a second writer, their items
// joining the snapshot after the directory types'. Its meta, with the summary and the
// state the next backup continues from, is committed last; then the catalog records it. A
// type whose Graph reads fail is carried and makes the snapshot partial; any other
// failure (repository, catalog, credentials) aborts the snapshot, so a failed backup
// writes nothing visible and loses nothing.
import type { Catalog } from '../catalog/index.js';
import type { GraphClient, GraphCounterSnapshot } from '../graph/index.js';
import type { Repository, SnapshotSummary } from '../repository/index.js';
import {
  backupType,
  carryType,
  type ItemSink,
  type ObjectChange,
  type TypeBackupInput,
} from '../workloads/directory/backup.js';
import { ownerTypeOf } from '../workloads/directory/types/index.js';
import {
  BACKUP_TOGGLES,
  DIRECTORY_TYPES,
  DIRECTORY_WORKLOAD,
  LOG_TYPES,
  typesOfToggle,
  type BackupToggle,
  type DirectoryType,
} from '../workloads/directory/item.js';
import type {
  DirectorySnapshotMeta,
  DirectorySnapshotState,
  DirectorySnapshotSummary,
  RequestSummary,
  TypeSummary,
} from '../workloads/directory/snapshot-meta.js';
import { finishInterruptedRecording, recordSnapshot } from './catalog-recording.js';
import { runBranches, type Branch, type TypeResult } from './branches.js';
import { findPreviousSnapshot, type PreviousSnapshot } from './previous-snapshot.js';
import { SideWriter } from './side-writer.js';
import { SnapshotChanges } from './snapshot-changes.js';

export type BackupProgress =
  | { kind: 'typeStarted'; type: DirectoryType }
  | { kind: 'items'; type: DirectoryType; items: number }
  | { kind: 'typeFinished'; type: DirectoryType; summary: TypeSummary };

export interface DirectoryBackupOptions {
  graph: GraphClient;
  repository: Repository;
  catalog: Catalog;
  /** What to read from Graph (default: every toggle); the other types are carried. */
  toggles?: readonly BackupToggle[];
  /** How often a type read by delta is listed whole instead (default a week; see DirectorySnapshotState). */
  fullListingIntervalMs?: number;
  /** A log day's new entries held in memory before the rest are sorted on disk (default 16 MiB). */
  logDayMemoryBytes?: number;
  onProgress?(event: BackupProgress): void;
}

export interface DirectoryBackupResult {
  /** The snapshot's number in the catalog. */
  seq: number;
  snapshotId: string;
  meta: DirectorySnapshotMeta;
}

/** Every selected type failed: there is nothing new to keep, so no snapshot is written. */
export class DirectoryBackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DirectoryBackupError';
  }
}

/** A week: the stale relationships delta leaves are mended within one. */
export const FULL_LISTING_INTERVAL_MS = 7 * 24 * 60 * 60 * 1000;

export interface Organization {
  id: string;
  displayName: string;
}

/** The tenant as Graph names it; its id (not a domain the connection may use) keys the catalog. */
export async function organizationOf(graph: GraphClient): Promise<Organization> {
  const answer = await graph.get<{ value?: { id?: string; displayName?: string | null }[] }>(
    '/organization',
    {
      $select: 'id,displayName',
    },
  );
  const organization = answer.value?.[0];
  if (!organization?.id) throw new Error('Graph returned no organization for the tenant');
  return { id: organization.id, displayName: organization.displayName ?? organization.id };
}

function requestsSince(before: GraphCounterSnapshot, after: GraphCounterSnapshot): RequestSummary {
  return {
    ok: after.ok - before.ok,
    throttled: after.throttled - before.throttled,
    retried: after.retried - before.retried,
    failed: after.failed - before.failed,
    expiredDeltaLinks: after.deltaExpired - before.deltaExpired,
  };
}

interface TypesOutcome {
  types: DirectorySnapshotSummary['types'];
  state: DirectorySnapshotState;
}

/** What every type of one backup shares. */
interface BackupContext {
  options: DirectoryBackupOptions;
  selected: ReadonlySet<DirectoryType>;
  startedAt: Date;
  changes: SnapshotChanges | undefined;
  /** Per owner type read by delta in this backup, the owners it reported (devices for BitLocker keys). */
  ownerChanges: Map<DirectoryType, ReadonlySet<string>>;
}

async function backupOneType(
  context: BackupContext,
  type: DirectoryType,
  { sink, previous }: Branch,
): Promise<TypeResult> {
  const { options, selected, startedAt, changes, ownerChanges } = context;
  const { graph, onProgress } = options;
  const fullListingIntervalMs = options.fullListingIntervalMs ?? FULL_LISTING_INTERVAL_MS;
  const covered = previous?.state.types.includes(type) === true;
  // A covered type is given all its previous items, so whatever it does not report changed it carried.
  if (covered) changes?.carries(type);
  onProgress?.({ kind: 'typeStarted', type });
  const listedAt = previous?.state.fullListings[type];
  const listingDue =
    listedAt === undefined || startedAt.getTime() - Date.parse(listedAt) >= fullListingIntervalMs;
  const ownerType = ownerTypeOf(type);
  const input: TypeBackupInput = {
    graph,
    sink,
    previous: covered ? previous : undefined,
    // Without a delta link the type is listed whole (and gets a fresh link).
    deltaLink: covered && !listingDue ? previous?.state.deltaLinks[type] : undefined,
    watermark: covered ? previous?.state.logWatermarks[type] : undefined,
    // Without the owners' changes the type is listed whole. Owner types run earlier in the
    // same branch (devices before BitLocker keys).
    ownerChanges: covered && !listingDue && ownerType ? ownerChanges.get(ownerType) : undefined,
    logDayMemoryBytes: options.logDayMemoryBytes,
    onItems: (items) => onProgress?.({ kind: 'items', type, items }),
  };
  const outcome = selected.has(type) ? await backupType(type, input) : await carryType(type, input);
  if (outcome.ownerChanges) ownerChanges.set(type, outcome.ownerChanges);
  onProgress?.({ kind: 'typeFinished', type, summary: outcome.summary });
  return { outcome, covered };
}

/** The summary and the state for next time, in DIRECTORY_TYPES order whatever order the types ended in. */
function typesOutcome(
  results: ReadonlyMap<DirectoryType, TypeResult>,
  startedAt: Date,
  previous: PreviousSnapshot | undefined,
): TypesOutcome {
  const types: DirectorySnapshotSummary['types'] = {};
  const state: DirectorySnapshotState = { deltaLinks: {}, logWatermarks: {}, fullListings: {}, types: [] };
  for (const type of DIRECTORY_TYPES) {
    const result = results.get(type);
    if (!result) continue;
    const { outcome, covered } = result;
    types[type] = outcome.summary;
    if (outcome.deltaLink) state.deltaLinks[type] = outcome.deltaLink;
    const { mode, error } = outcome.summary;
    const listedWhole = mode === 'full' && error === null;
    const fullListing = listedWhole ? startedAt.toISOString() : previous?.state.fullListings[type];
    // A type listed by owner continues only from a snapshot it read without error: owners
    // changed while it failed or was carried would never be reported again.
    const continues = ownerTypeOf(type)
      ? error === null && mode !== 'carried'
      : outcome.deltaLink !== undefined;
    if (continues && fullListing) state.fullListings[type] = fullListing;
    if (outcome.watermark) state.logWatermarks[type] = outcome.watermark;
    // A type that failed before any snapshot held all of it is still not covered.
    if (outcome.summary.error === null || covered) state.types.push(type);
  }
  return { types, state };
}

/** The types of each branch, in DIRECTORY_TYPES order. */
const OBJECT_TYPES = DIRECTORY_TYPES.filter((type) => !LOG_TYPES.has(type));
const LOG_TYPES_IN_ORDER = DIRECTORY_TYPES.filter((type) => LOG_TYPES.has(type));

/** The branch of the types to run that are among `types`, with a reader of the previous snapshot for those. */
function branchOf(
  run: readonly DirectoryType[],
  types: readonly DirectoryType[],
  sink: ItemSink,
  previous: PreviousSnapshot | undefined,
): Branch {
  return { types: run.filter((type) => types.includes(type)), sink, previous: previous?.readerOf(types) };
}

export async function backupDirectory(options: DirectoryBackupOptions): Promise<DirectoryBackupResult> {
  const { graph, repository, catalog } = options;
  const startedAt = new Date();
  const requestsBefore = graph.counters();
  const tenant = await organizationOf(graph);
  await finishInterruptedRecording(catalog, repository, tenant.id, DIRECTORY_WORKLOAD);
  const previous = await findPreviousSnapshot(catalog, repository, tenant.id);
  const selected = new Set((options.toggles ?? BACKUP_TOGGLES).flatMap(typesOfToggle));

  const run = DIRECTORY_TYPES.filter(
    (type) => selected.has(type) || previous?.state.types.includes(type) === true,
  );
  const changes = previous && new SnapshotChanges(previous.snapshot.id);
  const changed = (change: ObjectChange) => changes?.note(change);

  const writer = await repository.startSnapshot({ tags: [tenant.id, DIRECTORY_WORKLOAD] });
  let logWriter: SideWriter | undefined;
  let meta: DirectorySnapshotMeta;
  let snapshot: SnapshotSummary;
  try {
    // The log types draw on a Graph budget of their own (identity reports), so they are
    // read alongside the directory types, into a writer of their own.
    logWriter = run.some((type) => LOG_TYPES.has(type)) ? await SideWriter.start(repository) : undefined;
    const directorySink: ItemSink = { addItem: (item) => writer.addItem(item), changed };
    const branches = [
      branchOf(run, OBJECT_TYPES, directorySink, previous),
      ...(logWriter ? [branchOf(run, LOG_TYPES_IN_ORDER, logWriter.sink(changed), previous)] : []),
    ];
    const context: BackupContext = { options, selected, startedAt, changes, ownerChanges: new Map() };
    const results = await runBranches(branches, (type, branch) => backupOneType(context, type, branch));
    await logWriter?.addTo(writer);
    const { types, state } = typesOutcome(results, startedAt, previous);
    const failed = [...selected].filter((type) => types[type]?.error);
    if (failed.length === selected.size) {
      const reasons = failed.map((type) => `${type}: ${types[type]?.error}`).join('; ');
      throw new DirectoryBackupError(`every selected type failed, so no snapshot was written (${reasons})`);
    }
    meta = {
      tenantId: tenant.id,
      workload: DIRECTORY_WORKLOAD,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      status: failed.length > 0 ? 'partial' : 'succeeded',
      tenantDisplayName: tenant.displayName,
      summary: { types, requests: requestsSince(requestsBefore, graph.counters()) },
      state,
    };
    // The meta, with the outcome, goes into the manifest, which is written last.
    snapshot = await writer.commit({ ...meta });
  } catch (error) {
    await logWriter?.abort();
    await writer.abort();
    throw error;
  }
  const seq = await recordSnapshot(catalog, repository, snapshot, meta, changes);
  return { seq, snapshotId: snapshot.id, meta };
}
