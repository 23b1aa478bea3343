// The tenant's users as Graph lists them (one page at a time, optionally searched by name),
// and who among them administers the tenant (holds a role in TENANT_ADMIN_ROLES). Read with
// the organization's own connection: tenantvault keeps no copy of the directory for this.
import type { GraphClient } from '../../graph/index.js';
import { TENANT_ADMIN_ROLES } from './identity-platform.js';

export interface DirectoryUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
}

export interface DirectoryUserPage {
  users: DirectoryUser[];
  /** Graph's link to the next page, when there is one. */
  nextLink?: string;
}

const SELECT = 'id,displayName,userPrincipalName';

interface UserList {
  value: { id: string; displayName?: string | null; userPrincipalName?: string | null }[];
  '@odata.nextLink'?: string;
}

function toUser(user: UserList['value'][number]): DirectoryUser {
  return {
    id: user.id,
    displayName: user.displayName ?? '',
    userPrincipalName: user.userPrincipalName ?? '',
  };
}

/** One page of users: the first (with an optional name search) or the one a nextLink names. */
export async function directoryUsers(
  graph: GraphClient,
  request: { nextLink?: string; search?: string; pageSize: number },
): Promise<DirectoryUserPage> {
  // $search needs eventual consistency; a quote would end the search term.
  const search = request.search?.replaceAll('"', '').trim();
  const headers = search ? { ConsistencyLevel: 'eventual' } : undefined;
  const body = request.nextLink
    ? await graph.get<UserList>(request.nextLink, undefined, headers)
    : await graph.get<UserList>(
        '/users',
        {
          $select: SELECT,
          $top: request.pageSize,
          ...(search ? { $search: `"displayName:${search}"` } : {}),
        },
        headers,
      );
  return { users: body.value.map(toUser), nextLink: body['@odata.nextLink'] };
}

/** The user, or undefined when the tenant has no such user. */
export async function directoryUser(graph: GraphClient, id: string): Promise<DirectoryUser | undefined> {
  const body = await graph.get<UserList>('/users', { $filter: `id eq '${id}'`, $select: SELECT });
  const user = body.value[0];
  return user && toUser(user);
}

/** Ids of the users holding a tenant administrator role. */
export async function tenantAdministrators(graph: GraphClient): Promise<Set<string>> {
  const administrators = new Set<string>();
  for (const role of TENANT_ADMIN_ROLES) {
    for await (const assignment of graph.list<{ principalId: string }>(
      '/roleManagement/directory/roleAssignments',
      {
        $filter: `roleDefinitionId eq '${role}'`,
        $select: 'principalId',
      },
    )) {
      administrators.add(assignment.principalId);
    }
  }
  return administrators;
}
