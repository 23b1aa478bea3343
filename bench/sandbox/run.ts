// Sandbox benchmarks: start-up time by tenant size, and /users paging throughput with
// throttling off. Run: node --import tsx bench/sandbox/run.ts [users ...]
// Each size runs in a fresh child process so memory and JIT state do not carry over.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { fetch } from 'undici';
import { createDispatcher, FetchNetworkModule } from '../../src/graph/network.js';
import { DEFAULT_SANDBOX_OPTIONS, startSandbox } from '../../src/sandbox/index.js';

interface Result {
  users: number;
  startMs: number;
  pagedObjects: number;
  pagingMs: number;
  objectsPerSecond: number;
  pages: number;
  rssMb: number;
}

async function measure(users: number, pkiDir: string): Promise<Result> {
  const started = performance.now();
  const running = await startSandbox({
    ...DEFAULT_SANDBOX_OPTIONS,
    port: 0,
    users,
    throttle: 'off',
    pkiDir,
    tenants: 1,
  });
  const startMs = performance.now() - started;
  const dispatcher = createDispatcher(readFileSync(running.caPath, 'utf8'));
  const tenant = running.access.tenants[0];
  if (!tenant) throw new Error('no tenant');
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: tenant.clientId,
      clientSecret: tenant.clientSecret,
      authority: tenant.authority,
      knownAuthorities: [new URL(running.url).host],
    },
    system: { networkClient: new FetchNetworkModule(dispatcher) },
  });
  const token = (
    await app.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] })
  )?.accessToken;
  let url: string | undefined =
    `${running.url}/v1.0/users?$top=999&$select=id,displayName,userPrincipalName,accountEnabled`;
  let pagedObjects = 0;
  let pages = 0;
  const pagingStarted = performance.now();
  while (url) {
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, dispatcher });
    const page = (await response.json()) as { value: unknown[]; '@odata.nextLink'?: string };
    pagedObjects += page.value.length;
    pages++;
    url = page['@odata.nextLink'];
  }
  const pagingMs = performance.now() - pagingStarted;
  const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  await running.close();
  await dispatcher.close();
  return {
    users,
    startMs: Math.round(startMs),
    pagedObjects,
    pagingMs: Math.round(pagingMs),
    objectsPerSecond: Math.round(pagedObjects / (pagingMs / 1000)),
    pages,
    rssMb,
  };
}

async function main(): Promise<void> {
  const [mode, ...rest] = process.argv.slice(2);
  if (mode === '--child') {
    const [users, pkiDir] = rest;
    process.stdout.write(`${JSON.stringify(await measure(Number(users), pkiDir as string))}\n`);
    return;
  }
  const sizes = (mode ? [mode, ...rest] : ['1000', '10000', '100000']).map(Number);
  const pkiDir = mkdtempSync(join(tmpdir(), 'tenantvault-bench-pki-'));
  // A first start creates the CA and keys, which later starts reuse, as a real installation does.
  await runChild(100, pkiDir);
  const results: Result[] = [];
  for (const users of sizes) results.push(await runChild(users, pkiDir));
  console.log(
    '| users in tenant | start-up | /users objects paged | paging time | objects/s | pages | RSS after |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(
      `| ${r.users.toLocaleString('en')} | ${(r.startMs / 1000).toFixed(2)} s | ${r.pagedObjects.toLocaleString('en')} | ${(r.pagingMs / 1000).toFixed(2)} s | ${r.objectsPerSecond.toLocaleString('en')} | ${r.pages} | ${r.rssMb} MB |`,
    );
  }
}

function runChild(users: number, pkiDir: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', String(users), pkiDir],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(output) as Result) : reject(new Error(`child exited ${code}`)),
    );
  });
}

await main();
