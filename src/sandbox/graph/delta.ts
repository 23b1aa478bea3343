// Delta queries as Graph serves them for directory objects. The first call pages through
// the current objects and ends with an @odata.deltaLink; a deltaLink returns what changed
// since it was issued: changed objects with their changed properties, new objects whole,
// deleted ones as "@removed" (reason "changed" while still in deletedItems, "deleted" when
// gone), and members@delta for membership changes when members are selected (manager@delta
// for a user's manager when manager is selected). Query options live inside the token.
// Tokens expire and are then refused with syncStateNotFound.
import { badRequest, GraphError } from '../errors.js';
import type { ChangeRecord, DirectoryObject } from '../directory/store.js';
import { requireRead } from './collections.js';
import { graphUrl, json, metadataContext, type GraphContext, type GraphResponse } from './context.js';
import { matchesFilter, type FilterNode } from './filter.js';
import { pageSize, parseQuery, project } from './query.js';
import { odataType, type ResourceDefinition } from './resources.js';

interface DeltaState {
  path: string;
  tenantId: string;
  select?: string[];
  filter?: FilterNode;
  /** Full-sync phase: resume after this id; changes after `seq` come next time. */
  after?: string;
  syncing?: boolean;
  /** Changes with seq in (seq, until] are being reported, from position `offset`. */
  seq: number;
  until?: number;
  offset?: number;
  issuedAt: number;
}

/** The relationship whose changes delta reports as <relation>@delta when it is selected. */
const TRACKED_RELATIONS: Record<string, string> = {
  users: 'manager',
  groups: 'members',
  directoryRoles: 'members',
  administrativeUnits: 'members',
};

function expired(): GraphError {
  return new GraphError(
    400,
    'syncStateNotFound',
    'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
  );
}

function validateFilter(resource: ResourceDefinition, filter: FilterNode): void {
  const idOnly = (node: FilterNode): boolean =>
    node.kind === 'or'
      ? idOnly(node.left) && idOnly(node.right)
      : node.kind === 'compare' && node.op === 'eq' && node.path === 'id';
  if (!resource.delta?.idFilter || !idOnly(filter)) {
    throw new GraphError(
      400,
      'Request_UnsupportedQuery',
      'Unsupported query. Only id eq filters are supported for delta.',
    );
  }
}

function selectsTracked(resource: ResourceDefinition, select: string[] | undefined): string | undefined {
  const relation = TRACKED_RELATIONS[resource.collection];
  return relation && select?.includes(relation) ? relation : undefined;
}

function relatedEntry(context: GraphContext, id: string, removed?: 'deleted'): Record<string, unknown> {
  const collection = context.tenant.store.collectionOf(id);
  return {
    '@odata.type': collection ? odataType(collection) : '#microsoft.graph.directoryObject',
    id,
    ...(removed ? { '@removed': { reason: removed } } : {}),
  };
}

function fullObject(
  context: GraphContext,
  resource: ResourceDefinition,
  object: DirectoryObject,
  state: DeltaState,
) {
  const select = state.select?.filter((name) => name !== TRACKED_RELATIONS[resource.collection]);
  const shaped: Record<string, unknown> = {
    ...project(resource, object, select && select.length > 0 ? select : undefined),
    id: object.id,
  };
  const relation = selectsTracked(resource, state.select);
  if (relation) {
    shaped[`${relation}@delta`] = context.tenant.store
      .linked(object.id, relation)
      .map((id) => relatedEntry(context, id));
  }
  return shaped;
}

function deltaLink(context: GraphContext, state: DeltaState): string {
  return graphUrl(context, `${state.path}/delta`, { $deltatoken: context.tokens.seal(state) });
}

function page(
  context: GraphContext,
  resource: ResourceDefinition,
  value: Record<string, unknown>[],
  link: { next?: string; delta?: string },
): GraphResponse {
  const body: Record<string, unknown> = {
    '@odata.context': metadataContext(context, `${resource.collection}`),
  };
  if (link.next) body['@odata.nextLink'] = link.next;
  if (link.delta) body['@odata.deltaLink'] = link.delta;
  body.value = value;
  return json(body);
}

/** Net effect of a run of change records on one object. */
interface NetChange {
  id: string;
  created: boolean;
  properties: Set<string>;
  links: Map<string, boolean>;
  lastKind: ChangeRecord['kind'];
}

function coalesce(changes: ChangeRecord[]): NetChange[] {
  const byId = new Map<string, NetChange>();
  for (const change of changes) {
    let net = byId.get(change.id);
    if (!net) {
      net = { id: change.id, created: false, properties: new Set(), links: new Map(), lastKind: change.kind };
      byId.set(change.id, net);
    } else {
      // Re-inserted so the order is by latest change, as Graph reports them.
      byId.delete(change.id);
      byId.set(change.id, net);
    }
    net.lastKind = change.kind;
    if (change.created) net.created = true;
    for (const property of change.properties) net.properties.add(property);
    for (const link of change.links) net.links.set(`${link.relation}/${link.targetId}`, link.removed);
  }
  return [...byId.values()];
}

function describeChange(
  context: GraphContext,
  resource: ResourceDefinition,
  net: NetChange,
  state: DeltaState,
): Record<string, unknown> | undefined {
  const store = context.tenant.store;
  const object = store.collection(resource.collection).get(net.id);
  if (!object) {
    const softDeleted = store.deletedItem(net.id) !== undefined;
    return { id: net.id, '@removed': { reason: softDeleted ? 'changed' : 'deleted' } };
  }
  if (state.filter && !matchesFilter(object, state.filter)) return undefined;
  if (net.created) return fullObject(context, resource, object, state);
  const relation = selectsTracked(resource, state.select);
  const visible =
    state.select && state.select.length > 0
      ? state.select
      : (resource.defaultProperties ?? Object.keys(object));
  const changed = [...net.properties].filter((name) => visible.includes(name) && name !== relation);
  const linkChanges = relation
    ? [...net.links]
        .filter(([key]) => key.startsWith(`${relation}/`))
        .map(([key, removed]) =>
          relatedEntry(context, key.slice(relation.length + 1), removed ? 'deleted' : undefined),
        )
    : [];
  if (changed.length === 0 && linkChanges.length === 0) return undefined;
  const shaped: Record<string, unknown> = {};
  if ('@odata.type' in object) shaped['@odata.type'] = object['@odata.type'];
  shaped.id = net.id;
  for (const name of changed) shaped[name] = object[name] ?? null;
  if (linkChanges.length > 0) shaped[`${relation}@delta`] = linkChanges;
  return shaped;
}

function fullSync(
  context: GraphContext,
  resource: ResourceDefinition,
  state: DeltaState,
  size: number,
): GraphResponse {
  const collection = context.tenant.store.collection(resource.collection);
  const value: Record<string, unknown>[] = [];
  let last: string | undefined;
  let more = false;
  for (const object of collection.from(state.after)) {
    if (state.filter && !matchesFilter(object, state.filter)) continue;
    if (value.length === size) {
      more = true;
      break;
    }
    value.push(fullObject(context, resource, object, state));
    last = object.id;
  }
  if (more) {
    const next = graphUrl(context, `${state.path}/delta`, {
      $skiptoken: context.tokens.seal({ ...state, after: last, syncing: true }),
    });
    return page(context, resource, value, { next });
  }
  const finished: DeltaState = {
    ...state,
    after: undefined,
    syncing: undefined,
    issuedAt: context.sandbox.clock.now(),
  };
  return page(context, resource, value, { delta: deltaLink(context, finished) });
}

function changesSince(
  context: GraphContext,
  resource: ResourceDefinition,
  state: DeltaState,
  size: number,
): GraphResponse {
  const store = context.tenant.store;
  if (state.seq < store.oldestRetainedSeq) throw expired();
  const until = state.until ?? store.currentSeq;
  const changes = store.changesSince(state.seq, resource.collection).filter((change) => change.seq <= until);
  const described = coalesce(changes)
    .map((net) => describeChange(context, resource, net, state))
    .filter((entry): entry is Record<string, unknown> => entry !== undefined);
  const offset = state.offset ?? 0;
  const value = described.slice(offset, offset + size);
  if (offset + size < described.length) {
    const next = graphUrl(context, `${state.path}/delta`, {
      $skiptoken: context.tokens.seal({ ...state, until, offset: offset + size }),
    });
    return page(context, resource, value, { next });
  }
  const finished: DeltaState = {
    ...state,
    seq: until,
    until: undefined,
    offset: undefined,
    issuedAt: context.sandbox.clock.now(),
  };
  return page(context, resource, value, { delta: deltaLink(context, finished) });
}

export function delta(context: GraphContext, resource: ResourceDefinition): GraphResponse {
  requireRead(context, resource);
  if (!resource.delta) throw badRequest(`Resource not found for the segment 'delta'.`);
  const query = context.request.query;
  const token = query.get('$deltatoken') ?? query.get('$skiptoken');
  const size = pageSize(
    context.request,
    parseQuery({ ...context.request, query: new URLSearchParams() }, resource),
    resource,
  ).size;

  if (token === null || token === 'latest') {
    const options = parseQuery(context.request, resource);
    if (options.expand.length > 0)
      throw badRequest('$expand is not supported for delta queries.', 'Request_UnsupportedQuery');
    if (options.filter) validateFilter(resource, options.filter);
    const state: DeltaState = {
      path: resource.path,
      tenantId: context.tenant.id,
      select: options.select,
      filter: options.filter,
      seq: context.tenant.store.currentSeq,
      issuedAt: context.sandbox.clock.now(),
    };
    if (token === 'latest') return page(context, resource, [], { delta: deltaLink(context, state) });
    return fullSync(context, resource, state, size);
  }

  for (const key of query.keys()) {
    if (key.startsWith('$') && key !== '$deltatoken' && key !== '$skiptoken') {
      throw badRequest(
        'Query options cannot be combined with a delta or skip token; they are part of the token.',
      );
    }
  }
  const state = context.tokens.open<DeltaState>(token);
  if (!state || state.path !== resource.path || state.tenantId !== context.tenant.id) throw expired();
  if (context.sandbox.clock.now() - state.issuedAt > context.sandbox.options.deltaTokenLifetimeMs)
    throw expired();
  if (state.syncing) return fullSync(context, resource, state, size);
  return changesSince(context, resource, state, size);
}
