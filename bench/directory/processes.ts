// The child processes of the directory backup benchmark, also used by the service
// benchmarks (bench/service): entry points compiled as the product ships, the sandbox
// process (sandbox.ts, through tsx) asked one thing at a time over IPC, and one backup
// process (backup.ts) per backup.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BackupJob, BackupMeasure, BenchRequest, SandboxReady } from './protocol.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
export const ROOT = join(HERE, '..', '..');

/**
 * The entry points (paths relative to the package root) and the product modules they
 * import compiled into `dir`, with the package's package.json (ES modules; the product
 * reads its version there) and node_modules beside them. Returns the compiled path of
 * each entry point.
 */
export function compileEntries(dir: string, entries: string[]): string[] {
  mkdirSync(dir);
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const compilerOptions = { noEmit: false, outDir: dir, rootDir: ROOT, declaration: false, sourceMap: false };
  const files = entries.map((entry) => join(ROOT, entry));
  const config = { extends: join(ROOT, 'tsconfig.json'), compilerOptions, files };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ ...config, include: [] }));
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], {
    stdio: 'inherit',
  });
  return entries.map((entry) => join(dir, entry.replace(/\.ts$/, '.js')));
}

/** backup.ts compiled into `dir`. */
export function compileBackup(dir: string): string {
  return compileEntries(dir, ['bench/directory/backup.ts'])[0] as string;
}

/** The sandbox process, asked one thing at a time. */
export class SandboxProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly ready: SandboxReady,
  ) {}

  /**
   * `tenants` customer tenants: the first of `users` users, the others a tenth of that (at
   * least 50), as the sandbox makes them.
   */
  static start(users: number, throttle: string, pkiDir: string, tenants = 1): Promise<SandboxProcess> {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(HERE, 'sandbox.ts'), String(users), throttle, pkiDir, String(tenants)],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    return new Promise((resolve, reject) => {
      child.once('message', (ready) => resolve(new SandboxProcess(child, ready as SandboxReady)));
      child.once('exit', (code) => reject(new Error(`the sandbox exited with ${code}`)));
    });
  }

  get pid(): number {
    return this.child.pid as number;
  }

  ask<T>(request: BenchRequest): Promise<T> {
    return new Promise((resolve) => {
      this.child.once('message', (answer) => resolve(answer as T));
      this.child.send(request);
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.send({ kind: 'close' } satisfies BenchRequest);
    });
  }
}

/** One backup in a fresh process (the compiled backup.ts); its measure. */
export function runBackup(script: string, job: BackupJob): Promise<BackupMeasure> {
  const child = spawn(process.execPath, [script, JSON.stringify(job)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(output) as BackupMeasure) : reject(new Error(`backup exited ${code}`)),
    );
  });
}
