// `tenantvault serve`: the service until interrupted, in the roles asked for: the HTTP API
// (portal sign-in, organizations, settings, users, jobs, backup data, tokens, audit), the
// workers that run jobs, and the scheduler that enqueues them. Embedded by default (one
// process, SQLite, repositories under the data directory); scale-out with a PostgreSQL
// database, S3 repositories and any number of processes per role. tenantvault's two apps are configuration: the
// sign-in app's id and the backup app's id, their secrets from TENANTVAULT_SIGN_IN_CLIENT_SECRET
// and TENANTVAULT_BACKUP_CLIENT_SECRET (or files), the backup app's certificate as PEM
// files; the identity platform, Graph and an extra CA as for every command. --demo runs a
// sandbox in the same process and configures everything against it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { pino, type Logger } from 'pino';
import { buildApi } from '../../api/server.js';
import type { GraphCredential } from '../../graph/index.js';
import { MICROSOFT_AUTHORITY_HOST, MICROSOFT_GRAPH_BASE_URL } from '../../graph/index.js';
import { defaultCatalogUrl } from '../../catalog/index.js';
import { defaultServiceDbUrl, openServiceDb, type ServiceDb } from '../../service/database.js';
import { ServiceError } from '../../service/errors.js';
import { enqueueRequest } from '../../service/jobs/requests.js';
import { startWorkers } from '../../service/jobs/workers.js';
import {
  Notifier,
  openNotificationServices,
  parseSmtpUrl,
  type SmtpConfig,
} from '../../service/notifications/index.js';
import { openOrganizationServices } from '../../service/organizations/index.js';
import { openJobQueue } from '../../service/queue/open.js';
import type { JobQueue } from '../../service/queue/types.js';
import { Periodic } from '../../service/periodic.js';
import { Scheduler } from '../../service/scheduler.js';
import type { IdentityPlatformConfig } from '../../service/organizations/identity-platform.js';
import { loadServiceKey, SecretBox } from '../../service/secret-box.js';
import { UsageError } from '../exit-codes.js';
import type { Output } from '../output.js';
import { contextOf } from '../program.js';
import { startDemo, type Demo } from '../serve-demo.js';

const ROLES = ['api', 'worker', 'scheduler'] as const;
type Role = (typeof ROLES)[number];

interface ServeFlags {
  role: Role | 'all';
  repositoryRoot?: string;
  s3Endpoint?: string;
  catalog?: string;
  workers: number;
  jobLease: number;
  jobHistoryDays: number;
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

function describe(url: string, roles: Role[], demo: Demo | undefined): string {
  const lines = roles.includes('api')
    ? [
        `tenantvault service at ${url} (${roles.join(', ')})`,
        `  sign in:     ${url}/auth/sign-in`,
        `  API docs:    ${url}/api/docs  (OpenAPI: ${url}/api/openapi.json)`,
        `  health:      ${url}/healthz, ${url}/readyz, metrics ${url}/metrics`,
      ]
    : [`tenantvault service running as ${roles.join(', ')}`];
  if (demo) {
    lines.push(
      '',
      `Demo: sandbox at ${demo.sandbox.url}, tenant ${demo.tenant.domain} connected, first backup started`,
      `  sandbox CA:  ${demo.sandbox.caPath}  (trust it, or accept the browser's warning at the sign-in page)`,
      `  admin:       ${demo.admin.userPrincipalName}  password ${demo.admin.password}`,
      `  end user:    ${demo.endUser.userPrincipalName}  password ${demo.endUser.password}`,
    );
  }
  lines.push('', 'Press Ctrl+C to stop.');
  return lines.join('\n');
}

/** Scale-out keeps the catalog in the service's PostgreSQL database; embedded, in a file beside it. */
function catalogUrl(flags: ServeFlags, serviceDb: ServiceDb, home: string): string {
  if (flags.catalog) return flags.catalog;
  return serviceDb.engine === 'postgres' ? serviceDb.url : defaultCatalogUrl(home);
}

async function run(flags: ServeFlags, home: string, version: string, output: Output): Promise<void> {
  const roles = new Set<Role>(flags.role === 'all' ? ROLES : [flags.role]);
  const publicUrl = flags.publicUrl ?? `http://localhost:${flags.port}`;
  const demo = flags.demo ? await startDemo(home) : undefined;
  // The demo keeps its organizations and backups apart from a real deployment's.
  const dataHome = demo ? join(home, 'demo') : home;
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step();
  };
  if (demo) stops.push(() => demo.sandbox.close());
  try {
    const platform = demo?.platform ?? (await configuredPlatform(flags));
    const smtp = await smtpConfig(flags);
    const box = new SecretBox(await loadServiceKey(flags.serviceKeyFile ?? join(home, 'service.key')));
    const serviceDb = await openServiceDb(flags.database ?? defaultServiceDbUrl(dataHome));
    stops.push(() => serviceDb.close());
    const services = await openOrganizationServices(serviceDb, box, platform, {
      catalogUrl: catalogUrl(flags, serviceDb, dataHome),
      repositories: {
        root: flags.repositoryRoot ?? join(dataHome, 'repositories'),
        s3Endpoint: flags.s3Endpoint,
      },
    });
    stops.push(() => services.close());
    const queue = await openJobQueue(serviceDb, { leaseMs: flags.jobLease * 1000 });
    stops.push(() => queue.close());
    if (roles.has('worker')) startWorkers(queue, services, box, { backupConcurrency: flags.workers });
    // Diagnostics on stderr, like the API's request log.
    const serviceLog = pino({ level: flags.logLevel }, process.stderr);
    const notifications = await openNotificationServices(serviceDb, box, { smtp });
    stops.push(() => Promise.resolve(notifications.close()));
    if (roles.has('scheduler')) {
      const scheduler = new Scheduler(serviceDb.db, queue);
      scheduler.start();
      stops.push(() => scheduler.stop());
      const history = jobHistoryKeeper(queue, flags.jobHistoryDays, serviceLog);
      history.start();
      stops.push(() => history.stop());
      // Turns failed jobs, revoked consents and overdue backups into messages.
      const notifier = new Notifier(serviceDb, services, notifications, { log: serviceLog });
      notifier.start();
      stops.push(() => notifier.stop());
    }
    if (demo) {
      const organization = await demo.connect(services);
      await enqueueRequest(queue, organization.id, { kind: 'backup' }, 'demo-first-backup');
    }
    if (roles.has('api')) {
      const api = await buildApi({
        publicUrl,
        platform,
        services,
        queue,
        notifications,
        box,
        version,
        // Logs are diagnostics: stderr, so stdout carries only the result (--json).
        logger: { level: flags.logLevel, stream: process.stderr },
        trustProxy: flags.trustProxy,
      });
      stops.push(() => api.app.close());
      await api.app.listen({ host: flags.host, port: flags.port });
    }
    output.result(
      {
        roles: [...roles],
        ...(roles.has('api') ? { url: publicUrl } : {}),
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
      () => describe(publicUrl, [...roles], demo),
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

const HOUR_MS = 60 * 60 * 1000;

/** Forgets finished jobs older than the history kept, once an hour. */
function jobHistoryKeeper(queue: JobQueue, days: number, log: Logger): Periodic {
  const forget = () => queue.deleteFinished(new Date(Date.now() - days * 24 * HOUR_MS));
  return new Periodic(forget, HOUR_MS, (error) => log.error({ err: error }, 'could not forget old jobs'));
}

function role(value: string): Role | 'all' {
  if (value === 'all' || (ROLES as readonly string[]).includes(value)) return value as Role | 'all';
  throw new UsageError(`--role must be api, worker, scheduler or all, not '${value}'`);
}

const wholeNumber = (option: string, min: number, max: number) => (value: string) => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new UsageError(`${option} must be a whole number from ${min} to ${max}, not '${value}'`);
  }
  return parsed;
};

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'run the service: HTTP API and portal, job workers and the scheduler (embedded, or one role of a scale-out deployment)',
    )
    .addOption(
      new Option('--role <role>', 'what this process runs: api, worker, scheduler or all')
        .argParser(role)
        .default('all'),
    )
    .addOption(
      new Option(
        '--repository-root <location>',
        "where organizations' repositories go: a directory or s3://bucket/prefix (default <home>/repositories)",
      ),
    )
    .addOption(new Option('--s3-endpoint <url>', 'endpoint of S3-compatible storage (path-style addressing)'))
    .addOption(
      new Option(
        '--catalog <url>',
        'catalog database (default: the service database on PostgreSQL, else <home>/catalog.sqlite)',
      ),
    )
    .addOption(
      new Option('--workers <n>', 'backups a worker process runs at once')
        .argParser(wholeNumber('--workers', 1, 64))
        .default(2),
    )
    .addOption(
      new Option(
        '--job-lease <seconds>',
        'how long the jobs of a worker that stopped answering wait before another worker takes them over',
      )
        .argParser(wholeNumber('--job-lease', 2, 3600))
        .default(60),
    )
    .addOption(
      new Option('--job-history-days <days>', 'how long finished jobs and their logs are kept')
        .argParser(wholeNumber('--job-history-days', 1, 3650))
        .default(90),
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
