// Reading Entra ID collections the way Graph serves them: list with paging, $filter,
// $search, $count and $expand; get one; /$count; relationship lists and their $ref views.
import { GraphError, notFound } from '../errors.js';
import type { DirectoryObject } from '../directory/store.js';
import {
  json,
  metadataContext,
  requireAnyPermission,
  type GraphContext,
  type GraphResponse,
} from './context.js';
import { matchesFilter } from './filter.js';
import { afterTime, newestFirst, readCursor, takePage, withValue } from './paging.js';
import {
  countNeedsEventual,
  matchesSearch,
  pageSize,
  parseQuery,
  project,
  requireHeaders,
  type Expansion,
  type QueryOptions,
} from './query.js';
import { odataType, RESOURCE_BY_COLLECTION, type ResourceDefinition } from './resources.js';
import { scopedRoleMembers } from './scoped-role-members.js';

/** Graph returns at most 20 related objects inside an $expand. */
const EXPAND_LIMIT = 20;
/** Graph pages a directory listing with $expand at 100 objects, whatever $top asks. */
const EXPANDED_PAGE = 100;

export function requireRead(context: GraphContext, resource: ResourceDefinition): void {
  requireAnyPermission(context.claims, [...resource.read, ...resource.write]);
  requireHeaders(context.request, resource);
}

export function findObject(context: GraphContext, resource: ResourceDefinition, id: string): DirectoryObject {
  const object = context.tenant.store.collection(resource.collection).get(id);
  if (!object) throw notFound(id);
  return object;
}

/** A related object as it appears in a directoryObject collection: typed, default shape. */
export function relatedObject(
  context: GraphContext,
  id: string,
  select?: string[],
): Record<string, unknown> | undefined {
  const object = context.tenant.store.find(id);
  const collection = context.tenant.store.collectionOf(id);
  if (!object || !collection) return undefined;
  const resource = RESOURCE_BY_COLLECTION.get(collection);
  const shaped = resource ? project(resource, object, select) : { ...object };
  return { '@odata.type': odataType(collection), ...shaped };
}

/** Target ids of a relationship, including the derived memberOf. */
export function relationTargets(context: GraphContext, id: string, relation: string): string[] {
  const store = context.tenant.store;
  if (relation === 'memberOf') {
    return [...store.linkedFrom(id, 'members').filter((source) => store.find(source) !== undefined)];
  }
  return store.linked(id, relation).filter((target) => store.find(target) !== undefined);
}

/** Related objects in an expansion: in their default shape, or as the nested $select names them. */
function withExpansions(
  context: GraphContext,
  resource: ResourceDefinition,
  object: DirectoryObject,
  shaped: Record<string, unknown>,
  expand: readonly Expansion[],
): Record<string, unknown> {
  for (const { name, select } of expand) {
    if (resource.navigation?.includes(name)) {
      shaped[name] = navigationValue(context, resource, object, name);
      continue;
    }
    const relation = resource.relations?.find((candidate) => candidate.name === name);
    if (!relation) {
      throw new GraphError(
        400,
        'BadRequest',
        `Could not find a property named '${name}' on type 'microsoft.graph.${resource.entity}'.`,
      );
    }
    const targets = relationTargets(context, object.id, name);
    if (relation.kind === 'single') {
      shaped[name] = targets[0] ? (relatedObject(context, targets[0], select) ?? null) : null;
    } else {
      shaped[name] = targets
        .slice(0, EXPAND_LIMIT)
        .map((target) => relatedObject(context, target, select))
        .filter(Boolean);
    }
  }
  return shaped;
}

export function shape(
  context: GraphContext,
  resource: ResourceDefinition,
  object: DirectoryObject,
  options: QueryOptions,
): Record<string, unknown> {
  return withExpansions(context, resource, object, project(resource, object, options.select), options.expand);
}

function candidatesFor(context: GraphContext, resource: ResourceDefinition, options: QueryOptions) {
  const collection = context.tenant.store.collection(resource.collection);
  const cursor = readCursor(context, options.skipToken);
  const { filter } = options;
  if (resource.orderByTime) {
    const field = resource.orderByTime;
    return {
      candidates: afterTime(newestFirst(collection, field), field, cursor.afterTime),
      cursorAfter: (object: DirectoryObject) => ({
        afterTime: [String(object[field] ?? ''), object.id] as [string, string],
      }),
    };
  }
  // One property equal to one string: the objects that have it, not every object.
  const equality =
    filter?.kind === 'compare' &&
    filter.op === 'eq' &&
    typeof filter.value === 'string' &&
    !filter.path.includes('/')
      ? { path: filter.path, value: filter.value }
      : undefined;
  return {
    candidates: equality
      ? withValue(collection, equality.path, equality.value, cursor.after)
      : collection.from(cursor.after),
    cursorAfter: (object: DirectoryObject) => ({ after: object.id }),
  };
}

function matcher(options: QueryOptions): (object: DirectoryObject) => boolean {
  return (object) =>
    (options.filter === undefined || matchesFilter(object, options.filter)) &&
    matchesSearch(object, options.search);
}

export function listCollection(context: GraphContext, resource: ResourceDefinition): GraphResponse {
  requireRead(context, resource);
  const options = parseQuery(context.request, resource);
  const asked = pageSize(context.request, options, resource);
  const size = options.expand.length > 0 ? Math.min(asked.size, EXPANDED_PAGE) : asked.size;
  const preferenceApplied = size === asked.size ? asked.preferenceApplied : undefined;
  const { candidates, cursorAfter } = candidatesFor(context, resource, options);
  const matches = matcher(options);
  const page = takePage(context, candidates, matches, size, cursorAfter);
  const body: Record<string, unknown> = { '@odata.context': metadataContext(context, resource.collection) };
  if (options.count) {
    let total = 0;
    for (const object of context.tenant.store.collection(resource.collection).values())
      if (matches(object)) total++;
    body['@odata.count'] = total;
  }
  if (page.nextLink) body['@odata.nextLink'] = page.nextLink;
  body.value = page.items.map((object) => shape(context, resource, object, options));
  return json(body, 200, preferenceApplied ? { 'preference-applied': preferenceApplied } : {});
}

export function countCollection(context: GraphContext, resource: ResourceDefinition): GraphResponse {
  requireRead(context, resource);
  const options = parseQuery(context.request, resource);
  if (!options.eventual) {
    throw new GraphError(
      400,
      'Request_BadRequest',
      'Count is not currently supported. Add the ConsistencyLevel header with the value eventual.',
    );
  }
  const matches = matcher(options);
  let total = 0;
  for (const object of context.tenant.store.collection(resource.collection).values())
    if (matches(object)) total++;
  return { status: 200, headers: { 'content-type': 'text/plain' }, body: String(total) };
}

/** GET /{collection}/{id}/{relation}/$count (ConsistencyLevel: eventual, as for collections). */
export function countRelation(
  context: GraphContext,
  resource: ResourceDefinition,
  id: string,
  relation: string,
): GraphResponse {
  requireRead(context, resource);
  if (!parseQuery(context.request, undefined).eventual) throw countNeedsEventual();
  findObject(context, resource, id);
  return {
    status: 200,
    headers: { 'content-type': 'text/plain' },
    body: String(relationTargets(context, id, relation).length),
  };
}

export function getObject(context: GraphContext, resource: ResourceDefinition, id: string): GraphResponse {
  requireRead(context, resource);
  const options = parseQuery(context.request, resource);
  const object = findObject(context, resource, id);
  return json({
    '@odata.context': metadataContext(context, `${resource.collection}/$entity`),
    ...shape(context, resource, object, options),
  });
}

/** A navigation property's value: kept inline, or a view of other objects (scopedRoleMembers). */
function navigationValue(
  context: GraphContext,
  resource: ResourceDefinition,
  object: DirectoryObject,
  name: string,
): unknown {
  if (resource.collection === 'administrativeUnits' && name === 'scopedRoleMembers') {
    return scopedRoleMembers(context.tenant.store, String(object.id));
  }
  return object[name] ?? [];
}

/** GET /{collection}/{id}/{navigation} for inline navigation properties (assignments ...). */
export function getNavigation(
  context: GraphContext,
  resource: ResourceDefinition,
  id: string,
  name: string,
): GraphResponse {
  requireRead(context, resource);
  const object = findObject(context, resource, id);
  return json({
    '@odata.context': metadataContext(context, `${resource.collection}('${id}')/${name}`),
    value: navigationValue(context, resource, object, name),
  });
}

export function listRelation(
  context: GraphContext,
  resource: ResourceDefinition,
  id: string,
  relationName: string,
  refsOnly: boolean,
): GraphResponse {
  requireRead(context, resource);
  const relation = resource.relations?.find((candidate) => candidate.name === relationName);
  if (!relation)
    throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${relationName}'.`);
  findObject(context, resource, id);
  const options = parseQuery(context.request, undefined);
  const targets = relationTargets(context, id, relationName);
  if (relation.kind === 'single') {
    if (!targets[0]) throw notFound(`${relationName}`);
    const related = relatedObject(context, targets[0], options.select);
    return json({ '@odata.context': metadataContext(context, 'directoryObjects/$entity'), ...related });
  }
  const cursor = readCursor(context, options.skipToken);
  const start = cursor.offset ?? 0;
  const size = pageSize(context.request, options, { ...resource, pageSize: { default: 100, max: 999 } }).size;
  const objects = targets
    .slice(start)
    .map((target) => context.tenant.store.find(target))
    .filter((object): object is DirectoryObject => object !== undefined);
  const page = takePage(
    context,
    objects,
    (object) => options.filter === undefined || matchesFilter(object, options.filter),
    size,
    (object) => ({ offset: start + objects.indexOf(object) + 1 }),
  );
  const value = page.items.map((object) =>
    refsOnly
      ? { '@odata.id': `${context.sandbox.graphBaseUrl}/directoryObjects/${object.id}` }
      : relatedObject(context, object.id, options.select),
  );
  const body: Record<string, unknown> = {
    '@odata.context': metadataContext(context, refsOnly ? 'Collection(string)' : 'directoryObjects'),
  };
  if (options.count) body['@odata.count'] = targets.length;
  if (page.nextLink) body['@odata.nextLink'] = page.nextLink;
  body.value = value;
  return json(body);
}
