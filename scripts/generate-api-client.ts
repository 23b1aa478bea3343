// The portal's API types come from the API's own OpenAPI document, never by hand: this
// builds the API in-process (a throwaway database, no network), takes its document and
// writes web/src/api/schema.d.ts with openapi-typescript.
//   node --import tsx scripts/generate-api-client.ts           write the file
//   node --import tsx scripts/generate-api-client.ts --check   exit 1 when it is out of date
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildApi } from '../src/api/server.js';
import { openServiceDb } from '../src/service/database.js';
import { openNotificationServices } from '../src/service/notifications/index.js';
import { openJobQueue } from '../src/service/queue/open.js';
import { openOrganizationServices } from '../src/service/organizations/index.js';
import type { IdentityPlatformConfig } from '../src/service/organizations/identity-platform.js';
import { SecretBox } from '../src/service/secret-box.js';

export const SCHEMA_FILE = fileURLToPath(new URL('../web/src/api/schema.d.ts', import.meta.url));

const HEADER =
  "// Generated from the API's OpenAPI document by scripts/generate-api-client.ts: do not edit.\n" +
  '// Regenerate with `npm run generate:api` after changing a route.\n';

/** The platform the document is built with: never contacted, only named. */
const PLACEHOLDER_PLATFORM: IdentityPlatformConfig = {
  authorityHost: 'https://login.invalid',
  signInTenant: 'organizations',
  graphBaseUrl: 'https://graph.invalid/v1.0',
  signInApp: { clientId: '00000000-0000-0000-0000-000000000001', clientSecret: 'unused' },
  backupApp: {
    clientId: '00000000-0000-0000-0000-000000000002',
    credential: { kind: 'secret', secret: 'unused' },
  },
};

/** The API's OpenAPI document as `GET /api/openapi.json` answers it. */
export async function openApiDocument(): Promise<unknown> {
  const directory = await mkdtemp(join(tmpdir(), 'tenantvault-openapi-'));
  const serviceDb = await openServiceDb(join(directory, 'service.sqlite'));
  const box = new SecretBox(randomBytes(32));
  const services = await openOrganizationServices(serviceDb, box, PLACEHOLDER_PLATFORM, {
    catalogUrl: join(directory, 'catalog.sqlite'),
    repositories: { root: join(directory, 'repositories') },
  });
  const queue = await openJobQueue(serviceDb);
  const notifications = await openNotificationServices(serviceDb, box, {});
  try {
    const api = await buildApi({
      publicUrl: 'http://localhost:8080',
      platform: PLACEHOLDER_PLATFORM,
      services,
      queue,
      notifications,
      box,
      version: 'generated',
      logger: { level: 'silent' },
    });
    const document = api.app.swagger();
    await api.app.close();
    return document;
  } finally {
    notifications.close();
    await queue.close();
    await services.close();
    await serviceDb.close();
    await rm(directory, { recursive: true, force: true });
  }
}

/** The TypeScript the portal's client is typed with. */
export async function apiSchemaSource(): Promise<string> {
  const document = (await openApiDocument()) as Parameters<typeof openapiTS>[0];
  return HEADER + astToString(await openapiTS(document, { alphabetize: true }));
}

async function main(): Promise<void> {
  const source = await apiSchemaSource();
  if (process.argv.includes('--check')) {
    const current = await readFile(SCHEMA_FILE, 'utf8').catch(() => '');
    if (current !== source) {
      console.error(`${SCHEMA_FILE} is out of date: run npm run generate:api`);
      process.exit(1);
    }
    return;
  }
  await writeFile(SCHEMA_FILE, source);
  console.log(`wrote ${SCHEMA_FILE}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
