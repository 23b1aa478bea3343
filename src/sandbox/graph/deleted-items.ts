// /directory/deletedItems: soft-deleted users, groups, applications, service principals
// and administrative units, kept 30 days; restore brings one back with its id.
import { badRequest, notFound } from '../errors.js';
import { SOFT_DELETABLE } from '../directory/store.js';
import { recordAudit } from './audit.js';
import { requireRead } from './collections.js';
import {
  json,
  metadataContext,
  noContent,
  requireAnyPermission,
  type GraphContext,
  type GraphResponse,
} from './context.js';
import { matchesFilter } from './filter.js';
import { parseQuery, project } from './query.js';
import { odataType, RESOURCE_BY_COLLECTION, type ResourceDefinition } from './resources.js';

/** "microsoft.graph.user" -> the users resource. */
export function deletedItemsResource(typeSegment: string): ResourceDefinition {
  const entity = typeSegment.replace(/^microsoft\.graph\./, '');
  for (const collection of SOFT_DELETABLE) {
    const resource = RESOURCE_BY_COLLECTION.get(collection);
    if (resource?.entity === entity) return resource;
  }
  throw badRequest(`Resource not found for the segment '${typeSegment}'.`);
}

function shaped(context: GraphContext, id: string, select?: string[]) {
  const entry = context.tenant.store.deletedItem(id);
  if (!entry) throw notFound(id);
  const resource = RESOURCE_BY_COLLECTION.get(entry.collection) as ResourceDefinition;
  requireRead(context, resource);
  return {
    resource,
    body: {
      '@odata.type': odataType(entry.collection),
      ...project(resource, entry.object, select),
      deletedDateTime: new Date(entry.deletedAt).toISOString(),
    },
  };
}

export function listDeletedItems(context: GraphContext, typeSegment: string): GraphResponse {
  const resource = deletedItemsResource(typeSegment);
  requireRead(context, resource);
  const options = parseQuery(context.request, undefined);
  const value = context.tenant.store
    .deletedItems(resource.collection)
    .filter((entry) => options.filter === undefined || matchesFilter(entry.object, options.filter))
    .map((entry) => shaped(context, entry.object.id, options.select).body);
  return json({ '@odata.context': metadataContext(context, `directory/deletedItems/${typeSegment}`), value });
}

export function getDeletedItem(context: GraphContext, id: string): GraphResponse {
  const options = parseQuery(context.request, undefined);
  return json({
    '@odata.context': metadataContext(context, 'directory/deletedItems/$entity'),
    ...shaped(context, id, options.select).body,
  });
}

export function restoreDeletedItem(context: GraphContext, id: string): GraphResponse {
  const entry = context.tenant.store.deletedItem(id);
  if (!entry) throw notFound(id);
  const resource = RESOURCE_BY_COLLECTION.get(entry.collection) as ResourceDefinition;
  requireAnyPermission(context.claims, resource.write);
  const restored = context.tenant.store.restore(id);
  if (!restored) throw notFound(id);
  recordAudit(context, `Restore ${resource.entity}`, 'Restore', {
    collection: entry.collection,
    id,
    displayName: restored.displayName,
  });
  return json({
    '@odata.context': metadataContext(context, 'directoryObjects/$entity'),
    '@odata.type': odataType(entry.collection),
    ...restored,
  });
}

export function purgeDeletedItem(context: GraphContext, id: string): GraphResponse {
  const entry = context.tenant.store.deletedItem(id);
  if (!entry) throw notFound(id);
  const resource = RESOURCE_BY_COLLECTION.get(entry.collection) as ResourceDefinition;
  requireAnyPermission(context.claims, resource.write);
  context.tenant.store.purge(id);
  recordAudit(context, `Hard delete ${resource.entity}`, 'Delete', {
    collection: entry.collection,
    id,
    displayName: entry.object.displayName,
  });
  return noContent();
}
