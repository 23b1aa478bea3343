// Maps a Graph request (method + path below /v1.0) to its handler.
import { GraphError } from '../errors.js';
import {
  countCollection,
  countRelation,
  getNavigation,
  getObject,
  listCollection,
  listRelation,
} from './collections.js';
import type { GraphContext, GraphResponse } from './context.js';
import { delta } from './delta.js';
import { getDeletedItem, listDeletedItems, purgeDeletedItem, restoreDeletedItem } from './deleted-items.js';
import { RESOURCES, type ResourceDefinition } from './resources.js';
import {
  appRoleAssignments,
  bitlockerKey,
  deleteAppRoleAssignment,
  directoryObject,
  directoryObjectsByIds,
  me,
  servicePrincipalGrants,
} from './views.js';
import {
  addReference,
  assignPolicy,
  createObject,
  deleteObject,
  removeReference,
  updateObject,
} from './writes.js';

/**
 * Longest paths first so /identity/conditionalAccess/namedLocations wins over shorter ones.
 * App role assignments have no collection of their own in Graph: they are reached through
 * their principal or resource (/servicePrincipals/{id}/appRoleAssignedTo ...).
 */
export const ROUTABLE_RESOURCES = [...RESOURCES]
  .filter((resource) => resource.collection !== 'appRoleAssignments')
  .sort((a, b) => b.path.length - a.path.length);

export function methodNotAllowed(): GraphError {
  return new GraphError(
    405,
    'Request_BadRequest',
    'Specified HTTP method is not allowed for the request target.',
  );
}

function segmentNotFound(segment: string): GraphError {
  return new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
}

/** Splits the path and normalises delta() and microsoft.graph.delta to delta. */
export function pathSegments(path: string): string[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const decoded = decodeURIComponent(segment);
      return decoded === 'delta()' ||
        decoded === 'microsoft.graph.delta' ||
        decoded === 'microsoft.graph.delta()'
        ? 'delta'
        : decoded;
    });
}

function resourceRoute(context: GraphContext, resource: ResourceDefinition, rest: string[]): GraphResponse {
  const method = context.request.method;
  const [id, second, third, fourth] = rest;
  if (id === undefined) {
    if (method === 'GET') return listCollection(context, resource);
    if (method === 'POST') return createObject(context, resource);
    throw methodNotAllowed();
  }
  if (rest.length === 1) {
    if (id === '$count' && method === 'GET') return countCollection(context, resource);
    if (id === 'delta' && method === 'GET') return delta(context, resource);
    if (method === 'GET') {
      return resource.collection === 'bitlockerRecoveryKeys'
        ? bitlockerKey(context, id)
        : getObject(context, resource, id);
    }
    if (method === 'PATCH') return updateObject(context, resource, id);
    if (method === 'DELETE') return deleteObject(context, resource, id);
    throw methodNotAllowed();
  }
  const name = second as string;
  if (name === 'appRoleAssignments' || name === 'appRoleAssignedTo') {
    if (rest.length === 2 && (method === 'GET' || method === 'POST'))
      return appRoleAssignments(context, resource, id, name);
    if (rest.length === 3 && method === 'DELETE')
      return deleteAppRoleAssignment(context, resource, id, third as string);
    throw methodNotAllowed();
  }
  if (name === 'oauth2PermissionGrants' && resource.collection === 'servicePrincipals' && rest.length === 2) {
    if (method === 'GET') return servicePrincipalGrants(context, id);
    throw methodNotAllowed();
  }
  if (name === 'assign' && resource.navigation?.includes('assignments') && rest.length === 2) {
    if (method === 'POST') return assignPolicy(context, resource, id);
    throw methodNotAllowed();
  }
  if (resource.navigation?.includes(name) && rest.length === 2) {
    if (method === 'GET') return getNavigation(context, resource, id, name);
    throw methodNotAllowed();
  }
  if (!resource.relations?.some((relation) => relation.name === name)) throw segmentNotFound(name);
  if (rest.length === 2) {
    if (method === 'GET') return listRelation(context, resource, id, name, false);
    throw methodNotAllowed();
  }
  if (rest.length === 3 && third === '$count') {
    if (method === 'GET') return countRelation(context, resource, id, name);
    throw methodNotAllowed();
  }
  if (rest.length === 3 && third === '$ref') {
    if (method === 'GET') return listRelation(context, resource, id, name, true);
    if (method === 'POST' || method === 'PUT') return addReference(context, resource, id, name);
    if (method === 'DELETE') return removeReference(context, resource, id, name, undefined);
    throw methodNotAllowed();
  }
  if (rest.length === 4 && fourth === '$ref') {
    if (method === 'DELETE') return removeReference(context, resource, id, name, third);
    throw methodNotAllowed();
  }
  throw segmentNotFound(rest[rest.length - 1] as string);
}

export function route(context: GraphContext): GraphResponse {
  const segments = pathSegments(context.request.path);
  const method = context.request.method;
  const [first, second, third, fourth] = segments;
  if (first === undefined) throw segmentNotFound('v1.0');

  if (first === 'me') {
    if (segments.length === 1 && method === 'GET') return me(context);
    throw segmentNotFound(segments[segments.length - 1] as string);
  }
  if (first === 'directoryObjects') {
    if (second === 'getByIds' && segments.length === 2) {
      if (method === 'POST') return directoryObjectsByIds(context);
      throw methodNotAllowed();
    }
    if (second !== undefined && segments.length === 2 && method === 'GET')
      return directoryObject(context, second);
    throw segmentNotFound(segments[segments.length - 1] as string);
  }
  if (first === 'directory' && second === 'deletedItems' && third !== undefined) {
    if (third.startsWith('microsoft.graph.') && segments.length === 3) {
      if (method === 'GET') return listDeletedItems(context, third);
      throw methodNotAllowed();
    }
    if (segments.length === 3) {
      if (method === 'GET') return getDeletedItem(context, third);
      if (method === 'DELETE') return purgeDeletedItem(context, third);
      throw methodNotAllowed();
    }
    if (segments.length === 4 && fourth === 'restore') {
      if (method === 'POST') return restoreDeletedItem(context, third);
      throw methodNotAllowed();
    }
    throw segmentNotFound(segments[segments.length - 1] as string);
  }

  for (const resource of ROUTABLE_RESOURCES) {
    const resourceSegments = resource.path.split('/').filter(Boolean);
    if (resourceSegments.every((segment, index) => segments[index] === segment)) {
      return resourceRoute(context, resource, segments.slice(resourceSegments.length));
    }
  }
  throw segmentNotFound(first);
}
