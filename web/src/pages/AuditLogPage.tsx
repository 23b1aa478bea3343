// Audit log (administrators): who read backup data, changed settings or restored, when and
// from where; filtered by action and time, exported as CSV or JSON Lines.
import { Button, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { useOrganization } from '../components/OrganizationScope';
import { PagedList } from '../components/PagedList';
import { Section } from '../components/Section';
import { Empty, Loading, Problem } from '../components/status';
import { usePages } from '../use-pages';

const useStyles = makeStyles({
  filters: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap', alignItems: 'flex-end' },
  grid: {
    display: 'grid',
    gridTemplateColumns: '190px minmax(120px, 1fr) minmax(140px, 1fr) minmax(120px, 2fr) 120px',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    height: '100%',
    padding: `0 ${tokens.spacingHorizontalM}`,
  },
  cell: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});

/** A date field's value (local day) as the start or end of that day in ISO form. */
function dayBoundary(value: string, end: boolean): string | undefined {
  if (!value) return undefined;
  const day = new Date(`${value}T00:00:00`);
  if (end) day.setDate(day.getDate() + 1);
  return day.toISOString();
}

export function AuditLogPage() {
  const styles = useStyles();
  const { organization } = useOrganization();
  const organizationId = organization.id;
  const [action, setAction] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const filter = {
    ...(action.trim() ? { action: action.trim() } : {}),
    ...(from ? { from: dayBoundary(from, false) } : {}),
    ...(to ? { to: dayBoundary(to, true) } : {}),
  };
  const pages = usePages(
    (pageToken) =>
      unwrap(
        api.GET('/api/organizations/{organizationId}/audit', {
          params: {
            path: { organizationId },
            query: pageToken ? { pageToken } : { ...filter, pageSize: 100 },
          },
        }),
      ),
    JSON.stringify([organizationId, filter]),
  );
  const exportUrl = (format: 'csv' | 'jsonl') =>
    `/api/organizations/${organizationId}/audit/export?${new URLSearchParams({ ...filter, format } as Record<string, string>)}`;

  return (
    <Section
      title="Audit log"
      description="Every reading of backup data, change of settings and restore, newest first."
    >
      <div className={styles.filters}>
        <Field label="Action" hint="e.g. settings.update">
          <Input value={action} onChange={(_event, data) => setAction(data.value)} />
        </Field>
        <Field label="From">
          <Input type="date" value={from} onChange={(_event, data) => setFrom(data.value)} />
        </Field>
        <Field label="To">
          <Input type="date" value={to} onChange={(_event, data) => setTo(data.value)} />
        </Field>
        <Button as="a" href={exportUrl('csv')} download>
          Export CSV
        </Button>
        <Button as="a" href={exportUrl('jsonl')} download>
          Export JSON Lines
        </Button>
      </div>
      {pages.state === 'loading' && <Loading label="Loading the audit log…" />}
      {pages.state === 'failed' && pages.problem && <Problem problem={pages.problem} retry={pages.reload} />}
      {pages.state === 'ready' && pages.items.length === 0 && (
        <Empty title="No entries match these filters" />
      )}
      {pages.state === 'ready' && pages.items.length > 0 && (
        <PagedList
          label="Audit log entries"
          items={pages.items}
          rowHeight={44}
          hasMore={pages.hasMore}
          loadingMore={pages.loadingMore}
          loadMore={pages.loadMore}
          header={
            <div className={styles.grid} role="row" style={{ padding: tokens.spacingVerticalS }}>
              <span role="columnheader">When</span>
              <span role="columnheader">Who</span>
              <span role="columnheader">Action</span>
              <span role="columnheader">Target</span>
              <span role="columnheader">From</span>
            </div>
          }
          row={(entry) => (
            <div className={styles.grid}>
              <Text role="cell">{new Date(entry.at).toLocaleString()}</Text>
              <Text role="cell" className={styles.cell}>
                {entry.actor.name}
                {entry.actor.tokenId ? ' (API token)' : ''}
              </Text>
              <Text role="cell" className={styles.cell}>
                {entry.action}
              </Text>
              <Text
                role="cell"
                className={styles.cell}
                title={entry.details ? JSON.stringify(entry.details) : undefined}
              >
                {entry.target ?? ''}
              </Text>
              <Text role="cell" className={styles.cell}>
                {entry.ip}
              </Text>
            </div>
          )}
        />
      )}
    </Section>
  );
}
