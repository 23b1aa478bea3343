// What a restore reads from the tenant it writes to, before deciding anything: the live
// version of each backed-up object, which missing ones still wait in the recycle bin
// (/directory/deletedItems), the current targets of their relationships, and which
// other objects they point at still exist. Reads go through $batch where Graph allows it.
import { GraphRequestError, type GraphClient } from '../../../graph/index.js';
import type { DirectoryItem, GraphObject } from '../item.js';
import { TYPE_ROUTES } from '../routes.js';
import { linkPath, linkRoute } from './links.js';
import { expandForRead, selectForRead } from './properties.js';

/** POST /directoryObjects/getByIds takes at most this many ids. */
const GET_BY_IDS_LIMIT = 1000;

export class LiveTenant {
  constructor(private readonly graph: GraphClient) {}

  get graphBaseUrl(): string {
    return this.graph.connection.graphBaseUrl;
  }

  /** The live version of each item's object, by id; objects Graph does not find are absent. */
  async objects(items: readonly DirectoryItem[]): Promise<Map<string, GraphObject>> {
    return this.readEach(items, (item) => this.objectUrl(item, `${TYPE_ROUTES[item.type].path}/${item.id}`));
  }

  /** The soft-deleted version of each item's object still in the recycle bin, by id. */
  async deletedObjects(items: readonly DirectoryItem[]): Promise<Map<string, GraphObject>> {
    return this.readEach(items, (item) => this.objectUrl(item, `/directory/deletedItems/${item.id}`));
  }

  /** The ids a relationship of a live object points at now. */
  async linkTargets(item: DirectoryItem, relationship: string): Promise<string[]> {
    const path = linkPath(item.type, item.id, relationship);
    if (linkRoute(item.type, relationship)?.single) {
      try {
        return [(await this.graph.get<GraphObject>(path, { $select: 'id' })).id];
      } catch (error) {
        if (error instanceof GraphRequestError && error.status === 404) return [];
        throw error;
      }
    }
    const targets: string[] = [];
    for await (const target of this.graph.list<GraphObject>(path, { $select: 'id' })) targets.push(target.id);
    return targets;
  }

  /** The manager of each of these users now, by user id; users without one are absent. */
  async managers(userIds: readonly string[]): Promise<Map<string, string>> {
    const answers = await this.graph.batch<GraphObject>(
      userIds.map((id, index) => ({
        id: String(index + 1),
        url: `${linkPath('users', id, 'manager')}?$select=id`,
      })),
    );
    const managers = new Map<string, string>();
    answers.forEach((answer, index) => {
      if (answer.status === 404) return;
      if (answer.status >= 400)
        throw new Error(`Reading the manager of user ${userIds[index]} failed: ${answer.status}`);
      managers.set(userIds[index] as string, answer.body.id);
    });
    return managers;
  }

  /** Which of these directory object ids (users, groups, service principals …) exist in the tenant. */
  async existingDirectoryObjects(ids: Iterable<string>): Promise<Set<string>> {
    const wanted = [...new Set(ids)];
    const found = new Set<string>();
    for (let start = 0; start < wanted.length; start += GET_BY_IDS_LIMIT) {
      const { body } = await this.graph.request<{ value?: GraphObject[] }>({
        method: 'POST',
        url: '/directoryObjects/getByIds',
        body: { ids: wanted.slice(start, start + GET_BY_IDS_LIMIT) },
        // A read, whatever its verb: safe to send again.
        idempotent: true,
      });
      for (const object of body.value ?? []) found.add(object.id);
    }
    return found;
  }

  /** The ids of the tenant's named locations (not directory objects, so not found by getByIds). */
  async namedLocationIds(): Promise<Set<string>> {
    return this.ids(TYPE_ROUTES.namedLocations.path);
  }

  /** The ids of the tenant's role definitions, built-in and custom (not directory objects either). */
  async roleDefinitionIds(): Promise<Set<string>> {
    return this.ids(TYPE_ROUTES.customRoles.path);
  }

  /** Who holds a role now, at which scope. */
  async roleAssignments(roleDefinitionId: string): Promise<GraphObject[]> {
    return this.entries('/roleManagement/directory/roleAssignments', {
      $filter: `roleDefinitionId eq '${roleDefinitionId}'`,
      $select: 'id,principalId,roleDefinitionId,directoryScopeId,appScopeId',
    });
  }

  /** Who holds which app role of a resource service principal now. */
  async appRoleAssignedTo(resourceId: string): Promise<GraphObject[]> {
    return this.entries(`${TYPE_ROUTES.servicePrincipals.path}/${resourceId}/appRoleAssignedTo`, {
      $select: 'id,principalId,resourceId,appRoleId',
    });
  }

  private async entries(path: string, query: Record<string, string>): Promise<GraphObject[]> {
    const entries: GraphObject[] = [];
    for await (const entry of this.graph.list<GraphObject>(path, query)) entries.push(entry);
    return entries;
  }

  private async ids(path: string): Promise<Set<string>> {
    const ids = new Set<string>();
    for await (const object of this.graph.list<GraphObject>(path, { $select: 'id' })) ids.add(object.id);
    return ids;
  }

  private objectUrl(item: DirectoryItem, path: string): string {
    const query = new URLSearchParams();
    const select = selectForRead(item.type, item.object);
    if (select) query.set('$select', [...new Set(['id', ...select])].join(','));
    const expand = expandForRead(item.type, item.object);
    if (expand.length > 0) query.set('$expand', expand.join(','));
    const text = query.toString();
    return text ? `${path}?${text}` : path;
  }

  /** One GET per item through $batch; 404 means absent, any other failure stops the restore. */
  private async readEach(
    items: readonly DirectoryItem[],
    urlOf: (item: DirectoryItem) => string,
  ): Promise<Map<string, GraphObject>> {
    const answers = await this.graph.batch<GraphObject | { error?: { code?: string; message?: string } }>(
      items.map((item, index) => ({ id: String(index + 1), url: urlOf(item) })),
    );
    const found = new Map<string, GraphObject>();
    answers.forEach((answer, index) => {
      const item = items[index] as DirectoryItem;
      if (answer.status === 404) return;
      if (answer.status >= 400) {
        const error = (answer.body as { error?: { code?: string; message?: string } }).error;
        throw new Error(
          `Reading ${TYPE_ROUTES[item.type].label.toLowerCase()} ${item.id} failed: ${answer.status} ${error?.code ?? ''}: ${error?.message ?? 'no details'}`,
        );
      }
      found.set(item.id, answer.body as GraphObject);
    });
    return found;
  }
}
