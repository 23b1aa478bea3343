// `tenantvault sandbox`: runs the local Microsoft 365 tenant until interrupted. The
// command line is src/cli/definitions/sandbox.ts.
import { join } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_SANDBOX_OPTIONS, startSandbox, type SandboxOptions } from '../../sandbox/index.js';
import type { ThrottleSetting } from '../../sandbox/sandbox.js';
import { contextOf } from '../program.js';
import type { Output } from '../output.js';
import type { RunningSandbox } from '../../sandbox/index.js';

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

/** `sandbox` */
export async function sandbox(flags: SandboxFlags, command: Command): Promise<void> {
  const { home, output } = contextOf(command);
  await run(flags, home, output);
}
