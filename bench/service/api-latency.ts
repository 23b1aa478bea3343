// API latency benchmark: how fast the service answers the Entra ID backup routes people and
// automation use — snapshots, type counts, object lists (pages, search), one object, its
// history, and the diff of the last two snapshots — for a tenant of 100,000 users.
// Run: node --import tsx bench/service/api-latency.ts   (BENCH_USERS, BENCH_REQUESTS,
// BENCH_ROUTE_SECONDS and BENCH_CLIENTS shrink or widen it; BENCH_PROFILE=<dir> writes the
// API process's CPU profile there). Prints one JSON document on stdout, a table on stderr.
//
// Processes: the sandbox (bench/directory/sandbox.ts) with one customer tenant; two backups
// of it (bench/directory/backup.ts, unpaced, ~1% of the tenant changed between them) into
// the organization's repository and catalog; then `tenantvault serve --role api`
// (compiled, embedded SQLite, the sandbox stopped) answering this process, the load client,
// over HTTP with an API token.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileEntries, runBackup, SandboxProcess } from '../directory/processes.js';
import { objectCount, type BackupJob, type BackupMeasure, type TenantCounts } from '../directory/protocol.js';
import { LoadClient, type Latencies } from './load-client.js';
import { cpuSeconds, uptime } from './machine.js';
import { ServeProcess } from './serve-process.js';
import { ServiceHome } from './service-home.js';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
/** A slow route gets fewer requests: at most this long per route, one client or several. */
const ROUTE_MS = Number(process.env.BENCH_ROUTE_SECONDS ?? 45) * 1000;
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const PROFILE_DIR = process.env.BENCH_PROFILE;
const WARM_UP = 10;
/** Pages walked to reach the middle of a list: the API's largest. */
const WALK_PAGE_SIZE = 200;
const CHANGED_SHARE = 0.01;
const GOAL_P95_MS = 100;

interface Route {
  name: string;
  path: string;
}

interface RouteResult {
  name: string;
  /** The path with the organization and object ids left out, page tokens elided. */
  route: string;
  sequential: Latencies & { serverCpuMsPerRequest: number };
  concurrent: Latencies & { serverCpuMsPerRequest: number };
}

interface Page<T> {
  items: T[];
  nextPageToken: string | null;
}

type Item = { type: string; id: string; displayName: string | null };
type Change = Item & { change: 'added' | 'removed' | 'changed' };

const withQuery = (path: string, query: string) => `${path}${path.includes('?') ? '&' : '?'}${query}`;

/**
 * The page that starts about halfway through a list (the first when there is only one),
 * reached by paging in the largest pages; `length` when known saves walking the rest.
 */
async function middlePage(
  client: LoadClient,
  path: string,
  length?: number,
): Promise<{ path: string; items: number }> {
  const tokens: { token: string; after: number }[] = [];
  let seen = 0;
  let token: string | null = null;
  do {
    const query: string = `pageSize=${WALK_PAGE_SIZE}${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`;
    const page: Page<unknown> = await client.json(withQuery(path, query));
    seen += page.items.length;
    token = page.nextPageToken;
    if (token) tokens.push({ token, after: seen });
  } while (token && (length === undefined || seen < length / 2));
  const items = length ?? seen;
  const middle = tokens.find((entry) => entry.after >= items / 2);
  return { path: middle ? withQuery(path, `pageToken=${encodeURIComponent(middle.token)}`) : path, items };
}

/** The routes measured, with the ids and page tokens they need found through the API itself. */
async function chooseRoutes(client: LoadClient, organizationId: string): Promise<Route[]> {
  const base = `/api/organizations/${organizationId}/directory`;
  const users = `${base}/items?type=users`;
  const types: { types: { type: string; count: number }[] } = await client.json(`${base}/types`);
  const deepUsers = await middlePage(client, users, types.types.find((t) => t.type === 'users')?.count);
  const search = `${users}&search=smith`;
  const deepSearch = await middlePage(client, search);
  const firstUsers: Page<Item> = await client.json(users);
  const person = firstUsers.items.find((item) => item.displayName && /^[\p{L} ]+$/u.test(item.displayName));
  if (!person?.displayName) throw new Error('no user with a plain name on the first page');
  const changedUsers: Page<Change> = await client.json(`${base}/diff?type=users&pageSize=${WALK_PAGE_SIZE}`);
  const changed = changedUsers.items.find((item) => item.change === 'changed');
  if (!changed) throw new Error('no user changed between the two snapshots');
  const diff = `${base}/diff`;
  const deepDiff = await middlePage(client, diff);
  console.error(
    `lists: ${deepUsers.items} users, ${deepSearch.items} matching "smith", ${deepDiff.items} changes in the diff`,
  );
  return [
    { name: 'snapshots', path: `${base}/snapshots` },
    { name: 'type counts (latest)', path: `${base}/types` },
    { name: 'users, first page', path: users },
    { name: 'users, page in the middle', path: deepUsers.path },
    { name: 'users, search "smith", first page', path: search },
    { name: 'users, search "smith", page in the middle', path: deepSearch.path },
    {
      name: "users, search one person's name",
      path: `${users}&search=${encodeURIComponent(person.displayName)}`,
    },
    { name: 'one user as stored', path: `${base}/items/users/${changed.id}` },
    { name: 'history of a changed user', path: `${base}/items/users/${changed.id}/history` },
    { name: 'diff latest vs previous, first page', path: diff },
    { name: 'diff latest vs previous, page in the middle', path: deepDiff.path },
  ];
}

/** The route as a template: ids out, page tokens elided, search terms kept. */
function template(path: string, organizationId: string): string {
  return path
    .replace(organizationId, '{id}')
    .replace(/\/items\/users\/[^/?]+/, '/items/users/{objectId}')
    .replace(/pageToken=[^&]+/, 'pageToken=…');
}

async function measureRoutes(
  client: LoadClient,
  serve: ServeProcess,
  routes: Route[],
  organizationId: string,
) {
  const results: RouteResult[] = [];
  const timed = async (path: string, clients: number) => {
    const cpuBefore = cpuSeconds(serve.pid);
    const latencies = await client.measure(path, REQUESTS, clients, ROUTE_MS);
    const cpuMs = (cpuSeconds(serve.pid) - cpuBefore) * 1000;
    const serverCpuMsPerRequest = Math.round((cpuMs * 10) / latencies.requests) / 10;
    return { ...latencies, serverCpuMsPerRequest };
  };
  for (const route of routes) {
    await client.measure(route.path, WARM_UP, 1);
    const sequential = await timed(route.path, 1);
    const concurrent = await timed(route.path, CLIENTS);
    console.error(
      `${route.name}: p95 ${sequential.p95Ms} ms one at a time, ${concurrent.p95Ms} ms with ${CLIENTS} clients`,
    );
    results.push({ name: route.name, route: template(route.path, organizationId), sequential, concurrent });
  }
  return results;
}

function printTable(results: RouteResult[]): void {
  const row = (cells: (string | number)[]) => console.error(`| ${cells.join(' | ')} |`);
  console.error(`\nLatency in ms (p50 / p95 / p99 / max), up to ${REQUESTS} requests per route\n`);
  row(['route', 'one client', 'requests', 'server CPU per request', `${CLIENTS} clients`, 'requests/s']);
  row(['---', '---:', '---:', '---:', '---:', '---:']);
  for (const r of results) {
    const cell = (l: Latencies) => `${l.p50Ms} / ${l.p95Ms} / ${l.p99Ms} / ${l.maxMs}`;
    row([
      r.name,
      cell(r.sequential),
      r.sequential.requests,
      `${r.sequential.serverCpuMsPerRequest} ms`,
      cell(r.concurrent),
      r.concurrent.perSecond,
    ]);
  }
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'tenantvault-bench-api-'));
  const uptimeBefore = uptime();
  let sandbox: SandboxProcess | undefined;
  let serve: ServeProcess | undefined;
  try {
    console.error('api latency bench: compiling');
    const [serveScript, backupScript] = compileEntries(join(work, 'build'), [
      'src/cli/main.ts',
      'bench/directory/backup.ts',
    ]) as [string, string];
    console.error(`api latency bench: sandbox of ${USERS.toLocaleString('en')} users`);
    sandbox = await SandboxProcess.start(USERS, 'off', join(work, 'pki'));
    const { ready } = sandbox;
    const home = join(work, 'home');
    const setup = await ServiceHome.open(home, ready);
    const organization = await setup.connect(ready.connection);
    const repository = await setup.repositoryOf(organization);
    const token = await setup.adminToken(organization.tenantId, ready.admin, ['backup:read']);
    const catalogUrl = setup.catalogUrl;
    await setup.close();

    const counts = await sandbox.ask<TenantCounts>({ kind: 'counts' });
    const job: BackupJob = {
      connection: ready.connection,
      repositoryDir: repository.location,
      catalogPath: catalogUrl,
      password: repository.password,
      pacing: 'none',
      tenantUsers: counts.users,
    };
    console.error('api latency bench: first backup');
    const full = await runBackup(backupScript, job);
    const changes = Math.round(objectCount(counts) * CHANGED_SHARE);
    await sandbox.ask({ kind: 'change', changes });
    console.error(`api latency bench: ${changes} changes, second backup`);
    const incremental = await runBackup(backupScript, job);
    // The routes measured read only the catalog and the repository: the sandbox can go.
    await sandbox.close();
    sandbox = undefined;

    serve = await ServeProcess.start({
      script: serveScript,
      home,
      role: 'api',
      sandbox: ready,
      logFile: join(work, 'serve.log'),
      nodeOptions: PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : [],
    });
    const client = new LoadClient(serve.url, token, CLIENTS);
    const routes = await chooseRoutes(client, organization.id);
    const uptimeMeasuring = uptime();
    const results = await measureRoutes(client, serve, routes, organization.id);
    await client.close();
    const backup = (measure: BackupMeasure) => ({ wallMs: measure.wallMs, catalogMs: measure.catalogMs });
    const document = {
      date: new Date().toISOString(),
      users: USERS,
      objects: objectCount(counts),
      changes,
      requestsPerRoute: REQUESTS,
      routeSeconds: ROUTE_MS / 1000,
      clients: CLIENTS,
      goalP95Ms: GOAL_P95_MS,
      backups: { full: backup(full), incremental: backup(incremental) },
      uptime: { before: uptimeBefore, measuring: uptimeMeasuring, after: uptime() },
      routes: results,
    };
    printTable(results);
    process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  } finally {
    await serve?.stop();
    await sandbox?.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
