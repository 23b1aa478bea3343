// Directory backups against a real sandbox over HTTPS, into a real repository in a
// temporary directory with a real SQLite catalog: the fixture, a way to change the tenant
// as an admin would (so delta and the logs see it), and readers of what a backup wrote.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Catalog } from '../../../src/catalog/index.js';
import {
  backupDirectory,
  type BackupProgress,
  type DirectoryBackupResult,
} from '../../../src/engine/backup.js';
import { GraphClient, type GraphClientOptions, type GraphEvent } from '../../../src/graph/index.js';
import { FsBackend, Repository, type SnapshotItem } from '../../../src/repository/index.js';
import { APPLICATION_PERMISSIONS } from '../../../src/sandbox/directory/graph-permissions.js';
import type { DirectoryStore } from '../../../src/sandbox/directory/store.js';
import { GraphError } from '../../../src/sandbox/errors.js';
import type { GraphRequest, GraphResponse } from '../../../src/sandbox/graph/context.js';
import { errorResponse } from '../../../src/sandbox/graph/dispatch.js';
import type { SandboxOptions } from '../../../src/sandbox/index.js';
import { itemPath, type BackupToggle } from '../../../src/workloads/directory/item.js';
import { tempDir } from '../../catalog/support.js';
import { connectionTo } from '../../graph/support.js';
import { PASSWORD, TEST_OPTIONS } from '../../repository/support.js';
import { startTestSandbox, type GraphResult, type TestSandbox } from '../../support/sandbox.js';

type TestContext = { after: (fn: () => Promise<void>) => void };

/** The UTC day (YYYY-MM-DD) of a Graph date-time. */
export const dayOf = (time: unknown) => new Date(Date.parse(String(time))).toISOString().slice(0, 10);

export interface BackupRun {
  result: DirectoryBackupResult;
  /** Every Graph answer, retry and failure of the run. */
  events: GraphEvent[];
}

export interface BackupFixture {
  sandbox: TestSandbox;
  dir: string;
  repositoryDir: string;
  catalogPath: string;
  repository: Repository;
  catalog: Catalog;
  tenantId: string;
  /** The sandbox tenant's directory, to compare backups with the truth. */
  store: DirectoryStore;
  /** A backup with a Graph client of its own (so it gets a fresh token). */
  backup(options?: {
    toggles?: BackupToggle[];
    client?: GraphClientOptions;
    fullListingIntervalMs?: number;
    logDayMemoryBytes?: number;
    onProgress?(event: BackupProgress): void;
  }): Promise<BackupRun>;
  /** Changes the tenant through the sandbox admin endpoint; fails the test on an error answer. */
  admin(path: string, method?: string, body?: unknown): Promise<GraphResult>;
}

export async function backupFixture(
  t: TestContext,
  options: Partial<SandboxOptions> = {},
): Promise<BackupFixture> {
  const dir = await tempDir(t);
  const sandbox = await startTestSandbox({ users: 60, ...options });
  t.after(() => sandbox.close());
  const repositoryDir = join(dir, 'repository');
  const repository = await Repository.init(new FsBackend(repositoryDir), PASSWORD, TEST_OPTIONS);
  const catalogPath = join(dir, 'catalog.sqlite');
  const catalog = Catalog.open(catalogPath);
  await catalog.migrate();
  t.after(() => catalog.close());
  const tenantId = sandbox.tenant.tenantId;
  const store = sandbox.running.sandbox.tenants.get(tenantId)!.store;
  return {
    sandbox,
    dir,
    repositoryDir,
    catalogPath,
    repository,
    catalog,
    tenantId,
    store,
    async backup({ toggles, client, fullListingIntervalMs, logDayMemoryBytes, onProgress } = {}) {
      const events: GraphEvent[] = [];
      const graph = new GraphClient(connectionTo(sandbox), {
        backoff: { baseMs: 100 },
        ...client,
        onEvent: (event) => events.push(event),
      });
      try {
        return {
          result: await backupDirectory({
            graph,
            repository,
            catalog,
            toggles,
            fullListingIntervalMs,
            logDayMemoryBytes,
            onProgress,
          }),
          events,
        };
      } finally {
        await graph.close();
      }
    },
    async admin(path, method = 'GET', body) {
      const answer = await sandbox.admin(`/tenants/${tenantId}${path}`, method, body);
      if (answer.status >= 300)
        throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer;
    },
  };
}

/** Runs `intercept` ahead of every Graph request the sandbox serves; an answer it gives is served instead. */
export function interceptRequests(
  fixture: BackupFixture,
  intercept: (request: GraphRequest) => GraphResponse | undefined,
): void {
  const graph = fixture.sandbox.running.graph;
  const dispatch = graph.dispatch.bind(graph);
  graph.dispatch = async (request, inBatch) => intercept(request) ?? dispatch(request, inBatch);
}

/**
 * Answers every later page (one with a $skiptoken) of the listings `lists` picks with
 * Graph's 403, as when a permission is withdrawn in the middle of a listing, until allowed.
 */
export function refuseLaterPages(
  fixture: BackupFixture,
  lists: (request: GraphRequest) => boolean,
): { allow(): void } {
  let refusing = true;
  interceptRequests(fixture, (request) =>
    refusing && lists(request) && request.query.has('$skiptoken')
      ? errorResponse(
          new GraphError(
            403,
            'Authorization_RequestDenied',
            'Insufficient privileges to complete the operation.',
          ),
        )
      : undefined,
  );
  return {
    allow: () => {
      refusing = false;
    },
  };
}

/** The items of a repository snapshot by path. */
export async function itemsByPath(
  repository: Repository,
  snapshotId: string,
): Promise<Map<string, SnapshotItem>> {
  const items = new Map<string, SnapshotItem>();
  for await (const item of repository.items(snapshotId)) items.set(item.path, item);
  return items;
}

export async function contentOf(repository: Repository, item: SnapshotItem): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of repository.readContent(item)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Graph requests of a run by method and path, e.g. "GET /users/delta". */
export function requestsOf(run: BackupRun): string[] {
  return run.events.flatMap((event) => (event.type === 'response' ? [`${event.method} ${event.path}`] : []));
}

/** Takes an application permission away from the backup app; the returned function gives it back. */
export async function revokePermission(
  fixture: BackupFixture,
  permission: string,
): Promise<() => Promise<void>> {
  const role = APPLICATION_PERMISSIONS.find(({ value }) => value === permission);
  const app = [...fixture.store.collection('servicePrincipals').values()].find(
    (principal) => principal.appId === fixture.sandbox.tenant.clientId,
  );
  const assignment = [...fixture.store.collection('appRoleAssignments').values()].find(
    (candidate) => candidate.principalId === app?.id && candidate.appRoleId === role?.id,
  );
  if (!assignment) throw new Error(`the backup app does not hold ${permission}`);
  await fixture.admin(`/objects/appRoleAssignments/${assignment.id}`, 'DELETE');
  return async () => {
    await fixture.admin('/objects/appRoleAssignments', 'POST', assignment);
  };
}

/**
 * Every Graph request the sandbox serves from now on, inner `$batch` requests one by one,
 * as "GET /path?query" (query decoded).
 */
export function servedRequests(fixture: BackupFixture): string[] {
  const served: string[] = [];
  const graph = fixture.sandbox.running.graph;
  const dispatch = graph.dispatch.bind(graph);
  graph.dispatch = (request, inBatch) => {
    const query = decodeURIComponent(request.query.toString().replaceAll('+', ' '));
    served.push(`${request.method} ${request.path}${query ? `?${query}` : ''}`);
    return dispatch(request, inBatch);
  };
  return served;
}

/** Every sign-in of the tenant is in its UTC day's item, once, ordered by time then id. */
export async function assertSignInDays(fixture: BackupFixture, snapshotId: string): Promise<void> {
  const items = await itemsByPath(fixture.repository, snapshotId);
  const byDay = new Map<string, { id: string; time: number }[]>();
  for (const entry of fixture.store.collection('signIns').values()) {
    const day = dayOf(entry.createdDateTime);
    byDay.set(day, [
      ...(byDay.get(day) ?? []),
      { id: entry.id, time: Date.parse(String(entry.createdDateTime)) },
    ]);
  }
  const days = [...items.keys()].filter((path) => path.startsWith('directory/signInLogs/'));
  assert.equal(days.length, byDay.size);
  for (const [day, entries] of byDay) {
    const item = items.get(itemPath('signInLogs', day));
    assert.ok(item, `sign-ins of ${day}`);
    const lines = (await contentOf(fixture.repository, item)).trimEnd().split('\n');
    const expectedIds = entries.sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1)).map(({ id }) => id);
    assert.deepEqual(
      lines.map((line) => (JSON.parse(line) as { id: string }).id),
      expectedIds,
      `sign-ins of ${day}`,
    );
  }
}
