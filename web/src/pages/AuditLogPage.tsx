// Audit log (administrators): who read backup data, changed settings or restored, when and
// from where; filtered by action and time, exported as CSV or JSON Lines.
import { Button, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { useOrganization } from '../components/OrganizationScope';
import { PagedTable, useCellStyles } from '../components/PagedTable';
import { Section } from '../components/Section';
import { Empty } from '../components/status';
import { usePages } from '../use-pages';

const useStyles = makeStyles({
  filters: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap', alignItems: 'flex-end' },
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
  const cells = useCellStyles();
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
      <PagedTable
        pages={pages}
        label="Audit log entries"
        loadingLabel="Loading the audit log…"
        empty={<Empty title="No entries match these filters" />}
        columns={[
          { header: 'When', width: '190px' },
          { header: 'Who', width: 'minmax(120px, 1fr)' },
          { header: 'Action', width: 'minmax(140px, 1fr)' },
          { header: 'Target', width: 'minmax(120px, 2fr)' },
          { header: 'From', width: '120px' },
        ]}
        rowHeight={44}
        row={(entry) => (
          <>
            <Text role="cell">{new Date(entry.at).toLocaleString()}</Text>
            <Text role="cell" className={cells.cell}>
              {entry.actor.name}
              {entry.actor.tokenId ? ' (API token)' : ''}
            </Text>
            <Text role="cell" className={cells.cell}>
              {entry.action}
            </Text>
            <Text
              role="cell"
              className={cells.cell}
              title={entry.details ? JSON.stringify(entry.details) : undefined}
            >
              {entry.target ?? ''}
            </Text>
            <Text role="cell" className={cells.cell}>
              {entry.ip}
            </Text>
          </>
        )}
      />
    </Section>
  );
}
