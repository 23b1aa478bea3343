// Users (administrators): the tenant's people with their tenantvault access, searched and paged
// by the server (tenants of 100,000 users), with No Access / Full Access to change.
import { Badge, Field, SearchBox, Select, Text } from '@fluentui/react-components';
import { useDeferredValue, useState } from 'react';
import { api, unwrap, type ApiProblem } from '../api/client';
import type { User } from '../api/types';
import { useOrganization } from '../components/OrganizationScope';
import { PagedTable, useCellStyles } from '../components/PagedTable';
import { Section } from '../components/Section';
import { Empty, Problem } from '../components/status';
import { asProblem } from '../use-load';
import { usePages } from '../use-pages';

const ROW_HEIGHT = 52;

export function UsersPage() {
  const cells = useCellStyles();
  const { organization } = useOrganization();
  const organizationId = organization.id;
  const [search, setSearch] = useState('');
  const query = useDeferredValue(search.trim());
  const [problem, setProblem] = useState<ApiProblem>();
  const pages = usePages(
    (pageToken) =>
      unwrap(
        api.GET('/api/organizations/{organizationId}/users', {
          params: {
            path: { organizationId },
            query: pageToken ? { pageToken } : { ...(query ? { search: query } : {}), pageSize: 100 },
          },
        }),
      ),
    `${organizationId}:${query}`,
  );

  async function setAccess(user: User, level: 'full' | 'none') {
    setProblem(undefined);
    try {
      await unwrap(
        api.PUT('/api/organizations/{organizationId}/users/{userId}/access', {
          params: { path: { organizationId, userId: user.id } },
          body: { level },
        }),
      );
      pages.replace((candidate) => candidate.id === user.id, { ...user, access: level });
    } catch (error) {
      setProblem(asProblem(error));
    }
  }

  return (
    <Section
      title="Users"
      description="Global and Privileged Role Administrators have Full Access by their directory role. Everyone else has No Access to Entra ID backup until you raise them."
    >
      <Field label="Search by name">
        <SearchBox
          value={search}
          onChange={(_event, data) => setSearch(data.value)}
          placeholder="Start of a name"
        />
      </Field>
      {problem && <Problem problem={problem} />}
      <PagedTable
        pages={pages}
        label="Users"
        loadingLabel="Loading users…"
        empty={<Empty title={query ? `Nobody matches “${query}”` : 'This tenant has no users'} />}
        columns={[
          { header: 'Name', width: 'minmax(140px, 2fr)' },
          { header: 'Account', width: 'minmax(160px, 3fr)' },
          { header: 'Access to Entra ID backup', width: '200px' },
        ]}
        rowHeight={ROW_HEIGHT}
        row={(user) => (
          <>
            <Text className={cells.cell} role="cell">
              {user.displayName}
            </Text>
            <Text className={cells.cell} role="cell">
              {user.userPrincipalName}
            </Text>
            <span role="cell">
              {user.access === 'administrator' ? (
                <Badge appearance="tint" color="brand">
                  Administrator
                </Badge>
              ) : (
                <Select
                  aria-label={`Access of ${user.displayName}`}
                  value={user.access}
                  onChange={(_event, data) => void setAccess(user, data.value as 'full' | 'none')}
                >
                  <option value="none">No Access</option>
                  <option value="full">Full Access</option>
                </Select>
              )}
            </span>
          </>
        )}
      />
    </Section>
  );
}
