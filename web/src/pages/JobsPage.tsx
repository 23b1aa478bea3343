// Jobs: the organization's running and past jobs, newest first, each opening its progress.
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { describeDuration, isActive, JobState } from '../components/JobState';
import { useOrganization } from '../components/OrganizationScope';
import { PagedList } from '../components/PagedList';
import { Section } from '../components/Section';
import { Empty, Loading, Problem } from '../components/status';
import { usePages } from '../use-pages';

const REFRESH_MS = 3000;

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: '110px 120px minmax(160px, 1fr) 110px',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    height: '100%',
    padding: `0 ${tokens.spacingHorizontalM}`,
  },
});

export function JobsPage() {
  const styles = useStyles();
  const { organization } = useOrganization();
  const organizationId = organization.id;
  const pages = usePages(
    (pageToken) =>
      unwrap(
        api.GET('/api/organizations/{organizationId}/jobs', {
          params: { path: { organizationId }, query: pageToken ? { pageToken } : { pageSize: 50 } },
        }),
      ),
    organizationId,
  );
  // While a job runs the list refreshes itself; no page reload needed.
  const running = pages.items.some(isActive);
  const { reload } = pages;
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(reload, REFRESH_MS);
    return () => clearTimeout(timer);
  }, [running, reload, pages.items]);

  return (
    <Section title="Jobs" description="Backups, restores, checks and retention runs, newest first.">
      {pages.state === 'loading' && <Loading label="Loading jobs…" />}
      {pages.state === 'failed' && pages.problem && <Problem problem={pages.problem} retry={reload} />}
      {pages.state === 'ready' && pages.items.length === 0 && (
        <Empty title="No jobs yet">
          Backups run on schedule once object types are switched on; “Back up now” in Settings starts one at
          once.
        </Empty>
      )}
      {pages.items.length > 0 && (
        <PagedList
          label="Jobs"
          items={pages.items}
          rowHeight={44}
          hasMore={pages.hasMore}
          loadingMore={pages.loadingMore}
          loadMore={pages.loadMore}
          header={
            <div className={styles.grid} role="row" style={{ padding: tokens.spacingVerticalS }}>
              <span role="columnheader">Job</span>
              <span role="columnheader">State</span>
              <span role="columnheader">Started</span>
              <span role="columnheader">Took</span>
            </div>
          }
          row={(job) => (
            <div className={styles.grid}>
              <Link role="cell" to={job.id}>
                {job.kind[0]?.toUpperCase() + job.kind.slice(1)}
              </Link>
              <span role="cell">
                <JobState job={job} />
              </span>
              <Text role="cell">{new Date(job.startedAt ?? job.createdAt).toLocaleString()}</Text>
              <Text role="cell">{describeDuration(job.durationMs)}</Text>
            </div>
          )}
        />
      )}
      <div>
        <Button onClick={reload}>Refresh</Button>
      </div>
    </Section>
  );
}
