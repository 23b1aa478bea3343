// Entra ID backup: pick a snapshot (the newest by default), see its object types with their
// counts, and list one type's objects — searched and paged by the server, virtualized for
// tenants of 100,000 users — each opening its own page. Exports download JSON Lines.
import {
  Badge,
  Button,
  Field,
  SearchBox,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useDeferredValue, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import type { DirectoryType, Snapshot, TypeCounts } from '../api/types';
import { useOrganization } from '../components/OrganizationScope';
import { PagedTable, useCellStyles } from '../components/PagedTable';
import { Section } from '../components/Section';
import { SnapshotPicker } from '../components/SnapshotPicker';
import { Empty, Show } from '../components/status';
import { objectTypeLabel } from '../object-types';
import { useLoad } from '../use-load';
import { usePages } from '../use-pages';

const ROW_HEIGHT = 44;

const useStyles = makeStyles({
  toolbar: { display: 'flex', gap: tokens.spacingHorizontalL, alignItems: 'flex-end', flexWrap: 'wrap' },
  columns: {
    display: 'grid',
    gridTemplateColumns: '260px minmax(0, 1fr)',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
    '@media (max-width: 1100px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  types: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalXXS },
  type: {
    display: 'flex',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
    textDecoration: 'none',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  selected: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    fontWeight: tokens.fontWeightSemibold,
  },
});

/** Where a snapshot's export downloads from (every type, or one). */
export function exportUrl(organizationId: string, seq: number, type?: string): string {
  const query = new URLSearchParams({ at: String(seq), ...(type ? { type } : {}) });
  return `/api/organizations/${organizationId}/directory/export?${query}`;
}

export function EntraPage() {
  const { organization } = useOrganization();
  const organizationId = organization.id;
  const snapshots = useLoad(
    () =>
      unwrap(
        api.GET('/api/organizations/{organizationId}/directory/snapshots', {
          params: { path: { organizationId } },
        }),
      ),
    organizationId,
  );
  return (
    <Show loaded={snapshots} label="Loading backups…">
      {({ snapshots: list }) =>
        list.length === 0 ? (
          <Section title="Entra ID backup">
            <Empty title="No backup has finished yet">
              Switch on object types in <Link to="../settings">Settings</Link> and choose Back up now;{' '}
              <Link to="../jobs">Jobs</Link> follows a backup as it runs. Each finished backup appears here to
              browse, compare and restore.
            </Empty>
          </Section>
        ) : (
          <Browser snapshots={list} />
        )
      }
    </Show>
  );
}

function Browser({ snapshots }: { snapshots: Snapshot[] }) {
  const styles = useStyles();
  const { organization } = useOrganization();
  const organizationId = organization.id;
  const [params, setParams] = useSearchParams();
  const seq = Number(params.get('at') ?? snapshots[0]?.seq);
  const counts = useLoad(
    () =>
      unwrap(
        api.GET('/api/organizations/{organizationId}/directory/types', {
          params: { path: { organizationId }, query: { at: String(seq) } },
        }),
      ),
    `${organizationId}:${seq}`,
  );

  function choose(changes: Record<string, string>) {
    setParams((current) => ({ ...Object.fromEntries(current), ...changes }), { replace: true });
  }

  return (
    <>
      <Section
        title="Entra ID backup"
        description="Every backup is a complete snapshot of the directory. Open an object for its versions, to compare them and to restore one."
      >
        <div className={styles.toolbar}>
          <SnapshotPicker snapshots={snapshots} value={seq} onChange={(at) => choose({ at: String(at) })} />
          <Button as="a" href={exportUrl(organizationId, seq)} download>
            Export the snapshot as JSON
          </Button>
        </div>
      </Section>
      <Show loaded={counts} label="Counting objects…">
        {(loaded) => (
          <TypesAndObjects counts={loaded} seq={seq} chosen={params.get('type')} choose={choose} />
        )}
      </Show>
    </>
  );
}

function TypesAndObjects({
  counts,
  seq,
  chosen,
  choose,
}: {
  counts: TypeCounts;
  seq: number;
  chosen: string | null;
  choose: (changes: Record<string, string>) => void;
}) {
  const styles = useStyles();
  const type = (chosen ?? counts.types.find((entry) => entry.count > 0)?.type) as DirectoryType | undefined;
  return (
    <div className={styles.columns}>
      <Section title="Object types">
        {counts.types.length === 0 ? (
          <Text>This snapshot holds no objects.</Text>
        ) : (
          <ul className={styles.types} aria-label="Object types">
            {counts.types.map((entry) => (
              <li key={entry.type}>
                <Link
                  to={`?${new URLSearchParams({ at: String(seq), type: entry.type })}`}
                  replace
                  aria-current={entry.type === type ? 'true' : undefined}
                  className={mergeClasses(styles.type, entry.type === type && styles.selected)}
                  onClick={(event) => {
                    event.preventDefault();
                    choose({ type: entry.type });
                  }}
                >
                  <span>{objectTypeLabel(entry.type)}</span>
                  <Badge appearance="tint" color="informative">
                    {entry.count.toLocaleString()}
                  </Badge>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Section>
      {type && <ObjectList key={`${type}:${seq}`} type={type} seq={seq} />}
    </div>
  );
}

function ObjectList({ type, seq }: { type: DirectoryType; seq: number }) {
  const styles = useStyles();
  const cells = useCellStyles();
  const { organization } = useOrganization();
  const organizationId = organization.id;
  const [search, setSearch] = useState('');
  const query = useDeferredValue(search.trim());
  const pages = usePages(
    (pageToken) =>
      unwrap(
        api.GET('/api/organizations/{organizationId}/directory/items', {
          params: {
            path: { organizationId },
            query: {
              at: String(seq),
              type,
              pageSize: 100,
              ...(query ? { search: query } : {}),
              ...(pageToken ? { pageToken } : {}),
            },
          },
        }),
      ),
    `${organizationId}:${seq}:${type}:${query}`,
  );
  const label = objectTypeLabel(type);
  return (
    <Section title={label} description={`As snapshot #${seq} holds them.`}>
      <div className={styles.toolbar}>
        <Field label="Search by name or id">
          <SearchBox
            value={search}
            onChange={(_event, data) => setSearch(data.value)}
            placeholder="Start of a name"
          />
        </Field>
        <Button as="a" href={exportUrl(organizationId, seq, type)} download>
          Export {label} as JSON
        </Button>
      </div>
      <PagedTable
        pages={pages}
        label={label}
        loadingLabel={`Loading ${label.toLowerCase()}…`}
        empty={
          <Empty
            title={query ? `Nothing matches “${query}”` : `No ${label.toLowerCase()} in this snapshot`}
          />
        }
        columns={[
          { header: 'Name', width: 'minmax(160px, 2fr)' },
          { header: 'Id', width: 'minmax(160px, 2fr)' },
          { header: 'This version since', width: '180px' },
        ]}
        rowHeight={ROW_HEIGHT}
        row={(item) => (
          <>
            <span role="cell" className={cells.cell}>
              <Link to={`${type}/${encodeURIComponent(item.id)}?at=${seq}`}>
                {item.displayName ?? item.id}
              </Link>
            </span>
            <Text role="cell" className={cells.cell} font="monospace" size={200}>
              {item.id}
            </Text>
            <Text role="cell">{new Date(item.firstSeenAt).toLocaleString()}</Text>
          </>
        )}
      />
    </Section>
  );
}
