// An organization's Entra ID backup data: its snapshots, the object types of a snapshot
// with counts, the objects of a snapshot (search, server-side pages), one object as
// stored, its version history, what changed between two snapshots or between a snapshot
// and the live tenant (attribute-level, paged), and an export as JSON Lines. Lists come
// from the catalog; contents from the organization's repository.
import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { Snapshot } from '../../catalog/index.js';
import { findStoredItem } from '../../engine/directory/browse.js';
import type { ComparedItem } from '../../engine/directory/changes.js';
import { compareSnapshots } from '../../engine/directory/compare.js';
import { compareWithLive } from '../../engine/directory/drift.js';
import { exportLogEntries, exportObjects } from '../../engine/directory/export.js';
import { objectHistory } from '../../engine/directory/history.js';
import { readStoredItem } from '../../engine/directory/stored-items.js';
import {
  BadReferenceError,
  resolveSnapshotReference,
  type ReadableSnapshot,
} from '../../engine/snapshot-reference.js';
import type { Repository } from '../../repository/index.js';
import type { Organization } from '../../service/organizations/organizations.js';
import { DIRECTORY_TYPES, DIRECTORY_WORKLOAD, type DirectoryType } from '../../workloads/directory/item.js';
import { organizationOf } from '../access.js';
import { ERROR_RESPONSES, Guid, Nullable, OneOf, type ApiContext, type ApiInstance } from '../context.js';
import { ApiError } from '../errors.js';
import { DEFAULT_PAGE_SIZE, Page, PageQuery } from '../paging.js';

const TypeName = OneOf(DIRECTORY_TYPES);
const Reference = (description: string) => Type.String({ minLength: 1, maxLength: 100, description });
const AT = Reference('snapshot: a number, latest (default), previous, latest~N, a date or a time');

const SnapshotView = Type.Object({
  seq: Type.Integer(),
  startedAt: Type.String({ format: 'date-time' }),
  finishedAt: Nullable(Type.String({ format: 'date-time' })),
  status: Type.String(),
  items: Type.Integer(),
  added: Type.Integer(),
  changed: Type.Integer(),
  removed: Type.Integer(),
  summary: Type.Unknown({ description: 'per-type counts and request counters' }),
});
const ObjectView = Type.Object({
  type: TypeName,
  id: Type.String(),
  displayName: Nullable(Type.String()),
  versionHash: Type.String(),
  firstSeenAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Type.String({ format: 'date-time' }),
});
const ChangeView = Type.Object({
  change: Type.Union([Type.Literal('added'), Type.Literal('removed'), Type.Literal('changed')]),
  type: TypeName,
  id: Type.String(),
  displayName: Nullable(Type.String()),
  properties: Type.Optional(
    Type.Array(Type.Object({ property: Type.String(), old: Type.Unknown(), new: Type.Unknown() })),
  ),
  relationships: Type.Optional(
    Type.Array(
      Type.Object({
        relationship: Type.String(),
        added: Type.Array(Type.String()),
        removed: Type.Array(Type.String()),
      }),
    ),
  ),
  entries: Type.Optional(Type.Object({ before: Type.Integer(), after: Type.Integer() })),
});

const OrganizationParams = Type.Object({ organizationId: Guid() });
const ObjectParams = Type.Object({
  organizationId: Guid(),
  type: TypeName,
  id: Type.String({ minLength: 1, maxLength: 200 }),
});

function snapshotView(snapshot: Snapshot): Static<typeof SnapshotView> {
  return {
    seq: snapshot.seq,
    startedAt: snapshot.startedAt,
    finishedAt: snapshot.finishedAt,
    status: snapshot.status,
    items: snapshot.itemCount,
    added: snapshot.addedCount,
    changed: snapshot.changedCount,
    removed: snapshot.removedCount,
    summary: snapshot.summary,
  };
}

/** A reference that names no snapshot (or object) is the caller's to correct. */
async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BadReferenceError) throw new ApiError(404, 'not_found', error.message);
    throw error;
  }
}

export function registerDirectoryRoutes(app: ApiInstance, context: ApiContext): void {
  const { services, pages } = context;
  const operations = { tags: ['entra-id-backup'] };

  const snapshotsOf = (organization: Organization) =>
    services.catalog.listSnapshots(organization.tenantId, DIRECTORY_WORKLOAD);

  async function snapshotAt(organization: Organization, reference = 'latest'): Promise<ReadableSnapshot> {
    return answering(async () => resolveSnapshotReference(reference, await snapshotsOf(organization)));
  }

  async function repositoryOf(request: FastifyRequest): Promise<Repository> {
    const organization = organizationOf(request);
    const { settings } = await services.settings.get(organization);
    return services.repositories.reader(organization, settings);
  }

  app.get(
    '/api/organizations/:organizationId/directory/snapshots',
    {
      config: { access: 'backup.read' },
      schema: {
        ...operations,
        summary: 'Snapshots of the Entra ID backup, newest first',
        params: OrganizationParams,
        response: { 200: Type.Object({ snapshots: Type.Array(SnapshotView) }), ...ERROR_RESPONSES },
      },
    },
    async (request) => ({
      snapshots: (await snapshotsOf(organizationOf(request))).reverse().map(snapshotView),
    }),
  );

  app.get(
    '/api/organizations/:organizationId/directory/types',
    {
      config: { access: 'backup.read' },
      schema: {
        ...operations,
        summary: 'The object types of a snapshot with their counts',
        params: OrganizationParams,
        querystring: Type.Object({ at: Type.Optional(AT) }),
        response: {
          200: Type.Object({
            snapshot: SnapshotView,
            types: Type.Array(Type.Object({ type: Type.String(), count: Type.Integer() })),
          }),
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request) => {
      const organization = organizationOf(request);
      const snapshot = await snapshotAt(organization, request.query.at);
      const [row, counts] = await Promise.all([
        services.catalog.snapshot(organization.tenantId, DIRECTORY_WORKLOAD, snapshot.seq),
        services.catalog.countsByType(organization.tenantId, DIRECTORY_WORKLOAD, snapshot.seq),
      ]);
      return {
        snapshot: snapshotView(row),
        types: counts.map((count) => ({ type: count.itemType, count: count.count })),
      };
    },
  );

  app.get(
    '/api/organizations/:organizationId/directory/items',
    {
      config: { access: 'backup.read' },
      schema: {
        ...operations,
        summary: 'The objects of a snapshot, by type and id; search by display name or id',
        params: OrganizationParams,
        querystring: Type.Object({
          ...PageQuery,
          at: Type.Optional(AT),
          type: Type.Optional(TypeName),
          search: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
        }),
        response: { 200: Page(ObjectView), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const organization = organizationOf(request);
      const { at, type, search, pageSize = DEFAULT_PAGE_SIZE, pageToken } = request.query;
      const snapshot = await snapshotAt(organization, at);
      const list = `directory-items:${organization.id}:${snapshot.seq}:${type ?? ''}:${search ?? ''}`;
      const page = await services.catalog.listItems(organization.tenantId, DIRECTORY_WORKLOAD, snapshot.seq, {
        itemType: type,
        search,
        limit: pageSize,
        cursor: pages.open<string>(list, pageToken),
      });
      return {
        items: page.items.map((item) => ({
          type: item.itemType as DirectoryType,
          id: item.objectId,
          displayName: item.displayName,
          versionHash: item.versionHash,
          firstSeenAt: item.firstSeenAt,
          lastSeenAt: item.lastSeenAt,
        })),
        nextPageToken: page.nextCursor ? pages.seal(list, page.nextCursor) : null,
      };
    },
  );

  app.get(
    '/api/organizations/:organizationId/directory/items/:type/:id',
    {
      config: { access: 'backup.read' },
      schema: {
        ...operations,
        summary: 'One object as a snapshot holds it: every property and relationship',
        params: ObjectParams,
        querystring: Type.Object({ at: Type.Optional(AT) }),
        response: {
          200: Type.Object({ snapshot: Type.Integer(), object: Type.Unknown() }),
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request) => {
      const snapshot = await snapshotAt(organizationOf(request), request.query.at);
      const repository = await repositoryOf(request);
      const { item } = await answering(() =>
        findStoredItem(repository, snapshot, request.params.id, request.params.type),
      );
      const content = await readStoredItem(repository, {
        snapshotId: snapshot.repositorySnapshotId,
        path: item.path,
      });
      return { snapshot: snapshot.seq, object: JSON.parse(content.toString('utf8')) as unknown };
    },
  );

  app.get(
    '/api/organizations/:organizationId/directory/items/:type/:id/history',
    {
      config: { access: 'backup.read' },
      schema: {
        ...operations,
        summary: 'Every version of an object across snapshots, each with what changed from the one before',
        params: ObjectParams,
        response: {
          200: Type.Object({
            latestSnapshot: Type.Integer(),
            versions: Type.Array(
              Type.Object({
                displayName: Nullable(Type.String()),
                versionHash: Type.String(),
                firstSnapshot: Type.Integer(),
                lastSnapshot: Type.Integer(),
                firstSeenAt: Type.String({ format: 'date-time' }),
                lastSeenAt: Type.String({ format: 'date-time' }),
                changes: Type.Optional(Type.Omit(ChangeView, ['change', 'type', 'id', 'displayName'])),
              }),
            ),
          }),
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request) => {
      const organization = organizationOf(request);
      const history = await answering(async () =>
        objectHistory({
          catalog: services.catalog,
          repository: await repositoryOf(request),
          tenantId: organization.tenantId,
          objectId: request.params.id,
          type: request.params.type,
          withChanges: true,
        }),
      );
      return {
        latestSnapshot: history.latestSeq,
        versions: history.versions.map((version) => ({
          displayName: version.displayName,
          versionHash: version.versionHash,
          firstSnapshot: version.firstSeenSeq,
          lastSnapshot: version.lastSeenSeq,
          firstSeenAt: version.firstSeenAt,
          lastSeenAt: version.lastSeenAt,
          ...(version.changes ? { changes: version.changes } : {}),
        })),
      };
    },
  );

  app.get(
    '/api/organizations/:organizationId/directory/diff',
    {
      config: { access: 'backup.read' },
      schema: {
        ...operations,
        summary: 'What changed between two snapshots, or (to=live) between a snapshot and the live tenant',
        description:
          'Added, removed and changed objects with attribute-level old and new values and relationship changes, in pages. ' +
          'Comparing with the live tenant reads it through Graph: name the objects (ids) or one type.',
        params: OrganizationParams,
        querystring: Type.Object({
          ...PageQuery,
          from: Type.Optional(Reference('older side (default previous)')),
          to: Type.Optional(Reference('newer side (default latest), or live')),
          type: Type.Optional(TypeName),
          ids: Type.Optional(Type.String({ maxLength: 4000, description: 'comma-separated object ids' })),
        }),
        response: { 200: Page(ChangeView), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const organization = organizationOf(request);
      const {
        from = 'previous',
        to = 'latest',
        type,
        pageSize = DEFAULT_PAGE_SIZE,
        pageToken,
      } = request.query;
      const ids = request.query.ids?.split(',').filter(Boolean);
      if (to === 'live' && !type && !ids?.length) {
        throw new ApiError(400, 'too_wide', 'comparing with the live tenant needs a type or object ids');
      }
      const filter = {
        types: type ? new Set([type]) : undefined,
        ids: ids?.length ? new Set(ids) : undefined,
      };
      const list = `directory-diff:${organization.id}:${from}:${to}:${type ?? ''}:${request.query.ids ?? ''}`;
      const fromSnapshot = await snapshotAt(organization, from);
      const common = {
        catalog: services.catalog,
        repository: await repositoryOf(request),
        tenantId: organization.tenantId,
        filter,
      };
      const changes =
        to === 'live'
          ? compareWithLive({
              ...common,
              snapshot: fromSnapshot,
              graph: await services.connections.graph(organization),
            })
          : compareSnapshots({
              ...common,
              from: fromSnapshot,
              to: await snapshotAt(organization, to),
              startAfter: pages.open<{ type: DirectoryType; id: string }>(list, pageToken),
            });
      const items: ComparedItem[] = [];
      // Live comparisons come whole (they are narrowed to a type or ids); snapshot ones in pages.
      for await (const change of changes) {
        items.push(change);
        if (to !== 'live' && items.length > pageSize) break;
      }
      const more = items.length > pageSize && to !== 'live';
      const page = more ? items.slice(0, pageSize) : items;
      const last = page.at(-1);
      return {
        items: page,
        nextPageToken: more && last ? pages.seal(list, { type: last.type, id: last.id }) : null,
      };
    },
  );

  app.get(
    '/api/organizations/:organizationId/directory/export',
    {
      config: { access: 'backup.read' },
      schema: {
        ...operations,
        summary: 'Export a snapshot’s objects (and log entries) as JSON Lines, one object per line',
        params: OrganizationParams,
        querystring: Type.Object({ at: Type.Optional(AT), type: Type.Optional(TypeName) }),
        produces: ['application/x-ndjson'],
      },
    },
    async (request, reply) => {
      const organization = organizationOf(request);
      const snapshot = await snapshotAt(organization, request.query.at);
      const repository = await repositoryOf(request);
      const types = new Set<DirectoryType>(request.query.type ? [request.query.type] : DIRECTORY_TYPES);
      async function* lines() {
        yield* exportObjects(repository, snapshot, types);
        yield* exportLogEntries(repository, snapshot, types);
      }
      const name = `entra-${organization.tenantId}-${snapshot.seq}${request.query.type ? `-${request.query.type}` : ''}.jsonl`;
      return reply
        .type('application/x-ndjson')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(Readable.from(lines()));
    },
  );
}
