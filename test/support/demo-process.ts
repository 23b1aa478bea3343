// `tenantvault serve --demo` in a process of its own, as `npm start` runs it: on a free
// port, with a fresh home, its first line of JSON output read for the service URL, the
// sandbox and the demo accounts.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccountAccess } from '../../src/sandbox/identity/provisioning.js';
import { CLI_ENTRY } from './cli.js';

export interface DemoInfo {
  url: string;
  demo: { sandbox: string; caPath: string; tenant: string; admin: AccountAccess; endUser: AccountAccess };
}

export interface DemoProcess {
  info: DemoInfo;
  child: ChildProcess;
  /** What the process wrote on stderr so far (its request log and errors). */
  stderr(): string;
  /** Stops the service with SIGTERM; its exit code. */
  stop(): Promise<number | null>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function startDemoProcess(): Promise<DemoProcess> {
  const home = await mkdtemp(join(tmpdir(), 'tv-serve-'));
  const port = await freePort();
  const child = spawn(process.execPath, [
    '--import',
    'tsx',
    CLI_ENTRY,
    '--home',
    home,
    '--json',
    'serve',
    '--demo',
    '--port',
    String(port),
  ]);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const info = await new Promise<DemoInfo>((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf('\n');
      if (newline >= 0) resolve(JSON.parse(stdout.slice(0, newline)) as DemoInfo);
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  return {
    info,
    child,
    stderr: () => stderr,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
