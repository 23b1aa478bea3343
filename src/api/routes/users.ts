// Users: the tenant's people as Graph lists them (searched by name, page by page), each with
// their access to the Entra ID backup: administrator (by directory role), Full Access or No
// Access. Administrators raise users to Full Access and lower them again.
import { Type } from 'typebox';
import {
  directoryUser,
  directoryUsers,
  tenantAdministrators,
  type DirectoryUser,
} from '../../service/organizations/directory-users.js';
import type { UserAccess } from '../../service/organizations/user-access.js';
import { callerOf, organizationOf } from '../access.js';
import { noteAudit } from '../audit-trail.js';
import { ERROR_RESPONSES, Guid, Nullable, type ApiContext, type ApiInstance } from '../context.js';
import { ApiError } from '../errors.js';
import { DEFAULT_PAGE_SIZE, Page, PageQuery } from '../paging.js';
import { describeUser } from '../../service/user-identity.js';

const UserView = Type.Object({
  id: Guid(),
  displayName: Type.String(),
  userPrincipalName: Type.String(),
  access: Type.Union([Type.Literal('administrator'), Type.Literal('full'), Type.Literal('none')], {
    description:
      'administrator: Full Access through a directory role; full: raised to Full Access; none: No Access',
  }),
  accessChangedBy: Nullable(Type.String()),
  accessChangedAt: Nullable(Type.String({ format: 'date-time' })),
});
const AccessLevel = Type.Union([Type.Literal('full'), Type.Literal('none')]);

interface UsersPosition {
  nextLink: string;
  search: string | null;
}

function userView(user: DirectoryUser, administrators: Set<string>, recorded: UserAccess | undefined) {
  return {
    ...user,
    access: administrators.has(user.id) ? ('administrator' as const) : (recorded?.level ?? 'none'),
    accessChangedBy: recorded?.updatedBy ?? null,
    accessChangedAt: recorded?.updatedAt ?? null,
  };
}

export function registerUserRoutes(app: ApiInstance, context: ApiContext): void {
  const { services } = context;
  const operations = { tags: ['users'] };

  app.get(
    '/api/organizations/:organizationId/users',
    {
      config: { access: 'users.list' },
      schema: {
        ...operations,
        summary: 'The tenant’s users with their access, read from Microsoft Graph',
        params: Type.Object({ organizationId: Guid() }),
        querystring: Type.Object({
          search: Type.Optional(
            Type.String({ minLength: 1, maxLength: 100, description: 'part of the display name' }),
          ),
          ...PageQuery,
        }),
        response: { 200: Page(UserView), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const organization = organizationOf(request);
      const list = `users:${organization.id}`;
      const position = context.pages.open<UsersPosition>(list, request.query.pageToken);
      const search = position ? (position.search ?? undefined) : request.query.search;
      const graph = await services.connections.graph(organization);
      const [page, administrators] = await Promise.all([
        directoryUsers(graph, {
          nextLink: position?.nextLink,
          search,
          pageSize: request.query.pageSize ?? DEFAULT_PAGE_SIZE,
        }),
        tenantAdministrators(graph),
      ]);
      const recorded = await services.userAccess.of(
        organization.id,
        page.users.map((user) => user.id),
      );
      return {
        items: page.users.map((user) => userView(user, administrators, recorded.get(user.id))),
        nextPageToken: page.nextLink
          ? context.pages.seal(list, {
              nextLink: page.nextLink,
              search: search ?? null,
            } satisfies UsersPosition)
          : null,
      };
    },
  );

  app.put(
    '/api/organizations/:organizationId/users/:userId/access',
    {
      config: { access: 'users.set-access' },
      schema: {
        ...operations,
        summary: 'Raise a user to Full Access, or lower them to No Access',
        params: Type.Object({ organizationId: Guid(), userId: Guid() }),
        body: Type.Object({ level: AccessLevel }, { additionalProperties: false }),
        response: { 200: UserView, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const organization = organizationOf(request);
      const { userId } = request.params;
      const graph = await services.connections.graph(organization);
      const [user, administrators] = await Promise.all([
        directoryUser(graph, userId),
        tenantAdministrators(graph),
      ]);
      if (!user) throw new ApiError(404, 'user_not_found', `the tenant has no user ${userId}`);
      if (administrators.has(userId)) {
        throw new ApiError(
          409,
          'user_is_administrator',
          `${user.userPrincipalName} has Full Access through a directory role; change the role in Entra ID instead`,
        );
      }
      const before = await services.userAccess.level(organization.id, userId);
      await services.userAccess.set(
        organization.id,
        userId,
        request.body.level,
        describeUser(callerOf(request).identity),
      );
      noteAudit(request, { details: { user: user.userPrincipalName, before, after: request.body.level } });
      const recorded = await services.userAccess.of(organization.id, [userId]);
      return userView(user, administrators, recorded.get(userId));
    },
  );
}
