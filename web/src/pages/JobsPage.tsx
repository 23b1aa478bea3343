// Jobs: the organization's running and past jobs, newest first, each opening its progress.
import { Button, Text } from '@fluentui/react-components';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { describeDuration, isActive, JobState } from '../components/JobState';
import { useOrganization } from '../components/OrganizationScope';
import { PagedTable } from '../components/PagedTable';
import { Section } from '../components/Section';
import { Empty } from '../components/status';
import { usePages } from '../use-pages';

const REFRESH_MS = 3000;

export function JobsPage() {
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
      <PagedTable
        pages={pages}
        label="Jobs"
        loadingLabel="Loading jobs…"
        empty={
          <Empty title="No jobs yet">
            Backups run on schedule once object types are switched on; “Back up now” in Settings starts one at
            once.
          </Empty>
        }
        columns={[
          { header: 'Job', width: '110px' },
          { header: 'State', width: '120px' },
          { header: 'Started', width: 'minmax(160px, 1fr)' },
          { header: 'Took', width: '110px' },
        ]}
        rowHeight={44}
        row={(job) => (
          <>
            <Link role="cell" to={job.id}>
              {job.kind[0]?.toUpperCase() + job.kind.slice(1)}
            </Link>
            <span role="cell">
              <JobState job={job} />
            </span>
            <Text role="cell">{new Date(job.startedAt ?? job.createdAt).toLocaleString()}</Text>
            <Text role="cell">{describeDuration(job.durationMs)}</Text>
          </>
        )}
      />
      <div>
        <Button onClick={reload}>Refresh</Button>
      </div>
    </Section>
  );
}
