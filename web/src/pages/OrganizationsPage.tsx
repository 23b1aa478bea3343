// The organizations the signed-in person may open: a reseller's customers (and its own
// tenant) with their backup health at a glance; opening one switches to it. Reseller staff
// add customers by invitation link or with an app registration.
import {
  Badge,
  Button,
  Input,
  Link as FluentLink,
  Text,
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, unwrap, type ApiProblem } from '../api/client';
import { healthBadge } from '../components/ConnectionHealth';
import { ManualConnectionForm } from '../components/ManualConnectionForm';
import { Section } from '../components/Section';
import { Empty, Problem, Show } from '../components/status';
import { loadBackupHealth, relativeTime } from '../backup-health';
import { useSession } from '../session';
import { asProblem, useLoad } from '../use-load';

const useStyles = makeStyles({
  table: { width: '100%', borderCollapse: 'collapse' },
  cell: {
    textAlign: 'left',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  invitation: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
});

async function allOrganizations() {
  const items = [];
  let pageToken: string | undefined;
  do {
    const page = await unwrap(
      api.GET('/api/organizations', { params: { query: pageToken ? { pageToken } : { pageSize: 100 } } }),
    );
    items.push(...page.items);
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);
  return items;
}

export function OrganizationsPage() {
  const styles = useStyles();
  const { me } = useSession();
  const navigate = useNavigate();
  const loaded = useLoad(allOrganizations, 'organizations');
  const [invitation, setInvitation] = useState<string>();
  const [problem, setProblem] = useState<ApiProblem>();
  const reseller = me?.reseller;

  async function invite() {
    if (!reseller) return;
    setProblem(undefined);
    try {
      const created = await unwrap(
        api.POST('/api/resellers/{resellerId}/invitations', {
          params: { path: { resellerId: reseller.id } },
        }),
      );
      setInvitation(created.url);
    } catch (error) {
      setProblem(asProblem(error));
    }
  }

  return (
    <>
      <Title2 as="h1">{reseller ? `Customers of ${reseller.displayName}` : 'Organizations'}</Title2>
      <Section title="Organizations" description="Open one to see its backups, settings and users.">
        <Show loaded={loaded} label="Loading organizations…">
          {(organizations) =>
            organizations.length === 0 ? (
              <Empty title="No organizations yet">Invite a customer below to connect their tenant.</Empty>
            ) : (
              <table className={styles.table}>
                <thead>
                  <tr>
                    <th className={styles.cell}>Organization</th>
                    <th className={styles.cell}>Connection</th>
                    <th className={styles.cell}>Last checked</th>
                    <th className={styles.cell}>Missing permissions</th>
                    <th className={styles.cell}>Last successful backup</th>
                    <th className={styles.cell}>Failed since</th>
                    <th className={styles.cell}>Protected objects</th>
                  </tr>
                </thead>
                <tbody>
                  {organizations.map((organization) => (
                    <tr key={organization.id}>
                      <td className={styles.cell}>
                        <Link to={`/organizations/${organization.id}`}>{organization.displayName}</Link>
                      </td>
                      <td className={styles.cell}>{healthBadge(organization)}</td>
                      <td className={styles.cell}>
                        {organization.health
                          ? new Date(organization.health.checkedAt).toLocaleString()
                          : 'never'}
                      </td>
                      <td className={styles.cell}>{organization.health?.missingPermissions.length ?? '–'}</td>
                      <BackupCells organizationId={organization.id} />
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Show>
      </Section>
      {reseller && (
        <Section
          title="Add a customer"
          description="Send the customer's administrator an invitation link: they sign in, grant admin consent, and their tenant appears here."
        >
          <div className={styles.invitation}>
            <Button appearance="primary" onClick={() => void invite()}>
              Create invitation link
            </Button>
            {invitation && (
              <>
                <Input
                  readOnly
                  value={invitation}
                  aria-label="Invitation link"
                  style={{ minWidth: '320px' }}
                />
                <Text size={200}>Valid once; it expires.</Text>
              </>
            )}
          </div>
          {problem && <Problem problem={problem} />}
          <Text>
            Or connect the customer's own app registration (
            <FluentLink href="https://learn.microsoft.com/entra/identity-platform/quickstart-register-app">
              how
            </FluentLink>
            ):
          </Text>
          <ManualConnectionForm
            resellerId={reseller.id}
            onConnected={(organization) => void navigate(`/organizations/${organization.id}/settings`)}
          />
        </Section>
      )}
    </>
  );
}

/** An organization's backups at a glance: three cells of its row, loaded on their own. */
function BackupCells({ organizationId }: { organizationId: string }) {
  const styles = useStyles();
  const loaded = useLoad(() => loadBackupHealth(organizationId), organizationId);
  if (loaded.state !== 'ready') {
    const shown = loaded.state === 'loading' ? '…' : '–';
    return (
      <>
        <td className={styles.cell}>{shown}</td>
        <td className={styles.cell}>{shown}</td>
        <td className={styles.cell}>{shown}</td>
      </>
    );
  }
  const { lastSuccess, failuresSinceSuccess, snapshots } = loaded.data;
  const finished = lastSuccess?.finishedAt;
  return (
    <>
      <td className={styles.cell}>
        {finished ? (
          <time dateTime={finished} title={new Date(finished).toLocaleString()}>
            {relativeTime(finished)}
          </time>
        ) : (
          'never'
        )}
      </td>
      <td className={styles.cell}>
        {failuresSinceSuccess > 0 ? <Badge color="danger">{failuresSinceSuccess}</Badge> : 0}
      </td>
      <td className={styles.cell}>{snapshots[0]?.items.toLocaleString() ?? '–'}</td>
    </>
  );
}
