// One `tenantvault serve` process of a benchmark, compiled as the product ships, configured
// against the sandbox as an operator would configure it against Microsoft: the publisher's
// sign-in and backup apps (secrets in the environment), the identity platform, Graph and
// the sandbox's CA. Its log goes to a file; it is ready once it prints its --json result.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { freePort } from '../../test/support/free-port.js';
import type { SandboxReady } from '../directory/protocol.js';

export interface ServeOptions {
  /** The compiled src/cli/main.js. */
  script: string;
  home: string;
  role: 'api' | 'worker' | 'scheduler' | 'all';
  sandbox: SandboxReady;
  /** Where stderr (the service's log) goes. */
  logFile: string;
  /** PostgreSQL; default the embedded SQLite file under home. */
  database?: string;
  /** Backups the process runs at once (serve's --workers). */
  workers?: number;
  logLevel?: string;
  /** Options for node itself, e.g. --cpu-prof. */
  nodeOptions?: string[];
}

export class ServeProcess {
  private constructor(
    private readonly child: ChildProcess,
    /** http://127.0.0.1:<port> when the process serves the API. */
    readonly url: string,
  ) {}

  get pid(): number {
    return this.child.pid as number;
  }

  static async start(options: ServeOptions): Promise<ServeProcess> {
    const { sandbox } = options;
    const port = await freePort();
    const args = [
      ...(options.nodeOptions ?? []),
      options.script,
      '--home',
      options.home,
      '--json',
      'serve',
      '--role',
      options.role,
      '--port',
      String(port),
      '--authority',
      sandbox.url,
      '--graph-url',
      `${sandbox.url}/v1.0`,
      '--ca-file',
      sandbox.connection.caPath,
      '--sign-in-client-id',
      sandbox.publisher.signInAppId,
      '--backup-client-id',
      sandbox.publisher.backupAppId,
      '--log-level',
      options.logLevel ?? 'info',
      ...(options.database ? ['--database', options.database] : []),
      ...(options.workers ? ['--workers', String(options.workers)] : []),
    ];
    const log = openSync(options.logFile, 'a');
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', log],
      env: {
        ...process.env,
        TENANTVAULT_SIGN_IN_CLIENT_SECRET: sandbox.publisher.signInAppSecret,
        TENANTVAULT_BACKUP_CLIENT_SECRET: sandbox.publisher.backupAppSecret,
      },
    });
    closeSync(log);
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (!output.includes('\n')) return;
        child.stdout?.off('data', onData);
        child.off('exit', onExit);
        resolve();
      };
      const onExit = (code: number | null) => {
        const tail = readFileSync(options.logFile, 'utf8').split('\n').slice(-20).join('\n');
        reject(new Error(`tenantvault serve exited with ${code} before it was ready:\n${tail}`));
      };
      child.stdout?.on('data', onData);
      child.once('exit', onExit);
    });
    // Nothing more is printed on stdout; keep the pipe drained all the same.
    child.stdout?.resume();
    return new ServeProcess(child, `http://127.0.0.1:${port}`);
  }

  /** Stops it as an operator does (SIGTERM: running jobs are handed back) and waits for the exit. */
  stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
    });
  }
}
