// A long-running tenantvault command (serve, sandbox) in a process of its own, as people
// run it: started with --json, ready once its first line of output (what a client needs
// to reach it) has been read.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import type { AccountAccess } from '../../src/sandbox/identity/provisioning.js';
import { CLI_ENTRY } from './cli.js';
import { freePort } from './free-port.js';

export interface CliProcess<Info> {
  info: Info;
  child: ChildProcess;
  /** What the process wrote on stderr so far (its log and errors). */
  stderr(): string;
  /** Stops the command with SIGTERM; its exit code. */
  stop(): Promise<number | null>;
}

const running = new Set<ChildProcess>();
after(() => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts `tenantvault --home <home> --json <args>`; killed when the test file ends if still running. */
export async function startCliProcess<Info>(
  args: readonly string[],
  home: string,
): Promise<CliProcess<Info>> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI_ENTRY, '--home', home, '--json', ...args]);
  running.add(child);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  void exited.then(() => running.delete(child));
  const info = await new Promise<Info>((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf('\n');
      if (newline >= 0) resolve(JSON.parse(stdout.slice(0, newline)) as Info);
    });
    void exited.then((code) => reject(new Error(`${args[0]} exited with ${code}: ${stderr}`)));
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

export interface DemoInfo {
  url: string;
  demo: { sandbox: string; caPath: string; tenant: string; admin: AccountAccess; endUser: AccountAccess };
}

/** `tenantvault serve --demo`, as `npm start` runs it, on a free port with a fresh home. */
export async function startDemoProcess(): Promise<CliProcess<DemoInfo>> {
  const home = await mkdtemp(join(tmpdir(), 'tv-serve-'));
  return startCliProcess<DemoInfo>(['serve', '--demo', '--port', String(await freePort())], home);
}
