// `tenantvault serve`: the service's HTTP API (portal sign-in, organizations, settings,
// users, tokens, audit) until interrupted. tenantvault's two apps are configuration: the
// sign-in app's id and the backup app's id, their secrets from TENANTVAULT_SIGN_IN_CLIENT_SECRET
// and TENANTVAULT_BACKUP_CLIENT_SECRET (or files), the backup app's certificate as PEM
// files; the identity platform, Graph and an extra CA as for every command. --demo runs a
// sandbox in the same process and configures everything against it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { buildApi } from '../../api/server.js';
import type { GraphCredential } from '../../graph/index.js';
import { MICROSOFT_AUTHORITY_HOST, MICROSOFT_GRAPH_BASE_URL } from '../../graph/index.js';
import { defaultServiceDbUrl, openServiceDb } from '../../service/database.js';
import { ServiceError } from '../../service/errors.js';
import {
  Notifier,
  openNotificationServices,
  parseSmtpUrl,
  type SmtpConfig,
} from '../../service/notifications/index.js';
import { openOrganizationServices } from '../../service/organizations/index.js';
import type { IdentityPlatformConfig } from '../../service/organizations/identity-platform.js';
import { loadServiceKey, SecretBox } from '../../service/secret-box.js';
import { UsageError } from '../exit-codes.js';
import type { Output } from '../output.js';
import { contextOf } from '../program.js';
import { startDemo, type Demo } from '../serve-demo.js';

interface ServeFlags {
  port: number;
  host: string;
  publicUrl?: string;
  database?: string;
  serviceKeyFile?: string;
  authority: string;
  signInTenant: string;
  graphUrl: string;
  caFile?: string;
  signInClientId?: string;
  signInClientSecretFile?: string;
  backupClientId?: string;
  backupClientSecretFile?: string;
  backupCertificate?: string;
  backupCertificateKey?: string;
  trustProxy?: boolean;
  smtpUrl?: string;
  smtpFrom?: string;
  smtpPasswordFile?: string;
  logLevel: string;
  demo?: boolean;
}

function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65535) {
    throw new UsageError(`--port must be a whole number from 1 to 65535, not '${value}'`);
  }
  return parsed;
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${path}: ${(error as Error).message}`);
  }
}

/** A secret from its environment variable or the file an option names; never from an argument. */
async function secret(variable: string, file: string | undefined, what: string): Promise<string | undefined> {
  const fromEnv = process.env[variable];
  if (fromEnv) return fromEnv;
  return file === undefined ? undefined : readText(file, what);
}

async function backupCredential(flags: ServeFlags): Promise<GraphCredential> {
  if (flags.backupCertificate) {
    const certificatePem = await readText(flags.backupCertificate, 'backup app certificate');
    const privateKeyPem = await readText(
      flags.backupCertificateKey ?? flags.backupCertificate,
      'private key',
    );
    return { kind: 'certificate', certificatePem, privateKeyPem };
  }
  const value = await secret(
    'TENANTVAULT_BACKUP_CLIENT_SECRET',
    flags.backupClientSecretFile,
    'backup app secret',
  );
  if (!value) {
    throw new UsageError(
      'set TENANTVAULT_BACKUP_CLIENT_SECRET, --backup-client-secret-file or --backup-certificate',
    );
  }
  return { kind: 'secret', secret: value };
}

/** tenantvault's apps and identity platform as configured. */
async function configuredPlatform(flags: ServeFlags): Promise<IdentityPlatformConfig> {
  if (!flags.signInClientId)
    throw new UsageError('--sign-in-client-id (or TENANTVAULT_SIGN_IN_CLIENT_ID) is required');
  if (!flags.backupClientId)
    throw new UsageError('--backup-client-id (or TENANTVAULT_BACKUP_CLIENT_ID) is required');
  const signInSecret = await secret(
    'TENANTVAULT_SIGN_IN_CLIENT_SECRET',
    flags.signInClientSecretFile,
    'sign-in app secret',
  );
  if (!signInSecret)
    throw new UsageError('set TENANTVAULT_SIGN_IN_CLIENT_SECRET or --sign-in-client-secret-file');
  return {
    authorityHost: flags.authority.replace(/\/+$/, ''),
    signInTenant: flags.signInTenant,
    graphBaseUrl: flags.graphUrl.replace(/\/+$/, ''),
    extraCaPem: flags.caFile ? await readText(flags.caFile, 'CA file') : undefined,
    signInApp: { clientId: flags.signInClientId, clientSecret: signInSecret },
    backupApp: { clientId: flags.backupClientId, credential: await backupCredential(flags) },
  };
}

/** The SMTP server notifications are sent through, when one is configured. */
async function smtpConfig(flags: ServeFlags): Promise<SmtpConfig | undefined> {
  if (!flags.smtpUrl) {
    if (flags.smtpFrom) throw new UsageError('--smtp-from needs --smtp-url');
    return undefined;
  }
  if (!flags.smtpFrom) throw new UsageError('--smtp-from (the sender address) is required with --smtp-url');
  const password = await secret('TENANTVAULT_SMTP_PASSWORD', flags.smtpPasswordFile, 'SMTP password');
  try {
    return parseSmtpUrl(flags.smtpUrl, flags.smtpFrom, password);
  } catch (error) {
    if (error instanceof ServiceError) throw new UsageError(error.message);
    throw error;
  }
}

function describe(url: string, demo: Demo | undefined): string {
  const lines = [
    `tenantvault service at ${url}`,
    `  sign in:     ${url}/auth/sign-in`,
    `  API docs:    ${url}/api/docs  (OpenAPI: ${url}/api/openapi.json)`,
    `  health:      ${url}/healthz, ${url}/readyz, metrics ${url}/metrics`,
  ];
  if (demo) {
    lines.push(
      '',
      `Demo: sandbox at ${demo.sandbox.url}, tenant ${demo.tenant.domain} connected`,
      `  sandbox CA:  ${demo.sandbox.caPath}  (trust it, or accept the browser's warning at the sign-in page)`,
      `  admin:       ${demo.admin.userPrincipalName}  password ${demo.admin.password}`,
      `  end user:    ${demo.endUser.userPrincipalName}  password ${demo.endUser.password}`,
    );
  }
  lines.push('', 'Press Ctrl+C to stop.');
  return lines.join('\n');
}

async function run(flags: ServeFlags, home: string, version: string, output: Output): Promise<void> {
  const publicUrl = flags.publicUrl ?? `http://localhost:${flags.port}`;
  const demo = flags.demo ? await startDemo(home) : undefined;
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step();
  };
  if (demo) stops.push(() => demo.sandbox.close());
  try {
    const platform = demo?.platform ?? (await configuredPlatform(flags));
    const smtp = await smtpConfig(flags);
    const box = new SecretBox(await loadServiceKey(flags.serviceKeyFile ?? join(home, 'service.key')));
    // The demo keeps its organizations apart from a real deployment's.
    const serviceDb = await openServiceDb(
      flags.database ?? defaultServiceDbUrl(demo ? join(home, 'demo') : home),
    );
    stops.push(() => serviceDb.close());
    const services = await openOrganizationServices(serviceDb, box, platform);
    stops.push(() => services.close());
    await demo?.connect(services);
    const notifications = await openNotificationServices(serviceDb, box, { smtp });
    stops.push(() => Promise.resolve(notifications.close()));
    const api = await buildApi({
      publicUrl,
      platform,
      services,
      notifications,
      box,
      version,
      // Logs are diagnostics: stderr, so stdout carries only the result (--json).
      logger: { level: flags.logLevel, stream: process.stderr },
      trustProxy: flags.trustProxy,
    });
    stops.push(() => api.app.close());
    await api.app.listen({ host: flags.host, port: flags.port });
    // Scheduler role: turns failed jobs, revoked consents and overdue backups into messages.
    const notifier = new Notifier(serviceDb, services, notifications, { log: api.app.log });
    notifier.start();
    stops.push(() => notifier.stop());
    output.result(
      {
        url: publicUrl,
        ...(demo
          ? {
              demo: {
                sandbox: demo.sandbox.url,
                caPath: demo.sandbox.caPath,
                tenant: demo.tenant.tenantId,
                admin: demo.admin,
                endUser: demo.endUser,
              },
            }
          : {}),
      },
      () => describe(publicUrl, demo),
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    output.info('stopping the service');
  } finally {
    await stop();
  }
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'run the service: HTTP API with sign-in, organizations, settings, users, tokens and audit log',
    )
    .addOption(new Option('--port <n>', 'port to listen on').argParser(port).default(8080))
    .addOption(new Option('--host <address>', 'address to listen on').default('127.0.0.1'))
    .addOption(
      new Option('--public-url <url>', 'where browsers reach the service (default http://localhost:<port>)'),
    )
    .addOption(
      new Option(
        '--database <url>',
        'service database: a file path or postgres://… (default <home>/service.sqlite)',
      ),
    )
    .addOption(
      new Option(
        '--service-key-file <file>',
        'key that seals stored credentials (default <home>/service.key)',
      ),
    )
    .addOption(new Option('--authority <url>', 'identity platform').default(MICROSOFT_AUTHORITY_HOST))
    .addOption(
      new Option(
        '--sign-in-tenant <tenant>',
        'where people sign in: organizations, common or a tenant id',
      ).default('organizations'),
    )
    .addOption(new Option('--graph-url <url>', 'Microsoft Graph base URL').default(MICROSOFT_GRAPH_BASE_URL))
    .addOption(new Option('--ca-file <file>', 'extra CA certificate (PEM) to trust for both endpoints'))
    .addOption(new Option('--sign-in-client-id <id>', "client id of tenantvault's sign-in app"))
    .addOption(
      new Option(
        '--sign-in-client-secret-file <file>',
        'file with the sign-in app secret (instead of TENANTVAULT_SIGN_IN_CLIENT_SECRET)',
      ),
    )
    .addOption(new Option('--backup-client-id <id>', "client id of tenantvault's backup app"))
    .addOption(
      new Option(
        '--backup-client-secret-file <file>',
        'file with the backup app secret (instead of TENANTVAULT_BACKUP_CLIENT_SECRET)',
      ),
    )
    .addOption(
      new Option('--backup-certificate <file>', "PEM file with the backup app's certificate (and key)"),
    )
    .addOption(new Option('--backup-certificate-key <file>', "PEM file with the certificate's private key"))
    .addOption(
      new Option('--trust-proxy', 'take client addresses from X-Forwarded-For (behind a reverse proxy)'),
    )
    .addOption(
      new Option(
        '--smtp-url <url>',
        'SMTP server for e-mail notifications: smtp://[user@]host:port (STARTTLS) or smtps://…',
      ),
    )
    .addOption(new Option('--smtp-from <address>', 'sender address of e-mail notifications'))
    .addOption(
      new Option(
        '--smtp-password-file <file>',
        'file with the SMTP password (instead of TENANTVAULT_SMTP_PASSWORD)',
      ),
    )
    .addOption(
      new Option('--log-level <level>', 'log level')
        .choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace'])
        .default('info'),
    )
    .addOption(new Option('--demo', 'start a sandbox in this process and connect its first tenant'))
    .action(async (flags: ServeFlags, command: Command) => {
      const { home, output } = contextOf(command);
      await run(flags, home, command.parent?.version() ?? '0.0.0', output);
    });
}
