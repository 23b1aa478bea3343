// The service for a test file: its API on a free port of localhost, configured against a
// running sandbox's publisher apps (sign-in and backup) and trusting the sandbox's CA, with
// a fresh database (SQLite unless a URL is given), catalog, repository root and service
// key, and the job queue with this process's workers. Log lines are kept so tests can look
// for secrets in them.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApi, type Api } from '../../src/api/server.js';
import { openServiceDb, type ServiceDb } from '../../src/service/database.js';
import { startWorkers } from '../../src/service/jobs/workers.js';
import {
  openNotificationServices,
  type NotificationOptions,
  type NotificationServices,
} from '../../src/service/notifications/index.js';
import { openJobQueue } from '../../src/service/queue/open.js';
import type { Queue } from '../../src/service/queue/queue.js';
import {
  openOrganizationServices,
  type OrganizationServices,
} from '../../src/service/organizations/index.js';
import type { IdentityPlatformConfig } from '../../src/service/organizations/identity-platform.js';
import { SecretBox } from '../../src/service/secret-box.js';
import type { TestSandbox } from './sandbox.js';
import { freePort } from './free-port.js';

export interface TestService {
  url: string;
  api: Api;
  services: OrganizationServices;
  queue: Queue;
  /** Where organizations' repositories are created. */
  repositoryRoot: string;
  notifications: NotificationServices;
  /** The database the service runs on, for a queue or notifier of the test's own. */
  serviceDb: ServiceDb;
  platform: IdentityPlatformConfig;
  box: SecretBox;
  databaseUrl: string;
  /** Every log line the service wrote. */
  logs: string[];
  close(): Promise<void>;
}

export async function sandboxPlatform(sandbox: TestSandbox): Promise<IdentityPlatformConfig> {
  const publisher = sandbox.running.access.publisher;
  return {
    authorityHost: sandbox.url,
    signInTenant: 'organizations',
    graphBaseUrl: `${sandbox.url}/v1.0`,
    extraCaPem: await readFile(sandbox.running.caPath, 'utf8'),
    signInApp: { clientId: publisher.signInAppId, clientSecret: publisher.signInAppSecret },
    backupApp: {
      clientId: publisher.backupAppId,
      credential: { kind: 'secret', secret: publisher.backupAppSecret },
    },
  };
}

export interface ServiceOptions {
  /** The service database, and the catalog with it; SQLite files of the test's own by default. */
  databaseUrl?: string;
  /** Run jobs in this process (default true); false leaves them to worker processes. */
  workers?: boolean;
  /** Where repositories go (default a directory of the test's own), with its S3 endpoint. */
  repositoryRoot?: string;
  s3Endpoint?: string;
  serviceKey?: Buffer;
  notifications?: NotificationOptions;
}

export async function startTestService(
  sandbox: TestSandbox,
  options: ServiceOptions = {},
): Promise<TestService> {
  const directory = await mkdtemp(join(tmpdir(), 'tenantvault-service-'));
  const databaseUrl = options.databaseUrl ?? join(directory, 'service.sqlite');
  const platform = await sandboxPlatform(sandbox);
  const box = new SecretBox(options.serviceKey ?? randomBytes(32));
  const serviceDb = await openServiceDb(databaseUrl);
  const repositoryRoot = options.repositoryRoot ?? join(directory, 'repositories');
  const services = await openOrganizationServices(serviceDb, box, platform, {
    catalogUrl: options.databaseUrl ?? join(directory, 'catalog.sqlite'),
    repositories: { root: repositoryRoot, s3Endpoint: options.s3Endpoint },
  });
  const queue = await openJobQueue(serviceDb, { pollIntervalMs: 200, progressIntervalMs: 100 });
  if (options.workers !== false) startWorkers(queue, services, box);
  const notifications = await openNotificationServices(serviceDb, box, options.notifications);
  const logs: string[] = [];
  let api: Api;
  // Redirect URIs are built from the public URL, so its port is picked before the API is built.
  const port = await freePort();
  const url = `http://localhost:${port}`;
  try {
    api = await buildApi({
      publicUrl: url,
      platform,
      services,
      queue,
      notifications,
      box,
      version: 'test',
      logger: { level: 'debug', stream: { write: (line: string) => void logs.push(line) } },
    });
    await api.app.listen({ host: '127.0.0.1', port });
  } catch (error) {
    await queue.close();
    notifications.close();
    await services.close();
    await serviceDb.close();
    throw error;
  }
  return {
    url,
    api,
    services,
    queue,
    repositoryRoot,
    notifications,
    serviceDb,
    platform,
    box,
    databaseUrl,
    logs,
    async close() {
      await api.app.close();
      await queue.close();
      notifications.close();
      await services.close();
      await serviceDb.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
