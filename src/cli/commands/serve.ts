// `tenantvault serve`: the service until interrupted, in the roles asked for: the HTTP API
// (portal sign-in, organizations, settings, users, jobs, backup data, tokens, audit), the
// workers that run jobs, and the scheduler that enqueues them. Embedded by default (one
// process, SQLite, repositories under the data directory); scale-out with a PostgreSQL
// database, S3 repositories and any number of processes per role. tenantvault's two apps are configuration: the
// sign-in app's id and the backup app's id, their secrets from TENANTVAULT_SIGN_IN_CLIENT_SECRET
// and TENANTVAULT_BACKUP_CLIENT_SECRET (or files), the backup app's certificate as PEM
// files; the identity platform, Graph and an extra CA as for every command. --demo runs a
// sandbox in the same process and configures everything against it. The command line is
// src/cli/definitions/serve.ts.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { pino, type Logger } from 'pino';
import { buildApi } from '../../api/server.js';
import type { GraphCredential } from '../../graph/index.js';
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
import { ConnectionWatch } from '../../service/organizations/connection-watch.js';
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
import { ROLES, type Role } from '../definitions/serve.js';

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
      // Finds revoked consents between backups, for Settings and the notifier.
      const watch = new ConnectionWatch(services, {
        onError: (error) => serviceLog.warn({ err: error }, 'could not check a connection'),
      });
      watch.start();
      stops.push(() => watch.stop());
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

/** `serve` */
export async function serve(flags: ServeFlags, command: Command): Promise<void> {
  const { home, output } = contextOf(command);
  await run(flags, home, command.parent?.version() ?? '0.0.0', output);
}
