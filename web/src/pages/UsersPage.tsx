// Users (administrators): the tenant's people with their tenantvault access, searched and paged
// by the server (tenants of 100,000 users), with No Access / Full Access to change.
import { Badge, Field, SearchBox, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useDeferredValue, useState } from 'react';
import { api, unwrap, type ApiProblem } from '../api/client';
import type { User } from '../api/types';
import { useOrganization } from '../components/OrganizationScope';
import { PagedList } from '../components/PagedList';
import { Section } from '../components/Section';
import { Empty, Loading, Problem } from '../components/status';
import { asProblem } from '../use-load';
import { usePages } from '../use-pages';

const ROW_HEIGHT = 52;

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'minmax(140px, 2fr) minmax(160px, 3fr) 200px',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    height: '100%',
    padding: `0 ${tokens.spacingHorizontalM}`,
  },
  cell: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  headerCell: { padding: `${tokens.spacingVerticalS} 0` },
});

export function UsersPage() {
  const styles = useStyles();
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
      {pages.state === 'loading' && <Loading label="Loading users…" />}
      {pages.state === 'failed' && pages.problem && <Problem problem={pages.problem} retry={pages.reload} />}
      {pages.state === 'ready' && pages.items.length === 0 && (
        <Empty title={query ? `Nobody matches “${query}”` : 'This tenant has no users'} />
      )}
      {pages.state === 'ready' && pages.items.length > 0 && (
        <PagedList
          label="Users"
          items={pages.items}
          rowHeight={ROW_HEIGHT}
          hasMore={pages.hasMore}
          loadingMore={pages.loadingMore}
          loadMore={pages.loadMore}
          header={
            <div className={styles.grid} role="row">
              <span className={styles.headerCell} role="columnheader">
                Name
              </span>
              <span role="columnheader">Account</span>
              <span role="columnheader">Access to Entra ID backup</span>
            </div>
          }
          row={(user) => (
            <div className={styles.grid}>
              <Text className={styles.cell} role="cell">
                {user.displayName}
              </Text>
              <Text className={styles.cell} role="cell">
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
            </div>
          )}
        />
      )}
    </Section>
  );
}
