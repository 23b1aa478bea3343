// Job throughput benchmark: backup jobs per minute that one and two worker processes of a
// scale-out deployment finish, on PostgreSQL, for many small tenants.
// Run: node --import tsx bench/service/job-throughput.ts   (BENCH_TENANTS, default 20;
// BENCH_TENANT_USERS, default 300; BENCH_PROCESSES, default "1,2"; BENCH_CONCURRENCY,
// backups per process, default serve's own 2; BENCH_POSTGRES_URL, the server's maintenance
// database, default postgres://postgres@127.0.0.1:5432/postgres). Prints one JSON
// document on stdout, a table on stderr.
//
// Processes: the sandbox (bench/directory/sandbox.ts, throttling on) with the tenants; per
// worker count, a fresh PostgreSQL database and data directory, the tenants connected, and
// that many `tenantvault serve --role worker` processes (compiled). This process enqueues
// one backup job per tenant, as "Back up now" does, and reads the jobs' records until all
// have finished: a round of first (full) backups, then, after ~1% of each tenant changed, a
// round of incremental ones.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { enqueueRequest, JOB_NAMES } from '../../src/service/jobs/requests.js';
import { openJobQueue } from '../../src/service/queue/open.js';
import { FINISHED_STATES, type Job, type JobQueue } from '../../src/service/queue/types.js';
import type { Organization } from '../../src/service/organizations/organizations.js';
import { compileEntries, SandboxProcess } from '../directory/processes.js';
import { objectCount, type SandboxConnection, type TenantCounts } from '../directory/protocol.js';
import { cpuSeconds, uptime } from './machine.js';
import { ServeProcess } from './serve-process.js';
import { ServiceHome } from './service-home.js';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 20);
const TENANT_USERS = Number(process.env.BENCH_TENANT_USERS ?? 300);
const PROCESSES = (process.env.BENCH_PROCESSES ?? '1,2').split(',').map(Number);
const CONCURRENCY = process.env.BENCH_CONCURRENCY ? Number(process.env.BENCH_CONCURRENCY) : undefined;
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CHANGED_SHARE = 0.01;
const ROUND_TIMEOUT_MS = 15 * 60_000;
const POLL_MS = 500;

interface Round {
  jobs: number;
  states: Record<string, number>;
  /** From the first job enqueued to the last one finished. */
  wallMs: number;
  jobsPerMinute: number;
  /** Each job from its start to its finish. */
  jobMs: { median: number; max: number };
  /** Each job from enqueued to started. */
  waitMs: { median: number; max: number };
  /** Where the jobs' time went, from their log lines: seconds per job on average, by phase. */
  phaseSeconds: Record<string, number>;
  /** CPU seconds used during the round: the worker processes, the sandbox, PostgreSQL (this database's sessions). */
  cpuSeconds: { workers: number; sandbox: number; postgres: number };
  /** Their sum over the round's time. */
  coresBusy: number;
  uptimeAfter: string;
}

interface WorkersResult {
  processes: number;
  uptimeBefore: string;
  full: Round;
  incremental: Round;
}

/** Runs statements on the PostgreSQL server's maintenance database. */
async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** CPU seconds the server's sessions on `database` have used (sessions gone meanwhile are not counted). */
function postgresCpu(database: string): Promise<number> {
  return onServer(async (client) => {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1',
      [database],
    );
    let sum = 0;
    for (const { pid } of rows) {
      try {
        sum += cpuSeconds(pid);
      } catch {
        // The session ended since.
      }
    }
    return sum;
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const ms = (from: string | null, to: string | null) => Date.parse(to ?? '') - Date.parse(from ?? '');

const STARTED = /^(\w+): started$/;
const TYPE_FINISHED = /^\w+: \d+ items, /;
const COMMITTED = /^snapshot \d+ committed/;

/**
 * A backup job's time by phase, from its log (lines are stamped when written): `start`
 * (the organization, a Graph token, the repository opened, the previous snapshot found),
 * each object type, `commit + catalog` (after a type until the next one; after the last,
 * the snapshot committed and recorded in the catalog) and `finish` (the job's end written).
 */
async function phasesOf(queue: JobQueue, job: Job): Promise<Record<string, number>> {
  const phases: Record<string, number> = {};
  let phase = 'start';
  let since = Date.parse(job.startedAt ?? '');
  const enter = (next: string, at: number) => {
    phases[phase] = (phases[phase] ?? 0) + (at - since);
    phase = next;
    since = at;
  };
  for (const { at, line } of await queue.logs(job.id)) {
    const started = STARTED.exec(line);
    if (started) enter(started[1] as string, Date.parse(at));
    else if (TYPE_FINISHED.test(line)) enter('commit + catalog', Date.parse(at));
    else if (COMMITTED.test(line)) enter('finish', Date.parse(at));
  }
  enter('', Date.parse(job.finishedAt ?? ''));
  return phases;
}

/** Seconds per job by phase, the longest first. */
async function phaseSeconds(queue: JobQueue, jobs: Job[]): Promise<Record<string, number>> {
  const total: Record<string, number> = {};
  for (const job of jobs) {
    for (const [phase, ms] of Object.entries(await phasesOf(queue, job)))
      total[phase] = (total[phase] ?? 0) + ms;
  }
  return Object.fromEntries(
    Object.entries(total)
      .sort(([, a], [, b]) => b - a)
      .map(([phase, ms]) => [phase, Math.round(ms / jobs.length / 100) / 10]),
  );
}

/** The jobs once all have finished, read with one query per poll (it counts in PostgreSQL's CPU). */
async function finished(queue: JobQueue, ids: string[]): Promise<Job[]> {
  const deadline = Date.now() + ROUND_TIMEOUT_MS;
  const wanted = new Set(ids);
  for (;;) {
    const recent = await queue.list({ name: JOB_NAMES.backup, limit: ids.length });
    const jobs = recent.filter((job) => wanted.has(job.id));
    if (jobs.length === ids.length && jobs.every((job) => FINISHED_STATES.includes(job.state))) return jobs;
    if (Date.now() > deadline) throw new Error('jobs still unfinished after the round timeout');
    await sleep(POLL_MS);
  }
}

/** One backup job per organization; measured until the last has finished. */
async function round(
  queue: JobQueue,
  organizations: Organization[],
  cpu: () => Promise<Round['cpuSeconds']>,
): Promise<Round> {
  const before = await cpu();
  // One after another, as "Back up now" clicks arrive.
  const ids: string[] = [];
  for (const organization of organizations) {
    ids.push((await enqueueRequest(queue, organization.id, { kind: 'backup' })).job.id);
  }
  const jobs = await finished(queue, ids);
  const after = await cpu();
  const first = Math.min(...jobs.map((job) => Date.parse(job.createdAt)));
  const last = Math.max(...jobs.map((job) => Date.parse(job.finishedAt ?? '')));
  const states: Record<string, number> = {};
  for (const job of jobs) states[job.state] = (states[job.state] ?? 0) + 1;
  const durations = jobs.map((job) => ms(job.startedAt, job.finishedAt));
  const waits = jobs.map((job) => ms(job.createdAt, job.startedAt));
  const cpuSeconds = Object.fromEntries(
    Object.entries(after).map(([key, value]) => [
      key,
      Math.round((value - before[key as keyof typeof before]) * 10) / 10,
    ]),
  ) as Round['cpuSeconds'];
  const cpuTotal = cpuSeconds.workers + cpuSeconds.sandbox + cpuSeconds.postgres;
  return {
    jobs: jobs.length,
    states,
    wallMs: last - first,
    jobsPerMinute: Math.round((jobs.length / ((last - first) / 60_000)) * 10) / 10,
    jobMs: { median: median(durations), max: Math.max(...durations) },
    waitMs: { median: median(waits), max: Math.max(...waits) },
    phaseSeconds: await phaseSeconds(queue, jobs),
    cpuSeconds,
    coresBusy: Math.round((cpuTotal / ((last - first) / 1000)) * 100) / 100,
    uptimeAfter: uptime(),
  };
}

async function measureWorkers(
  processes: number,
  sandbox: SandboxProcess,
  tenants: { connection: SandboxConnection; counts: TenantCounts }[],
  serveScript: string,
  work: string,
): Promise<WorkersResult> {
  // A fresh database and data directory: every round-one job is a first backup.
  const database = `tv_bench_jobs_${randomBytes(4).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE ${database}`));
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${database}`;
  const home = join(work, `home-${processes}`);
  mkdirSync(home);
  const workers: ServeProcess[] = [];
  let setup: ServiceHome | undefined;
  let queue: JobQueue | undefined;
  try {
    setup = await ServiceHome.open(home, sandbox.ready, url.toString());
    const organizations: Organization[] = [];
    for (const tenant of tenants) organizations.push(await setup.connect(tenant.connection));
    // Opened before the workers start, so pg-boss's schema exists when they do.
    queue = await openJobQueue(setup.database);
    for (let i = 0; i < processes; i++) {
      workers.push(
        await ServeProcess.start({
          script: serveScript,
          home,
          role: 'worker',
          database: url.toString(),
          workers: CONCURRENCY,
          sandbox: sandbox.ready,
          logFile: join(work, `worker-${processes}-${i}.log`),
        }),
      );
    }
    const cpu = async () => ({
      workers: workers.reduce((sum, worker) => sum + cpuSeconds(worker.pid), 0),
      sandbox: cpuSeconds(sandbox.pid),
      postgres: await postgresCpu(database),
    });
    const uptimeBefore = uptime();
    console.error(`job throughput bench: ${processes} worker process(es), first backups`);
    const full = await round(queue, organizations, cpu);
    for (const tenant of tenants) {
      const changes = Math.max(1, Math.round(objectCount(tenant.counts) * CHANGED_SHARE));
      await sandbox.ask({ kind: 'change', changes, tenantId: tenant.connection.tenantId });
    }
    console.error(`job throughput bench: ${processes} worker process(es), incremental backups`);
    const incremental = await round(queue, organizations, cpu);
    return { processes, uptimeBefore, full, incremental };
  } finally {
    for (const worker of workers) await worker.stop();
    await queue?.close();
    await setup?.close();
    await onServer((client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  }
}

function printTable(results: WorkersResult[]): void {
  const row = (cells: (string | number)[]) => console.error(`| ${cells.join(' | ')} |`);
  console.error(`\n${TENANTS} tenants of ${TENANT_USERS} users, one backup job each\n`);
  row([
    'worker processes',
    'backups',
    'jobs/min',
    'wall time',
    'job: median / max',
    'wait: median / max',
    'CPU s: workers / sandbox / PostgreSQL',
    'cores busy',
    'longest phases, s per job',
    'states',
  ]);
  row(['---:', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---', '---']);
  const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;
  for (const r of results) {
    for (const [kind, round] of [
      ['first (full)', r.full],
      ['incremental', r.incremental],
    ] as const) {
      row([
        r.processes,
        kind,
        round.jobsPerMinute,
        seconds(round.wallMs),
        `${seconds(round.jobMs.median)} / ${seconds(round.jobMs.max)}`,
        `${seconds(round.waitMs.median)} / ${seconds(round.waitMs.max)}`,
        `${round.cpuSeconds.workers} / ${round.cpuSeconds.sandbox} / ${round.cpuSeconds.postgres}`,
        round.coresBusy,
        Object.entries(round.phaseSeconds)
          .slice(0, 4)
          .map(([phase, value]) => `${phase} ${value}`)
          .join(', '),
        Object.entries(round.states)
          .map(([state, count]) => `${count} ${state}`)
          .join(', '),
      ]);
    }
  }
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'tenantvault-bench-jobs-'));
  let sandbox: SandboxProcess | undefined;
  try {
    console.error('job throughput bench: compiling');
    const [serveScript] = compileEntries(join(work, 'build'), ['src/cli/main.ts']) as [string];
    // The sandbox makes the first customer tenant ten times the size of the others; it is left out.
    sandbox = await SandboxProcess.start(TENANT_USERS * 10, 'on', join(work, 'pki'), TENANTS + 1);
    const tenants = [];
    for (const connection of sandbox.ready.tenants.slice(1)) {
      tenants.push({
        connection,
        counts: await sandbox.ask<TenantCounts>({ kind: 'counts', tenantId: connection.tenantId }),
      });
    }
    const results: WorkersResult[] = [];
    for (const processes of PROCESSES) {
      results.push(await measureWorkers(processes, sandbox, tenants, serveScript, work));
    }
    printTable(results);
    const document = {
      date: new Date().toISOString(),
      tenants: TENANTS,
      usersPerTenant: tenants.map((tenant) => tenant.counts.users),
      objectsPerTenant: tenants.map((tenant) => objectCount(tenant.counts)),
      backupsPerProcess: CONCURRENCY ?? 'serve default (2)',
      results,
    };
    process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  } finally {
    await sandbox?.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
