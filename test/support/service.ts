// The service for a test file: its API on a free port of localhost, configured against a
// running sandbox's publisher apps (sign-in and backup) and trusting the sandbox's CA, with
// a fresh database (SQLite unless a URL is given) and service key. Log lines are kept so
// tests can look for secrets in them.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { buildApi, type Api } from '../../src/api/server.js';
import { openServiceDb, type ServiceDb } from '../../src/service/database.js';
import {
  openNotificationServices,
  type NotificationOptions,
  type NotificationServices,
} from '../../src/service/notifications/index.js';
import {
  openOrganizationServices,
  type OrganizationServices,
} from '../../src/service/organizations/index.js';
import type { IdentityPlatformConfig } from '../../src/service/organizations/identity-platform.js';
import { SecretBox } from '../../src/service/secret-box.js';
import type { TestSandbox } from './sandbox.js';

export interface TestService {
  url: string;
  api: Api;
  services: OrganizationServices;
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

export async function startTestService(
  sandbox: TestSandbox,
  options: { databaseUrl?: string; notifications?: NotificationOptions } = {},
): Promise<TestService> {
  const directory = await mkdtemp(join(tmpdir(), 'tenantvault-service-'));
  const databaseUrl = options.databaseUrl ?? join(directory, 'service.sqlite');
  const platform = await sandboxPlatform(sandbox);
  const box = new SecretBox(randomBytes(32));
  const serviceDb = await openServiceDb(databaseUrl);
  const services = await openOrganizationServices(serviceDb, box, platform);
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
      notifications,
      box,
      version: 'test',
      logger: { level: 'debug', stream: { write: (line: string) => void logs.push(line) } },
    });
    await api.app.listen({ host: '127.0.0.1', port });
  } catch (error) {
    notifications.close();
    await services.close();
    await serviceDb.close();
    throw error;
  }
  return {
    url,
    api,
    services,
    notifications,
    serviceDb,
    platform,
    box,
    databaseUrl,
    logs,
    async close() {
      await api.app.close();
      notifications.close();
      await services.close();
      await serviceDb.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
