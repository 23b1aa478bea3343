// `tenantvault serve`: the service's command line (roles, storage, listening, the identity
// platform and tenantvault's apps, notifications, --demo). Implemented in
// src/cli/commands/serve.ts.
import { Option, type Command } from 'commander';
import { MICROSOFT_AUTHORITY_HOST, MICROSOFT_GRAPH_BASE_URL } from '../../graph/config.js';
import { UsageError } from '../exit-codes.js';
import { lazyAction } from '../lazy-action.js';

/** The module that implements the commands below, loaded when one runs. */
const implementation = () => import('../commands/serve.js');

export const ROLES = ['api', 'worker', 'scheduler'] as const;
export type Role = (typeof ROLES)[number];

function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65535) {
    throw new UsageError(`--port must be a whole number from 1 to 65535, not '${value}'`);
  }
  return parsed;
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
        '--repository, --repository-root <location>',
        "where organizations' repositories go, one per tenant under it: a directory or s3://bucket/prefix (default <home>/repositories)",
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
    .action(lazyAction(implementation, 'serve'));
}
