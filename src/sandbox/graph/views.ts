// Endpoints that are views over other collections or have behaviour of their own: /me,
// /directoryObjects, app role assignments seen from either side, a service principal's
// OAuth2 grants, and reading a BitLocker key (which is itself audited).
import { badRequest, notFound } from '../errors.js';
import { recordAudit } from './audit.js';
import { findObject, getObject, relatedObject, requireRead, shape } from './collections.js';
import {
  json,
  metadataContext,
  requireObjectBody,
  type GraphContext,
  type GraphResponse,
} from './context.js';
import { matchesFilter } from './filter.js';
import { parseQuery, project } from './query.js';
import type { ResourceDefinition } from './resources.js';
import { createObject, deleteObject, resourceFor } from './writes.js';

export function me(context: GraphContext): GraphResponse {
  if (context.claims.idtyp !== 'user' || !context.claims.oid) {
    throw badRequest('/me request is only valid with delegated authentication flow.', 'BadRequest');
  }
  const users = resourceFor('users');
  const options = parseQuery(context.request, users);
  const user = findObject(context, users, context.claims.oid);
  return json({
    '@odata.context': metadataContext(context, 'users/$entity'),
    ...shape(context, users, user, options),
  });
}

export function directoryObject(context: GraphContext, id: string): GraphResponse {
  const collection = context.tenant.store.collectionOf(id);
  const object = context.tenant.store.find(id);
  if (!collection || !object) throw notFound(id);
  requireRead(context, resourceFor(collection));
  const options = parseQuery(context.request, undefined);
  return json({
    '@odata.context': metadataContext(context, 'directoryObjects/$entity'),
    ...relatedObject(context, id, options.select),
  });
}

/** POST /directoryObjects/getByIds: up to 1,000 ids, optionally limited to some types. */
export function directoryObjectsByIds(context: GraphContext): GraphResponse {
  const body = requireObjectBody(context.request);
  const ids = body.ids;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > 1000) {
    throw badRequest("The 'ids' parameter must list between 1 and 1000 object ids.");
  }
  const types = Array.isArray(body.types) ? body.types.map((type) => String(type).toLowerCase()) : undefined;
  const value: Record<string, unknown>[] = [];
  for (const id of ids) {
    const collection = context.tenant.store.collectionOf(String(id));
    if (!collection || !context.tenant.store.find(String(id))) continue;
    const resource = resourceFor(collection);
    if (types && !types.includes(resource.entity.toLowerCase())) continue;
    requireRead(context, resource);
    const related = relatedObject(context, String(id));
    if (related) value.push(related);
  }
  return json({ '@odata.context': metadataContext(context, 'directoryObjects'), value });
}

/** Which side of an assignment a navigation names: appRoleAssignedTo lists by resource. */
function assignmentSide(navigation: string): 'principalId' | 'resourceId' {
  return navigation === 'appRoleAssignedTo' ? 'resourceId' : 'principalId';
}

export function appRoleAssignments(
  context: GraphContext,
  owner: ResourceDefinition,
  id: string,
  navigation: 'appRoleAssignments' | 'appRoleAssignedTo',
): GraphResponse {
  findObject(context, owner, id);
  const assignments = resourceFor('appRoleAssignments');
  if (context.request.method === 'POST') {
    const body = requireObjectBody(context.request);
    if (body[assignmentSide(navigation)] !== id) {
      throw badRequest(`The ${assignmentSide(navigation)} must be '${id}' for this request.`);
    }
    return createObject(context, assignments);
  }
  requireRead(context, assignments);
  const options = parseQuery(context.request, assignments);
  const side = assignmentSide(navigation);
  const value: Record<string, unknown>[] = [];
  for (const assignment of context.tenant.store.collection('appRoleAssignments').values()) {
    if (assignment[side] !== id) continue;
    if (options.filter && !matchesFilter(assignment, options.filter)) continue;
    value.push(project(assignments, assignment, options.select));
  }
  return json({
    '@odata.context': metadataContext(context, `${owner.collection}('${id}')/${navigation}`),
    value,
  });
}

export function deleteAppRoleAssignment(
  context: GraphContext,
  owner: ResourceDefinition,
  id: string,
  assignmentId: string,
): GraphResponse {
  findObject(context, owner, id);
  const assignment = context.tenant.store.collection('appRoleAssignments').get(assignmentId);
  if (!assignment || (assignment.principalId !== id && assignment.resourceId !== id))
    throw notFound(assignmentId);
  return deleteObject(context, resourceFor('appRoleAssignments'), assignmentId);
}

export function servicePrincipalGrants(context: GraphContext, id: string): GraphResponse {
  findObject(context, resourceFor('servicePrincipals'), id);
  const grants = resourceFor('oauth2PermissionGrants');
  requireRead(context, grants);
  const value = [...context.tenant.store.collection('oauth2PermissionGrants').values()].filter(
    (grant) => grant.clientId === id,
  );
  return json({ '@odata.context': metadataContext(context, 'oauth2PermissionGrants'), value });
}

/** GET /informationProtection/bitlocker/recoveryKeys/{id}: the key only with $select=key. */
export function bitlockerKey(context: GraphContext, id: string): GraphResponse {
  const keys = resourceFor('bitlockerRecoveryKeys');
  const response = getObject(context, keys, id);
  const options = parseQuery(context.request, keys);
  if (options.select?.includes('key')) {
    recordAudit(context, 'Read BitLocker key', 'Read', {
      collection: 'bitlockerRecoveryKeys',
      id,
      displayName: id,
    });
  }
  return response;
}
