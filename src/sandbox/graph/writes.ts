// The writes a restore needs: POST / PATCH / DELETE on each restorable type and $ref
// links (members, owners, manager, device owners), validated the way Graph validates.
import { badRequest, GraphError, notFound } from '../errors.js';
import { assignDirectoryRole } from '../directory/roles.js';
import type { DirectoryObject } from '../directory/store.js';
import { recordAudit } from './audit.js';
import { findObject, relationTargets } from './collections.js';
import {
  json,
  metadataContext,
  noContent,
  requireAnyPermission,
  requireObjectBody,
  type GraphContext,
  type GraphResponse,
} from './context.js';
import { project } from './query.js';
import { RESOURCE_BY_COLLECTION, type ResourceDefinition } from './resources.js';

const CA_STATES = new Set(['enabled', 'disabled', 'enabledForReportingButNotEnforced']);

/** Graph's activity names in the audit log: "Add user", "Update group", "Delete application". */
function activityName(verb: 'Add' | 'Update' | 'Delete', resource: ResourceDefinition): string {
  const words = resource.entity.replace(/([A-Z])/g, ' $1').toLowerCase();
  return `${verb} ${words}`;
}

function requireWrite(context: GraphContext, resource: ResourceDefinition): void {
  if (resource.write.length === 0) {
    throw new GraphError(
      405,
      'Request_BadRequest',
      `The operation is not supported on '${resource.entity}'.`,
    );
  }
  requireAnyPermission(context.claims, resource.write);
}

/** The object id an "@odata.id" reference points at (any host, any directory path). */
export function referencedId(reference: unknown): string {
  if (typeof reference !== 'string') {
    throw badRequest(
      "The '@odata.id' property is required and must be a URL of a directory object.",
      'Request_BadRequest',
    );
  }
  const match = /\/([0-9a-fA-F-]{36})\/?$/.exec(reference) ?? /\('([0-9a-fA-F-]{36})'\)$/.exec(reference);
  if (!match) throw badRequest(`Invalid object identifier '${reference}'.`, 'Request_BadRequest');
  return (match[1] as string).toLowerCase();
}

/** Read-only properties cannot be written, except those a creation requires (a service principal's appId). */
function rejectReadOnly(
  resource: ResourceDefinition,
  body: Record<string, unknown>,
  creating: boolean,
): void {
  for (const name of resource.readOnly ?? []) {
    if (creating && resource.required?.includes(name)) continue;
    if (name in body && name !== 'id') {
      throw badRequest(`Property '${name}' is read-only and cannot be set.`, 'Request_BadRequest');
    }
  }
}

function requireUnique(
  context: GraphContext,
  collection: string,
  property: string,
  value: unknown,
  exceptId?: string,
) {
  if (typeof value !== 'string') return;
  const wanted = value.toLowerCase();
  for (const object of context.tenant.store.collection(collection).values()) {
    if (
      object.id !== exceptId &&
      typeof object[property] === 'string' &&
      (object[property] as string).toLowerCase() === wanted
    ) {
      throw badRequest(
        `Another object with the same value for property ${property} already exists.`,
        'Request_BadRequest',
      );
    }
  }
}

function verifiedDomains(context: GraphContext): string[] {
  const organization = context.tenant.store.collection('organization').get(context.tenant.id);
  const domains =
    (organization?.verifiedDomains as { name: string }[] | undefined)?.map((domain) => domain.name) ?? [];
  return [...new Set([context.tenant.info.defaultDomain, ...domains].map((domain) => domain.toLowerCase()))];
}

/** Type-specific checks and the properties Graph fills in on creation. */
function prepareCreate(
  context: GraphContext,
  resource: ResourceDefinition,
  body: Record<string, unknown>,
): DirectoryObject {
  const now = context.sandbox.clock.iso();
  const object: DirectoryObject = { ...body, id: context.ids.uuid() };
  switch (resource.collection) {
    case 'users': {
      const upn = String(body.userPrincipalName);
      const domain = upn.split('@')[1]?.toLowerCase() ?? '';
      if (!upn.includes('#EXT#') && !verifiedDomains(context).includes(domain)) {
        throw badRequest(
          'The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.',
          'Request_BadRequest',
        );
      }
      requireUnique(context, 'users', 'userPrincipalName', upn);
      const profile = body.passwordProfile as {
        password?: unknown;
        forceChangePasswordNextSignIn?: unknown;
      } | null;
      if (!profile || typeof profile.password !== 'string' || profile.password.length < 8) {
        throw badRequest(
          'The specified password does not comply with password complexity requirements. Please provide a different password.',
          'Request_BadRequest',
        );
      }
      context.tenant.setUserPassword(object.id, profile.password);
      object.passwordProfile = {
        forceChangePasswordNextSignIn: profile.forceChangePasswordNextSignIn ?? true,
        password: null,
      };
      object.createdDateTime = now;
      object.userType ??= 'Member';
      object.mail ??= null;
      break;
    }
    case 'groups':
      object.createdDateTime = now;
      object.groupTypes ??= [];
      break;
    case 'applications':
      object.appId = context.ids.uuid();
      object.createdDateTime = now;
      object.publisherDomain = context.tenant.info.defaultDomain;
      object.signInAudience ??= 'AzureADMyOrg';
      object.passwordCredentials = [];
      object.keyCredentials ??= [];
      break;
    case 'servicePrincipals': {
      const application = findApplication(context, String(body.appId));
      if (!application) {
        throw badRequest(
          `The appId '${String(body.appId)}' of the service principal does not reference a valid application object.`,
          'Request_BadRequest',
        );
      }
      requireUnique(context, 'servicePrincipals', 'appId', body.appId);
      object.appDisplayName = application.displayName;
      object.displayName ??= application.displayName;
      object.appRoles ??= application.appRoles ?? [];
      object.servicePrincipalType = 'Application';
      object.accountEnabled ??= true;
      object.appRoleAssignmentRequired ??= false;
      break;
    }
    case 'conditionalAccessPolicies':
      if (!CA_STATES.has(String(body.state))) {
        throw badRequest(`Invalid value '${String(body.state)}' for property 'state'.`);
      }
      object.createdDateTime = now;
      object.modifiedDateTime = null;
      break;
    case 'namedLocations':
      object.createdDateTime = now;
      object.modifiedDateTime = now;
      break;
    case 'deviceConfigurations':
    case 'deviceCompliancePolicies':
      object.createdDateTime = now;
      object.lastModifiedDateTime = now;
      object.version = 1;
      object.assignments = [];
      break;
    case 'roleDefinitions':
      object.isBuiltIn = false;
      object.templateId = object.id;
      break;
    case 'appRoleAssignments':
      return appRoleAssignment(context, body, object.id);
    default:
      break;
  }
  return object;
}

function findApplication(context: GraphContext, appId: string): DirectoryObject | undefined {
  for (const tenant of context.sandbox.tenants.values()) {
    for (const application of tenant.store.collection('applications').values()) {
      if (application.appId !== appId) continue;
      const multiTenant = String(application.signInAudience ?? '').startsWith('AzureADMultipleOrgs');
      if (tenant === context.tenant || multiTenant) return application;
    }
  }
  return undefined;
}

/** The app role id that grants access without a role of the app's own. */
const DEFAULT_ACCESS = '00000000-0000-0000-0000-000000000000';

function appRoleAssignment(
  context: GraphContext,
  body: Record<string, unknown>,
  id: string,
): DirectoryObject {
  const store = context.tenant.store;
  const principal = store.find(String(body.principalId));
  const resource = store.collection('servicePrincipals').get(String(body.resourceId));
  if (!principal || !resource) throw notFound(String(principal ? body.resourceId : body.principalId));
  // Every app can be assigned with the default access role (all zeros); any other must be one of its own.
  const appRoles = (resource.appRoles as { id?: unknown }[] | undefined) ?? [];
  if (body.appRoleId !== DEFAULT_ACCESS && !appRoles.some((appRole) => appRole.id === body.appRoleId)) {
    throw badRequest(
      `Permission being assigned was not found on application '${String(resource.appId)}'.`,
      'Request_BadRequest',
    );
  }
  for (const existing of store.collection('appRoleAssignments').values()) {
    if (
      existing.principalId === principal.id &&
      existing.resourceId === resource.id &&
      existing.appRoleId === body.appRoleId
    )
      throw badRequest('Permission being assigned already exists on the object', 'Request_BadRequest');
  }
  const principalCollection = store.collectionOf(principal.id);
  const principalType =
    principalCollection === 'users'
      ? 'User'
      : principalCollection === 'groups'
        ? 'Group'
        : 'ServicePrincipal';
  return {
    id,
    appRoleId: body.appRoleId,
    principalId: principal.id,
    principalType,
    principalDisplayName: principal.displayName ?? null,
    resourceId: resource.id,
    resourceDisplayName: resource.displayName ?? null,
    createdDateTime: context.sandbox.clock.iso(),
    deletedDateTime: null,
  };
}

const CONFLICT =
  'A conflicting object with one or more of the specified property values is present in the directory.';

/**
 * The directory object a role assignment's directoryScopeId names: none for the tenant
 * ('/'), else an administrative unit (/administrativeUnits/{id}) or an application (/{id}).
 */
function scopeObjectId(directoryScopeId: string): string | undefined {
  if (directoryScopeId === '/') return undefined;
  const match = /^\/(?:administrativeUnits\/)?([0-9a-fA-F-]{36})$/.exec(directoryScopeId);
  if (!match) throw badRequest(`Invalid directoryScopeId '${directoryScopeId}'.`, 'Request_BadRequest');
  return (match[1] as string).toLowerCase();
}

/**
 * POST /roleManagement/directory/roleAssignments: the principal (a user, a role-assignable
 * group or a service principal), the role and the scope must exist; the same assignment
 * twice is a conflict.
 */
function createRoleAssignment(context: GraphContext, body: Record<string, unknown>): GraphResponse {
  const store = context.tenant.store;
  const principalId = String(body.principalId);
  const roleDefinitionId = String(body.roleDefinitionId);
  const directoryScopeId = String(body.directoryScopeId);
  const appScopeId = typeof body.appScopeId === 'string' ? body.appScopeId : null;
  const principal = store.find(principalId);
  if (!principal) throw notFound(principalId);
  const principalKind = store.collectionOf(principalId);
  if (principalKind === 'groups' && principal.isAssignableToRole !== true) {
    throw badRequest(
      'Only groups with isAssignableToRole set to true can be assigned to directory roles.',
      'Request_BadRequest',
    );
  }
  if (!['users', 'groups', 'servicePrincipals'].includes(principalKind ?? '')) {
    throw badRequest(`The principal '${principalId}' cannot be assigned a role.`, 'Request_BadRequest');
  }
  if (!store.collection('roleDefinitions').has(roleDefinitionId)) throw notFound(roleDefinitionId);
  const scopeId = scopeObjectId(directoryScopeId);
  if (scopeId !== undefined && !store.find(scopeId)) throw notFound(scopeId);
  for (const existing of store.collection('roleAssignments').values()) {
    if (
      existing.principalId === principalId &&
      existing.roleDefinitionId === roleDefinitionId &&
      existing.directoryScopeId === directoryScopeId &&
      (existing.appScopeId ?? null) === appScopeId
    )
      throw badRequest(CONFLICT, 'Request_BadRequest');
  }
  const assignment = assignDirectoryRole(store, roleDefinitionId, principalId, () => context.ids.uuid(), {
    directoryScopeId,
    appScopeId,
  });
  recordAudit(context, 'Add member to role', 'Assign', { collection: 'roleAssignments', id: assignment.id });
  return json({ '@odata.context': metadataContext(context, 'roleAssignments/$entity'), ...assignment }, 201);
}

/** "members@odata.bind": [urls] on POST / PATCH of groups (at most 20 per request). */
function bindReferences(
  context: GraphContext,
  resource: ResourceDefinition,
  object: DirectoryObject,
  body: Record<string, unknown>,
) {
  for (const [key, value] of Object.entries(body)) {
    const match = /^(\w+)@odata\.bind$/.exec(key);
    if (!match) continue;
    delete object[key];
    const relation = match[1] as string;
    if (!resource.relations?.some((candidate) => candidate.name === relation && candidate.writable)) {
      throw badRequest(`Invalid navigation property '${relation}'.`);
    }
    const references = Array.isArray(value) ? value : [value];
    if (references.length > 20) throw badRequest('A maximum of 20 references can be bound in one request.');
    for (const reference of references) {
      const targetId = referencedId(reference);
      if (!context.tenant.store.find(targetId)) throw notFound(targetId);
      context.tenant.store.link(resource.collection, object.id, relation, targetId);
    }
  }
}

export function createObject(context: GraphContext, resource: ResourceDefinition): GraphResponse {
  requireWrite(context, resource);
  if (!resource.creatable) throw new GraphError(405, 'Request_BadRequest', 'The operation is not supported.');
  const body = requireObjectBody(context.request);
  for (const name of resource.required ?? []) {
    if (body[name] === undefined || body[name] === null) {
      throw badRequest(`Property '${name}' is required when creating the object.`, 'Request_BadRequest');
    }
  }
  rejectReadOnly(resource, body, true);
  if (resource.collection === 'roleAssignments') return createRoleAssignment(context, body);
  const object = prepareCreate(context, resource, body);
  const bindings = Object.fromEntries(Object.entries(object).filter(([key]) => key.endsWith('@odata.bind')));
  for (const key of Object.keys(bindings)) delete object[key];
  context.tenant.store.create(resource.collection, object);
  bindReferences(context, resource, object, bindings);
  recordAudit(context, activityName('Add', resource), 'Add', {
    collection: resource.collection,
    id: object.id,
    displayName: object.displayName,
  });
  return json(
    {
      '@odata.context': metadataContext(context, `${resource.collection}/$entity`),
      ...project(resource, object, ['*']),
    },
    201,
    { location: `${context.sandbox.graphBaseUrl}${resource.path}/${object.id}` },
  );
}

export function updateObject(context: GraphContext, resource: ResourceDefinition, id: string): GraphResponse {
  requireWrite(context, resource);
  const current = findObject(context, resource, id);
  const body = requireObjectBody(context.request);
  rejectReadOnly(resource, body, false);
  const patch: Record<string, unknown> = { ...body };
  delete patch.id;
  for (const key of Object.keys(patch)) if (key.endsWith('@odata.bind')) delete patch[key];
  if (resource.collection === 'users') {
    if ('userPrincipalName' in patch)
      requireUnique(context, 'users', 'userPrincipalName', patch.userPrincipalName, id);
    const profile = patch.passwordProfile as { password?: unknown } | undefined;
    if (profile && typeof profile.password === 'string') {
      context.tenant.setUserPassword(id, profile.password);
      patch.passwordProfile = { ...profile, password: null };
    }
  }
  if (
    resource.collection === 'conditionalAccessPolicies' &&
    'state' in patch &&
    !CA_STATES.has(String(patch.state))
  ) {
    throw badRequest(`Invalid value '${String(patch.state)}' for property 'state'.`);
  }
  const now = context.sandbox.clock.iso();
  if (resource.collection === 'conditionalAccessPolicies' || resource.collection === 'namedLocations') {
    patch.modifiedDateTime = now;
  }
  if (resource.collection === 'deviceConfigurations' || resource.collection === 'deviceCompliancePolicies') {
    patch.lastModifiedDateTime = now;
    patch.version = Number(current.version ?? 0) + 1;
  }
  context.tenant.store.update(resource.collection, id, patch);
  bindReferences(context, resource, current, body);
  recordAudit(context, activityName('Update', resource), 'Update', {
    collection: resource.collection,
    id,
    displayName: current.displayName,
    modifiedProperties: Object.keys(body).map((name) => ({
      displayName: name,
      oldValue: current[name],
      newValue: body[name],
    })),
  });
  return noContent();
}

export function deleteObject(context: GraphContext, resource: ResourceDefinition, id: string): GraphResponse {
  requireWrite(context, resource);
  const current = findObject(context, resource, id);
  if (resource.collection === 'roleDefinitions' && current.isBuiltIn) {
    throw new GraphError(403, 'Authorization_RequestDenied', 'Built-in role definitions cannot be deleted.');
  }
  context.tenant.store.delete(resource.collection, id);
  recordAudit(context, activityName('Delete', resource), 'Delete', {
    collection: resource.collection,
    id,
    displayName: current.displayName,
  });
  return noContent();
}

/** POST /{collection}/{id}/{relation}/$ref and PUT /users/{id}/manager/$ref. */
export function addReference(
  context: GraphContext,
  resource: ResourceDefinition,
  id: string,
  relationName: string,
): GraphResponse {
  const relation = resource.relations?.find(
    (candidate) => candidate.name === relationName && candidate.writable,
  );
  if (!relation) throw badRequest(`Resource not found for the segment '${relationName}'.`);
  requireWrite(context, resource);
  findObject(context, resource, id);
  const body = requireObjectBody(context.request);
  const targetId = referencedId(body['@odata.id']);
  const store = context.tenant.store;
  if (!store.find(targetId)) throw notFound(targetId);
  if (targetId === id && relationName === 'members')
    throw badRequest('A group cannot be a member of itself.');
  if (relation.kind === 'single') {
    for (const previous of relationTargets(context, id, relationName))
      store.unlink(resource.collection, id, relationName, previous);
  } else if (store.isLinked(id, relationName, targetId)) {
    throw badRequest(
      `One or more added object references already exist for the following modified properties: '${relationName}'.`,
      'Request_BadRequest',
    );
  }
  store.link(resource.collection, id, relationName, targetId);
  recordAudit(
    context,
    `Add ${relationName === 'members' ? 'member' : relationName === 'owners' ? 'owner' : relationName} to ${resource.entity}`,
    'Assign',
    {
      collection: resource.collection,
      id,
      modifiedProperties: [{ displayName: relationName, oldValue: undefined, newValue: targetId }],
    },
  );
  return noContent();
}

export function removeReference(
  context: GraphContext,
  resource: ResourceDefinition,
  id: string,
  relationName: string,
  targetId: string | undefined,
): GraphResponse {
  const relation = resource.relations?.find(
    (candidate) => candidate.name === relationName && candidate.writable,
  );
  if (!relation) throw badRequest(`Resource not found for the segment '${relationName}'.`);
  requireWrite(context, resource);
  findObject(context, resource, id);
  const store = context.tenant.store;
  const target = targetId ?? relationTargets(context, id, relationName)[0];
  if (!target || !store.unlink(resource.collection, id, relationName, target))
    throw notFound(target ?? relationName);
  recordAudit(
    context,
    `Remove ${relationName === 'members' ? 'member' : relationName} from ${resource.entity}`,
    'Unassign',
    {
      collection: resource.collection,
      id,
      modifiedProperties: [{ displayName: relationName, oldValue: target, newValue: undefined }],
    },
  );
  return noContent();
}

/** POST /deviceManagement/{policies}/{id}/assign: replaces the policy's assignments. */
export function assignPolicy(context: GraphContext, resource: ResourceDefinition, id: string): GraphResponse {
  requireWrite(context, resource);
  const current = findObject(context, resource, id);
  const body = requireObjectBody(context.request);
  const requested = body.assignments;
  if (!Array.isArray(requested)) throw badRequest("Property 'assignments' is required.");
  const assignments = requested.map((assignment: Record<string, unknown>) => ({
    id: `${id}_${context.ids.hex(8)}`,
    target: assignment.target ?? null,
  }));
  context.tenant.store.update(resource.collection, id, {
    assignments,
    lastModifiedDateTime: context.sandbox.clock.iso(),
  });
  recordAudit(context, `Assign ${resource.entity}`, 'Assign', {
    collection: resource.collection,
    id,
    displayName: current.displayName,
  });
  return json({
    '@odata.context': metadataContext(context, `Collection(microsoft.graph.${resource.entity}Assignment)`),
    value: assignments,
  });
}

export const resourceFor = (collection: string): ResourceDefinition => {
  const resource = RESOURCE_BY_COLLECTION.get(collection);
  if (!resource) throw new Error(`no resource definition for ${collection}`);
  return resource;
};
