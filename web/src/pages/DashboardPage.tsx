// The organization at a glance: is it connected, what is protected, and when backups run.
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { healthBadge } from '../components/ConnectionHealth';
import { useOrganization } from '../components/OrganizationScope';
import { Section } from '../components/Section';
import { Show } from '../components/status';
import { objectTypeLabel } from '../object-types';
import { useLoad } from '../use-load';

const useStyles = makeStyles({
  tiles: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
});

export function DashboardPage() {
  const styles = useStyles();
  const { organization } = useOrganization();
  const organizationId = organization.id;
  const settings = useLoad(
    () =>
      unwrap(
        api.GET('/api/organizations/{organizationId}/settings', { params: { path: { organizationId } } }),
      ),
    organizationId,
  );
  return (
    <div className={styles.tiles}>
      <Section title="Backup health">
        {healthBadge(organization)}
        {organization.health?.error && <Text>{organization.health.error}</Text>}
        <Link to="settings">Connection and permissions</Link>
      </Section>
      <Show loaded={settings} label="Loading settings…">
        {({ settings: current }) => {
          const protectedTypes = Object.entries(current.objectTypes)
            .filter(([, on]) => on)
            .map(([type]) => objectTypeLabel(type));
          return (
            <>
              <Section title="Protected">
                {protectedTypes.length === 0 ? (
                  <Text>
                    Nothing is backed up yet. <Link to="settings">Choose what to protect</Link>.
                  </Text>
                ) : (
                  <Text>{protectedTypes.join(', ')}</Text>
                )}
              </Section>
              <Section title="Schedule">
                <Text>
                  <code>{current.schedule.cron}</code> ({current.schedule.timeZone})
                </Text>
                <Text size={200}>
                  Keeps every backup of the last {current.retention.keepWithinDays} days, then{' '}
                  {current.retention.daily} daily, {current.retention.weekly} weekly and{' '}
                  {current.retention.monthly} monthly.
                </Text>
              </Section>
            </>
          );
        }}
      </Show>
    </div>
  );
}
