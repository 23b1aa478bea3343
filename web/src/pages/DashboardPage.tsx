// The organization at a glance: is it connected, how its backups are doing (the last run,
// the last success, the next run), what is protected and how it changed over time.
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import type { BackupSettings, TypeCounts } from '../api/types';
import { ActivityChart } from '../components/ActivityChart';
import { healthBadge } from '../components/ConnectionHealth';
import { isActive, JobState } from '../components/JobState';
import { useOrganization } from '../components/OrganizationScope';
import { Section } from '../components/Section';
import { Show } from '../components/status';
import { loadBackupHealth, nextScheduledRun, relativeTime, type BackupHealth } from '../backup-health';
import { objectTypeLabel } from '../object-types';
import { useLoad } from '../use-load';

/** How often the page asks again while the last backup runs. */
const REFRESH_MS = 3000;

const useStyles = makeStyles({
  tiles: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  wide: { gridColumn: '1 / -1' },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: {
    margin: 0,
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    flexWrap: 'wrap',
  },
  counts: { width: '100%', borderCollapse: 'collapse' },
  count: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
});

interface Overview {
  settings: BackupSettings;
  health: BackupHealth;
  /** Object counts of the latest snapshot; undefined before the first backup. */
  latest: TypeCounts | undefined;
}

async function loadOverview(organizationId: string): Promise<Overview> {
  const path = { organizationId };
  const [{ settings }, health] = await Promise.all([
    unwrap(api.GET('/api/organizations/{organizationId}/settings', { params: { path } })),
    loadBackupHealth(organizationId),
  ]);
  const latest =
    health.snapshots.length > 0
      ? await unwrap(api.GET('/api/organizations/{organizationId}/directory/types', { params: { path } }))
      : undefined;
  return { settings, health, latest };
}

function When({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={new Date(iso).toLocaleString()}>
      {relativeTime(iso)}
    </time>
  );
}

export function DashboardPage() {
  const styles = useStyles();
  const { organization } = useOrganization();
  const organizationId = organization.id;
  const overview = useLoad(() => loadOverview(organizationId), organizationId);
  // While the last backup runs the page follows it to its end; no page reload needed.
  const data = overview.state === 'ready' ? overview.data : undefined;
  const running = data?.health.lastJob !== undefined && isActive(data.health.lastJob);
  const { reload } = overview;
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(reload, REFRESH_MS);
    return () => clearTimeout(timer);
  }, [running, reload, data]);
  return (
    <div className={styles.tiles}>
      <Section title="Backup health">
        <dl className={styles.facts}>
          <dt className={styles.term}>Connection</dt>
          <dd className={styles.value}>
            {healthBadge(organization)}
            <Link to="settings">Permissions</Link>
          </dd>
          {organization.health?.error && (
            <>
              <dt className={styles.term}>Problem</dt>
              <dd className={styles.value}>{organization.health.error}</dd>
            </>
          )}
          {overview.state === 'ready' && <BackupFacts overview={overview.data} />}
        </dl>
      </Section>
      <Show loaded={overview} label="Loading backups…">
        {({ settings, health, latest }) => (
          <>
            <Section title="Protected objects">
              <ProtectedObjects settings={settings} latest={latest} />
            </Section>
            <Section title="Schedule">
              <Text>
                <code>{settings.schedule.cron}</code> ({settings.schedule.timeZone})
              </Text>
              <Text size={200}>
                Keeps every backup of the last {settings.retention.keepWithinDays} days, then{' '}
                {settings.retention.daily} daily, {settings.retention.weekly} weekly and{' '}
                {settings.retention.monthly} monthly.
              </Text>
            </Section>
            {health.snapshots.length > 0 && (
              <div className={styles.wide}>
                <Section
                  title="Over time"
                  description="Objects each backup held, and what it found added, changed and removed."
                >
                  <ActivityChart snapshots={health.snapshots} />
                </Section>
              </div>
            )}
          </>
        )}
      </Show>
    </div>
  );
}

function BackupFacts({ overview }: { overview: Overview }) {
  const styles = useStyles();
  const { health, settings } = overview;
  const anythingOn = Object.values(settings.objectTypes).some(Boolean);
  const next = anythingOn ? nextScheduledRun(settings.schedule) : undefined;
  return (
    <>
      <dt className={styles.term}>Last backup</dt>
      <dd className={styles.value}>
        {health.lastJob ? (
          <>
            <JobState job={health.lastJob} />
            <Link to={`jobs/${health.lastJob.id}`}>
              <When iso={health.lastJob.startedAt ?? health.lastJob.createdAt} />
            </Link>
          </>
        ) : (
          'none yet'
        )}
      </dd>
      <dt className={styles.term}>Last success</dt>
      <dd className={styles.value}>
        {health.lastSuccess?.finishedAt ? <When iso={health.lastSuccess.finishedAt} /> : 'none yet'}
        {health.failuresSinceSuccess > 0 &&
          ` · ${health.failuresSinceSuccess} failed ${health.failuresSinceSuccess === 1 ? 'run' : 'runs'} since`}
      </dd>
      <dt className={styles.term}>Next backup</dt>
      <dd className={styles.value}>
        {next ? (
          <When iso={next.toISOString()} />
        ) : (
          <>
            not scheduled: <Link to="settings">switch on what to protect</Link>
          </>
        )}
      </dd>
    </>
  );
}

function ProtectedObjects({
  settings,
  latest,
}: {
  settings: BackupSettings;
  latest: TypeCounts | undefined;
}) {
  const styles = useStyles();
  if (!latest) {
    const on = Object.entries(settings.objectTypes)
      .filter(([, enabled]) => enabled)
      .map(([type]) => objectTypeLabel(type));
    return on.length === 0 ? (
      <Text>
        Nothing is backed up yet. <Link to="settings">Choose what to protect</Link>.
      </Text>
    ) : (
      <Text>Not backed up yet: {on.join(', ')}.</Text>
    );
  }
  const total = latest.types.reduce((sum, entry) => sum + entry.count, 0);
  return (
    <>
      <table className={styles.counts} aria-label="Protected objects by type">
        <tbody>
          {latest.types.map((entry) => (
            <tr key={entry.type}>
              <td>
                <Link to={`entra?type=${entry.type}`}>{objectTypeLabel(entry.type)}</Link>
              </td>
              <td className={styles.count}>{entry.count.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Text size={200}>
        {total.toLocaleString()} objects in snapshot #{latest.snapshot.seq} (
        {new Date(latest.snapshot.startedAt).toLocaleString()}).
      </Text>
    </>
  );
}
