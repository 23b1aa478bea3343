// Directory (Entra ID) backup benchmark: requests against the minimum, wall time against
// the least time Graph's throttling allows, the cost of a backup after 1% of the tenant
// changed, and the backup process's peak memory, by tenant size.
// Run: node --import tsx bench/directory/run.ts [users[:mode] ...]
//   default 1000 10000 100000:off. Modes: on (the sandbox throttles at Graph's limits,
//   factor 1; the client paces itself as the product does: identity reads at the budget
//   of the tenant's size, which it counts), sized (throttling on; the identity budget of
//   the tenant's size given to the client explicitly) or off (neither throttles
//   nor paces: the backup's own speed). Each size gets a fresh sandbox process
//   (sandbox.ts, through tsx) and each backup a fresh process (backup.ts, compiled first
//   as the product ships, so no TypeScript loader sits in the memory measured).
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_BUDGETS } from '../../src/graph/scopes.js';
import { DEFAULT_UTILIZATION } from '../../src/graph/gate.js';
import { identityLimit } from '../../src/sandbox/graph/throttle.js';
import { DIRECTORY_TYPES, type DirectoryType } from '../../src/workloads/directory/item.js';
import { minimumOf, minimumTimesMs, type Minimum } from './minimum.js';
import { compileBackup, runBackup, SandboxProcess } from './processes.js';
import {
  objectCount,
  type BackupJob,
  type BackupMeasure,
  type ChangesApplied,
  type Pacing,
  type ServedRequests,
  type TenantCounts,
} from './protocol.js';

const DEFAULT_SIZES = ['1000', '10000', '100000:off'];
const MODES: Record<string, { throttle: 'on' | 'off'; pacing: Pacing; label: string }> = {
  on: { throttle: 'on', pacing: 'product', label: 'on' },
  sized: { throttle: 'on', pacing: 'tenant', label: 'on, tenant budget given to the client' },
  off: { throttle: 'off', pacing: 'none', label: 'off' },
};
const CHANGED_SHARE = 0.01;

interface Run {
  measure: BackupMeasure;
  served: ServedRequests;
}

interface SizeResult {
  users: number;
  mode: (typeof MODES)[string];
  startMs: number;
  counts: TenantCounts;
  minimum: Minimum;
  minimumMs: Partial<Record<string, number>>;
  full: Run;
  changes: number;
  applied: ChangesApplied;
  incremental: Run;
  loadBefore: number;
  loadAfter: number;
}

async function measureSize(
  users: number,
  mode: (typeof MODES)[string],
  work: string,
  backupScript: string,
): Promise<SizeResult> {
  const loadBefore = loadavg()[0] as number;
  // The CA and keys are made once and reused, as on any sandbox start after the first.
  const sandbox = await SandboxProcess.start(users, mode.throttle, join(work, 'pki'));
  const dir = mkdtempSync(join(work, 'backup-'));
  try {
    const counts = await sandbox.ask<TenantCounts>({ kind: 'counts' });
    const job: BackupJob = {
      connection: sandbox.ready.connection,
      repositoryDir: join(dir, 'repository'),
      catalogPath: join(dir, 'catalog.sqlite'),
      password: 'bench directory backup',
      pacing: mode.pacing,
      tenantUsers: counts.users,
    };
    await sandbox.ask<ServedRequests>({ kind: 'served' });
    const full = {
      measure: await runBackup(backupScript, job),
      served: await sandbox.ask<ServedRequests>({ kind: 'served' }),
    };
    const changes = Math.round(objectCount(counts) * CHANGED_SHARE);
    const applied = await sandbox.ask<ChangesApplied>({ kind: 'change', changes });
    const incremental = {
      measure: await runBackup(backupScript, job),
      served: await sandbox.ask<ServedRequests>({ kind: 'served' }),
    };
    const minimum = minimumOf(counts, full.served);
    return {
      users,
      mode,
      startMs: sandbox.ready.startMs,
      counts,
      minimum,
      minimumMs: minimumTimesMs(minimum.budgets, counts.users),
      full,
      changes,
      applied,
      incremental,
      loadBefore,
      loadAfter: loadavg()[0] as number,
    };
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const number = (value: number) => Math.round(value).toLocaleString('en');
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
const ratio = (used: number, minimum: number) => `${(used / minimum).toFixed(3)}x`;

function resourceUnits(served: ServedRequests): number {
  return served.endpoints.reduce((sum, endpoint) => sum + endpoint.resourceUnits, 0);
}

function servedIn(served: ServedRequests, scope: string): number {
  return served.endpoints
    .filter((endpoint) => endpoint.scope === scope)
    .reduce((sum, e) => sum + e.requests, 0);
}

/** Where the resident set peaked: a type, or the catalog recording the snapshot. */
function peakPhase(measure: BackupMeasure): string {
  let phase = { name: 'catalog', peak: measure.catalogPeakRssMb };
  for (const [name, type] of Object.entries(measure.types))
    if (type.peakRssMb > phase.peak) phase = { name, peak: type.peakRssMb };
  return phase.name;
}

/** HTTP requests of the types read by listing them whole: those Graph has no delta for. */
function listedWhole(measure: BackupMeasure): number {
  return Object.values(measure.types)
    .filter((type) => type.summary.mode === 'full')
    .reduce((sum, type) => sum + type.requests.http, 0);
}

/** The least time the client's own identity pacing allows for what it sent (none when it does not pace). */
function clientPaceMs(r: SizeResult): number {
  if (r.mode.pacing === 'none') return 0;
  // The product's client counts the tenant's users and paces at their budget, as `sized` does.
  const units = identityLimit(r.counts.users) * DEFAULT_UTILIZATION;
  return (Math.max(0, resourceUnits(r.full.served) - units) / units) * DEFAULT_BUDGETS.identity.windowMs;
}

function printTables(results: SizeResult[]): void {
  const row = (cells: string[]) => console.log(`| ${cells.join(' | ')} |`);
  const header = (cells: string[]) => {
    row(cells);
    console.log(`|${cells.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
  };

  console.log('\nFull backup: requests against the minimum\n');
  header([
    'users',
    'objects (+ log entries)',
    'HTTP requests',
    'minimum',
    'Graph requests',
    'minimum',
    'identity RU',
    'minimum',
  ]);
  for (const r of results) {
    const logs = r.counts.signInLogs + r.counts.auditLogs;
    const { http, graph } = r.full.measure.requests;
    row([
      number(r.users),
      `${number(objectCount(r.counts))} (+ ${number(logs)})`,
      `${number(http)} (${ratio(http, r.minimum.http)})`,
      number(r.minimum.http),
      `${number(graph)} (${ratio(graph, r.minimum.graph)})`,
      number(r.minimum.graph),
      `${number(resourceUnits(r.full.served))} (${ratio(resourceUnits(r.full.served), r.minimum.budgets.identity ?? 1)})`,
      number(r.minimum.budgets.identity ?? 0),
    ]);
  }

  console.log('\nFull backup: wall time against the least time throttling allows\n');
  header([
    'users',
    'throttling',
    'wall time',
    'commit',
    'catalog',
    'throttled',
    'least time: identity',
    'audit logs',
    'client pace',
    'load',
  ]);
  for (const r of results) {
    const { measure } = r.full;
    row([
      number(r.users),
      r.mode.label,
      seconds(measure.wallMs),
      seconds(measure.commitMs),
      seconds(measure.catalogMs),
      number(measure.requests.throttled),
      seconds(r.minimumMs.identity ?? 0),
      seconds(r.minimumMs.auditLogs ?? 0),
      seconds(clientPaceMs(r)),
      `${r.loadBefore.toFixed(1)} → ${r.loadAfter.toFixed(1)}`,
    ]);
  }

  console.log('\nAfter ~1% of objects changed, and memory\n');
  header([
    'users',
    'changes',
    'HTTP requests',
    'of them: types listed whole',
    'Graph requests',
    'identity RU',
    'audit-log requests',
    'wall time',
    'commit',
    'catalog',
  ]);
  for (const r of results) {
    const { measure, served } = r.incremental;
    row([
      number(r.users),
      number(r.changes),
      number(measure.requests.http),
      number(listedWhole(measure)),
      number(measure.requests.graph),
      number(resourceUnits(served)),
      number(servedIn(served, 'auditLogs')),
      seconds(measure.wallMs),
      seconds(measure.commitMs),
      seconds(measure.catalogMs),
    ]);
  }

  console.log('\nMemory of the backup process (resident set)\n');
  header(['users', 'before the backup', 'full: peak', 'reached in', 'incremental: peak', 'reached in']);
  for (const r of results) {
    row([
      number(r.users),
      `${r.full.measure.baselineRssMb} MB`,
      `${r.full.measure.peakRssMb} MB`,
      peakPhase(r.full.measure),
      `${r.incremental.measure.peakRssMb} MB`,
      peakPhase(r.incremental.measure),
    ]);
  }

  for (const r of results) {
    console.log(`\nPer type, ${number(r.users)} users (throttling ${r.mode.label})\n`);
    header([
      'type',
      'objects',
      'full: HTTP',
      'minimum',
      'Graph',
      'minimum',
      'time',
      'peak RSS',
      'incremental: HTTP',
      'Graph',
      'added / changed / removed',
      'time',
    ]);
    for (const type of DIRECTORY_TYPES) {
      const full = r.full.measure.types[type];
      const incremental = r.incremental.measure.types[type];
      if (!full || !incremental) continue;
      const minimum = r.minimum.perType[type as DirectoryType];
      const { added, changed, removed } = incremental.summary;
      row([
        type,
        number(r.counts[type]),
        number(full.requests.http),
        number(minimum.http),
        number(full.requests.graph),
        number(minimum.graph),
        seconds(full.ms),
        `${full.peakRssMb} MB`,
        number(incremental.requests.http),
        number(incremental.requests.graph),
        `${added} / ${changed} / ${removed}`,
        seconds(incremental.ms),
      ]);
    }
  }
}

async function main(): Promise<void> {
  const sizes = (process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_SIZES).map((size) => {
    const [users, name = 'on'] = size.split(':');
    const mode = MODES[name];
    if (!mode) throw new Error(`the mode is one of ${Object.keys(MODES).join(', ')}, not '${name}'`);
    return { users: Number(users), mode };
  });
  const work = mkdtempSync(join(tmpdir(), 'tenantvault-bench-directory-'));
  const results: SizeResult[] = [];
  try {
    const backupScript = compileBackup(join(work, 'build'));
    for (const { users, mode } of sizes) {
      console.error(`directory backup bench: ${number(users)} users, throttling ${mode.label}`);
      const result = await measureSize(users, mode, work, backupScript);
      results.push(result);
      console.error(JSON.stringify(result));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  printTables(results);
}

await main();
