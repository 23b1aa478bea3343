// Whether tenantvault can reach the organization's tenant, which permissions are missing,
// and the consent links that fix it.
import { Badge, Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { api, unwrap, type ApiProblem } from '../api/client';
import type { Organization } from '../api/types';
import { asProblem } from '../use-load';
import { Problem } from './status';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

export function healthBadge(organization: Organization) {
  const health = organization.health;
  if (!health) return <Badge color="informative">Not checked yet</Badge>;
  if (!health.connected) return <Badge color="danger">Not connected</Badge>;
  if (health.missingPermissions.length > 0) return <Badge color="warning">Permissions missing</Badge>;
  return <Badge color="success">Connected</Badge>;
}

export function ConnectionHealth({
  organization,
  ownTenant,
  onChecked,
}: {
  organization: Organization;
  /** The signed-in administrator belongs to this tenant and can consent for it. */
  ownTenant: boolean;
  onChecked: () => void;
}) {
  const styles = useStyles();
  const [checking, setChecking] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const health = organization.health;
  const { backupApp, signInApp } = organization.adminConsentUrls;

  async function check() {
    setChecking(true);
    setProblem(undefined);
    try {
      await unwrap(
        api.POST('/api/organizations/{organizationId}/connection/check', {
          params: { path: { organizationId: organization.id } },
        }),
      );
      onChecked();
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setChecking(false);
    }
  }

  return (
    <>
      <div className={styles.row}>
        {healthBadge(organization)}
        <Text>
          {organization.connection.kind === 'consent'
            ? 'Connected by admin consent'
            : 'Connected with an app registration'}
          {health ? `, checked ${new Date(health.checkedAt).toLocaleString()}` : ''}
        </Text>
      </div>
      {health?.error && <Text>The last check failed: {health.error}</Text>}
      {health && health.missingPermissions.length > 0 && (
        <>
          <Text>These Microsoft Graph permissions are missing; what needs them is not backed up:</Text>
          <ul className={styles.list} aria-label="Missing permissions">
            {health.missingPermissions.map((permission) => (
              <li key={permission}>{permission}</li>
            ))}
          </ul>
        </>
      )}
      {health?.signInConsent === 'some-users' && (
        <Text>
          Only some people of the organization may sign in to tenantvault: consent covered only them.
        </Text>
      )}
      {problem && <Problem problem={problem} />}
      <div className={styles.row}>
        {backupApp && ownTenant && (
          <Button appearance="primary" as="a" href={`${backupApp}?returnTo=%2Fsettings`}>
            Grant admin consent
          </Button>
        )}
        {backupApp && !ownTenant && (
          <Text>An administrator of this organization must grant admin consent to the backup app.</Text>
        )}
        {signInApp && ownTenant && (
          <Button as="a" href={`${signInApp}?returnTo=%2Fsettings`}>
            Let everyone in the organization sign in
          </Button>
        )}
        <Button onClick={() => void check()} disabled={checking}>
          {checking ? 'Checking…' : 'Check connection now'}
        </Button>
      </div>
    </>
  );
}
