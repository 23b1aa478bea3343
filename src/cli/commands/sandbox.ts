// `tenantvault sandbox`: runs the local Microsoft 365 tenant until interrupted.
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { DEFAULT_SANDBOX_OPTIONS, startSandbox, type SandboxOptions } from '../../sandbox/index.js';
import type { ThrottleSetting } from '../../sandbox/sandbox.js';
import { UsageError } from '../exit-codes.js';
import { contextOf } from '../program.js';
import type { Output } from '../output.js';
import type { RunningSandbox } from '../../sandbox/index.js';

function integer(name: string, min: number, max: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not '${value}'`);
    }
    return parsed;
  };
}

function rate(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0 || parsed > 1) {
    throw new UsageError(`--faults must be a share of requests between 0 and 1, not '${value}'`);
  }
  return parsed;
}

export function parseThrottle(value: string): ThrottleSetting {
  if (value === 'on' || value === 'off') return value;
  const factor = Number(value);
  if (!Number.isFinite(factor) || factor <= 0) {
    throw new UsageError(`--throttle must be on, off or a positive speed factor, not '${value}'`);
  }
  return factor;
}

interface SandboxFlags {
  port: number;
  host: string;
  tenants: number;
  users: number;
  seed: string;
  data?: string;
  throttle: ThrottleSetting;
  faults: number;
  activity: number;
  deltaTokenLifetime: number;
}

function describe(running: RunningSandbox): string {
  const { access } = running;
  const lines = [
    `tenantvault sandbox: a local Microsoft 365 tenant at ${running.url}`,
    `  CA certificate:   ${running.caPath}  (trust it: NODE_EXTRA_CA_CERTS=${running.caPath})`,
    `  Graph:            ${running.url}/v1.0`,
    `  admin endpoint:   ${running.url}/_sandbox/  (header x-sandbox-admin-key: ${running.adminKey})`,
    '',
  ];
  for (const tenant of access.tenants) {
    lines.push(`Tenant ${tenant.domain} (${tenant.tenantId})`);
    lines.push(`  authority:        ${tenant.authority}`);
    lines.push(`  backup app:       client id ${tenant.clientId}`);
    lines.push(`                    client secret ${tenant.clientSecret}`);
    lines.push(`                    certificate ${tenant.certificatePath}, key ${tenant.privateKeyPath}`);
    for (const account of tenant.accounts) {
      lines.push(`  ${account.role.padEnd(30)} ${account.userPrincipalName}  password ${account.password}`);
    }
    lines.push('');
  }
  lines.push(`Publisher tenant ${access.publisher.tenantId}`);
  lines.push(`  sign-in app:      ${access.publisher.signInAppId}`);
  lines.push(`  backup app:       ${access.publisher.backupAppId}`);
  lines.push('', 'Press Ctrl+C to stop.');
  return lines.join('\n');
}

async function run(flags: SandboxFlags, home: string, output: Output): Promise<void> {
  const options: SandboxOptions = {
    ...DEFAULT_SANDBOX_OPTIONS,
    host: flags.host,
    port: flags.port,
    tenants: flags.tenants,
    users: flags.users,
    seed: flags.seed,
    dataDir: flags.data,
    pkiDir: join(home, 'sandbox'),
    throttle: flags.throttle,
    faults: flags.faults,
    activity: flags.activity,
    deltaTokenLifetimeMs: flags.deltaTokenLifetime * 1000,
  };
  const started = Date.now();
  const running = await startSandbox(options);
  output.result(
    {
      url: running.url,
      graph: `${running.url}/v1.0`,
      caPath: running.caPath,
      adminKey: running.adminKey,
      startedInMs: Date.now() - started,
      ...running.access.tenants[0],
      otherTenants: running.access.tenants.slice(1),
      publisher: running.access.publisher,
    },
    () => describe(running),
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  output.info('stopping the sandbox');
  await running.close();
}

export function registerSandboxCommand(program: Command): void {
  program
    .command('sandbox')
    .description('run a local Microsoft 365 tenant (identity platform + Microsoft Graph) for tests and demos')
    .addOption(
      new Option('--port <n>', 'HTTPS port (0 picks a free one)')
        .argParser(integer('port', 0, 65535))
        .default(8443),
    )
    .addOption(new Option('--host <address>', 'address to listen on').default('127.0.0.1'))
    .addOption(
      new Option('--tenants <n>', 'customer tenants besides the publisher')
        .argParser(integer('tenants', 1, 50))
        .default(2),
    )
    .addOption(
      new Option('--users <n>', 'users in the first customer tenant')
        .argParser(integer('users', 10, 1_000_000))
        .default(200),
    )
    .addOption(new Option('--seed <value>', 'seed for generated data, faults and secrets').default('1'))
    .addOption(
      new Option('--data <dir>', 'keep state in this directory across restarts (default: in memory)'),
    )
    .addOption(
      new Option('--throttle <setting>', 'on, off, or a speed factor for throttling windows')
        .argParser(parseThrottle)
        .default('on'),
    )
    .addOption(
      new Option('--faults <rate>', 'share of Graph requests that fail (503, 504, dropped, slow)')
        .argParser(rate)
        .default(0),
    )
    .addOption(
      new Option('--activity <n>', 'directory changes per minute made by simulated admins and users')
        .argParser(integer('activity', 0, 100_000))
        .default(0),
    )
    .addOption(
      new Option('--delta-token-lifetime <seconds>', 'how long delta links stay valid')
        .argParser(integer('delta-token-lifetime', 1, 365 * 24 * 3600))
        .default(7 * 24 * 3600),
    )
    .action(async (flags: SandboxFlags, command: Command) => {
      const { home, output } = contextOf(command);
      await run(flags, home, output);
    });
}
