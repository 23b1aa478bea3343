// One directory backup of the sandbox tenant, in a fresh process so its memory is its own:
// the repository and catalog are opened (created by the first run), then backupDirectory
// runs as `tenantvault directory backup` runs it, the heap's growth limited as the command
// limits it, with the Graph client's default settings (or, against a sandbox that does not
// throttle, without pacing). It prints one JSON line: wall time, requests overall and per
// type, memory.
// Run by run.ts: node --import tsx bench/directory/backup.ts '<BackupJob as JSON>'
import { readFileSync } from 'node:fs';
import { BACKUP_CACHE_KIB, Catalog } from '../../src/catalog/index.js';
import { limitHeapGrowth } from '../../src/cli/heap-growth.js';
import { backupDirectory } from '../../src/engine/backup.js';
import {
  DEFAULT_BUDGETS,
  GraphClient,
  type Budgets,
  type GraphClientOptions,
  type GraphCounterSnapshot,
} from '../../src/graph/index.js';
import { identityLimit } from '../../src/sandbox/graph/throttle.js';
import { FsBackend, Repository, RepositoryNotFoundError } from '../../src/repository/index.js';
import { LOG_TYPES, type DirectoryType } from '../../src/workloads/directory/item.js';
import type { BackupJob, BackupMeasure, Pacing, RequestCounts, TypeMeasure } from './protocol.js';

const SAMPLE_MS = 100;
const MB = 1024 * 1024;

type Scope = keyof GraphCounterSnapshot['byScope'];

/**
 * Requests between two counter snapshots; with `scopes`, only those drawing on these
 * budgets (the log types run alongside the others, on a budget of their own).
 */
function requestCounts(
  before: GraphCounterSnapshot,
  after: GraphCounterSnapshot,
  scopes?: (scope: Scope) => boolean,
): RequestCounts {
  const counts: RequestCounts = {
    http: scopes ? 0 : after.requests - before.requests,
    graph: 0,
    throttled: 0,
  };
  for (const [scope, outcomes] of Object.entries(after.byScope) as [Scope, GraphCounterSnapshot][]) {
    if (scopes && !scopes(scope)) continue;
    const earlier = before.byScope[scope];
    const since = (outcome: 'requests' | 'ok' | 'failed' | 'deltaExpired' | 'retried' | 'throttled') =>
      outcomes[outcome] - (earlier?.[outcome] ?? 0);
    if (scopes) counts.http += since('requests');
    // Each attempt ends answered, failed (a refused delta link included) or to be retried; a $batch's own attempts are HTTP round trips.
    if (scope !== 'batch')
      counts.graph += since('ok') + since('failed') + since('deltaExpired') + since('retried');
    counts.throttled += since('throttled');
  }
  return counts;
}

/** The budgets a type's requests draw on: the log types' own, or everything else. */
const scopesOf =
  (type: DirectoryType) =>
  (scope: Scope): boolean =>
    LOG_TYPES.has(type) === (scope === 'auditLogs');

function clientOptions(pacing: Pacing, tenantUsers: number): GraphClientOptions {
  if (pacing === 'product') return {};
  if (pacing === 'tenant')
    return { budgets: { identity: { ...DEFAULT_BUDGETS.identity, limit: identityLimit(tenantUsers) } } };
  // Budgets no backup reaches: the client sends as fast as its concurrency allows. Not
  // sized by the tenant either, or the identity budget would be the tenant's again.
  const budgets = { ...DEFAULT_BUDGETS };
  for (const kind of Object.keys(budgets) as (keyof Budgets)[])
    budgets[kind] = { ...budgets[kind], limit: Number.MAX_SAFE_INTEGER };
  return { budgets, sizeIdentityBudget: false };
}

const mb = (bytes: number) => Math.round(bytes / MB);

/** The highest resident set sampled every 100 ms: overall, and in phases (a type, the catalog recording). */
class RssPeaks {
  private overall = 0;
  private phase = 0;
  private readonly timer = setInterval(() => this.sample(), SAMPLE_MS);

  /** The peak since the last call, in MB; a new phase begins. */
  phaseEnded(): number {
    this.sample();
    const peak = this.phase;
    this.phase = 0;
    return mb(peak);
  }

  /** The peak of the whole run, in MB. */
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return mb(this.overall);
  }

  private sample(): void {
    const { rss } = process.memoryUsage();
    this.overall = Math.max(this.overall, rss);
    this.phase = Math.max(this.phase, rss);
  }
}

function vmHwmMb(): number {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

async function openRepository(job: BackupJob): Promise<Repository> {
  const backend = new FsBackend(job.repositoryDir);
  try {
    return await Repository.open(backend, job.password);
  } catch (error) {
    if (!(error instanceof RepositoryNotFoundError)) throw error;
    return Repository.init(backend, job.password);
  }
}

async function main(): Promise<void> {
  // As the tenantvault command runs backups.
  limitHeapGrowth();
  const job = JSON.parse(process.argv[2] as string) as BackupJob;
  const { connection } = job;
  const repository = await openRepository(job);
  const catalog = Catalog.open(job.catalogPath, { sqliteCacheKiB: BACKUP_CACHE_KIB });
  await catalog.migrate();
  const graph = new GraphClient(
    {
      tenantId: connection.tenantId,
      authority: connection.authority,
      graphBaseUrl: connection.graphBaseUrl,
      clientId: connection.clientId,
      credential: { kind: 'secret', secret: connection.clientSecret },
      extraCaPem: readFileSync(connection.caPath, 'utf8'),
    },
    clientOptions(job.pacing, job.tenantUsers),
  );
  const baselineRssMb = mb(process.memoryUsage().rss);
  const peaks = new RssPeaks();
  // The catalog begins recording once the repository snapshot is committed.
  let recordingAt: number | undefined;
  const beginSnapshot = catalog.beginSnapshot.bind(catalog);
  catalog.beginSnapshot = (input) => {
    recordingAt = performance.now();
    peaks.phaseEnded();
    return beginSnapshot(input);
  };
  const types: Partial<Record<DirectoryType, TypeMeasure>> = {};
  const typeStarts = new Map<DirectoryType, { at: number; counters: GraphCounterSnapshot }>();
  let firstTypeAt: number | undefined;
  let lastTypeAt = 0;
  const started = performance.now();
  const before = graph.counters();
  await backupDirectory({
    graph,
    repository,
    catalog,
    onProgress: (event) => {
      if (event.kind === 'typeStarted') {
        const at = performance.now();
        typeStarts.set(event.type, { at, counters: graph.counters() });
        firstTypeAt ??= at;
        peaks.phaseEnded();
      }
      if (event.kind === 'typeFinished') {
        lastTypeAt = performance.now();
        const start = typeStarts.get(event.type)!;
        types[event.type] = {
          summary: event.summary,
          ms: Math.round(lastTypeAt - start.at),
          requests: requestCounts(start.counters, graph.counters(), scopesOf(event.type)),
          // With the log types alongside, the peak of the time since the previous type event.
          peakRssMb: peaks.phaseEnded(),
        };
      }
    },
  });
  const ended = performance.now();
  const catalogPeakRssMb = peaks.phaseEnded();
  const measure: BackupMeasure = {
    wallMs: Math.round(ended - started),
    beforeTypesMs: Math.round((firstTypeAt ?? ended) - started),
    commitMs: Math.round((recordingAt ?? ended) - lastTypeAt),
    catalogMs: Math.round(ended - (recordingAt ?? ended)),
    requests: requestCounts(before, graph.counters()),
    types,
    baselineRssMb,
    peakRssMb: peaks.stop(),
    catalogPeakRssMb,
    vmHwmMb: vmHwmMb(),
  };
  await catalog.close();
  await graph.close();
  process.stdout.write(`${JSON.stringify(measure)}\n`);
}

await main();
