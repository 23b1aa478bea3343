// One Entra ID object: its versions across snapshots (a timeline of what changed), a
// comparison of any two versions — or of one version and the live tenant —, the restore of
// a version, and the version a snapshot stores (every property and relationship).
import { Button, Field, Select, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import type { DirectoryType, ObjectHistory, ObjectVersion } from '../api/types';
import { ChangeDetails } from '../components/ChangeDetails';
import { useOrganization } from '../components/OrganizationScope';
import { RestorePanel, versionLabel } from '../components/RestorePanel';
import { Section } from '../components/Section';
import { Empty, Show } from '../components/status';
import { isLogType, objectTypeLabel } from '../object-types';
import { isLogDay, showValue, type StoredItem } from '../stored-item';
import { useLoad } from '../use-load';
import { propertyTableStyles } from '../components/property-table';

/** Log entries shown on the page; the export has them all. */
const SHOWN_ENTRIES = 200;
const LIVE = 'live';

const useStyles = makeStyles({
  heading: { display: 'flex', gap: tokens.spacingHorizontalL, alignItems: 'center', flexWrap: 'wrap' },
  timeline: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalS },
  version: {
    display: 'flex',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    flexWrap: 'wrap',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderLeft: `3px solid ${tokens.colorNeutralStroke1}`,
  },
  shown: {
    borderLeftColor: tokens.colorBrandStroke1,
    backgroundColor: tokens.colorNeutralBackground1Selected,
  },
  ...propertyTableStyles,
  name: { width: '220px', fontFamily: tokens.fontFamilyMonospace },
  pickers: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap', alignItems: 'flex-end' },
  entries: {
    maxHeight: '50vh',
    overflow: 'auto',
    margin: 0,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground3,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
  },
});

function itemUrl(organizationId: string, type: string, id: string, seq?: number): string {
  const base = `/api/organizations/${organizationId}/directory/items/${type}/${encodeURIComponent(id)}`;
  return seq === undefined ? base : `${base}?at=${seq}`;
}

export function EntraObjectPage() {
  const { organization } = useOrganization();
  const organizationId = organization.id;
  const { type = '', objectId = '' } = useParams();
  const history = useLoad(
    () =>
      unwrap(
        api.GET('/api/organizations/{organizationId}/directory/items/{type}/{id}/history', {
          params: { path: { organizationId, type: type as DirectoryType, id: objectId } },
        }),
      ),
    `${organizationId}:${type}:${objectId}`,
  );
  return (
    <Show loaded={history} label="Loading the object’s versions…">
      {(loaded) => <ObjectVersions type={type as DirectoryType} id={objectId} history={loaded} />}
    </Show>
  );
}

function ObjectVersions({ type, id, history }: { type: DirectoryType; id: string; history: ObjectHistory }) {
  const styles = useStyles();
  const { organization } = useOrganization();
  const organizationId = organization.id;
  const [params, setParams] = useSearchParams();
  const versions = history.versions;
  const latest = versions.at(-1);
  const seq = Number(params.get('at') ?? latest?.lastSnapshot ?? history.latestSnapshot);
  const shown = versions.find((version) => version.firstSnapshot <= seq && seq <= version.lastSnapshot);
  const previous = versions.at(-2);
  const label = objectTypeLabel(type);

  return (
    <>
      <Section title={latest?.displayName ?? id}>
        <div className={styles.heading}>
          <Text>
            {label} · <Text font="monospace">{id}</Text>
          </Text>
          <Link
            to={`/organizations/${organizationId}/entra?${new URLSearchParams({ type, at: String(seq) })}`}
          >
            All {label.toLowerCase()}
          </Link>
          <Button as="a" href={itemUrl(organizationId, type, id, seq)} download={`${type}-${id}-${seq}.json`}>
            Export as JSON
          </Button>
        </div>
      </Section>
      <Section
        title="Versions"
        description="Each version lasted over one or more snapshots; what changed is against the version before."
      >
        <ol className={styles.timeline} aria-label="Versions">
          {[...versions].reverse().map((version) => (
            <li
              key={version.firstSnapshot}
              className={mergeClasses(styles.version, version === shown && styles.shown)}
              aria-current={version === shown ? 'true' : undefined}
            >
              <Text weight="semibold">{versionLabel(version)}</Text>
              <Text>{describeChanges(version)}</Text>
              {version !== shown && (
                <Button
                  size="small"
                  onClick={() => setParams({ at: String(version.lastSnapshot) }, { replace: true })}
                >
                  Show this version
                </Button>
              )}
            </li>
          ))}
        </ol>
      </Section>
      <Section
        title="Compare"
        description="Changed values are highlighted: the older on the left, the newer on the right."
      >
        <Comparison
          type={type}
          id={id}
          versions={versions}
          initialFrom={(previous ?? latest)?.firstSnapshot ?? seq}
          initialTo={previous && latest ? String(latest.firstSnapshot) : LIVE}
        />
      </Section>
      {!isLogType(type) && (
        <Section
          title="Restore"
          description="The plan comes first and lists every change the restore would make in the tenant; nothing is written until you choose Restore."
        >
          <RestorePanel
            organizationId={organizationId}
            type={type}
            id={id}
            versions={versions}
            initialSnapshot={(previous ?? latest)?.lastSnapshot ?? seq}
          />
        </Section>
      )}
      <Stored type={type} id={id} seq={seq} />
    </>
  );
}

function describeChanges(version: ObjectVersion): string {
  const changes = version.changes;
  if (!changes) return 'First backed up';
  const names = [
    ...(changes.properties ?? []).map((change) => change.property),
    ...(changes.relationships ?? []).map((change) => change.relationship),
  ];
  if (changes.entries) names.push('entries');
  return names.length === 0 ? 'Back after removal' : `Changed: ${names.join(', ')}`;
}

function Stored({ type, id, seq }: { type: DirectoryType; id: string; seq: number }) {
  const styles = useStyles();
  const { organization } = useOrganization();
  const organizationId = organization.id;
  const stored = useLoad(
    () =>
      unwrap(
        api.GET('/api/organizations/{organizationId}/directory/items/{type}/{id}', {
          params: { path: { organizationId, type, id }, query: { at: String(seq) } },
        }),
      ),
    `${organizationId}:${type}:${id}:${seq}`,
  );
  return (
    <Section title={`As snapshot #${seq} stores it`}>
      <Show loaded={stored} label="Reading the object from the backup…">
        {({ item }) => {
          const storedItem = item as StoredItem;
          if (isLogDay(storedItem)) {
            return (
              <>
                <Text>
                  {storedItem.entries.length.toLocaleString()} entries
                  {storedItem.entries.length > SHOWN_ENTRIES &&
                    ` (the first ${SHOWN_ENTRIES} shown; export for all)`}
                </Text>
                <pre className={styles.entries}>
                  {storedItem.entries
                    .slice(0, SHOWN_ENTRIES)
                    .map((entry) => JSON.stringify(entry))
                    .join('\n')}
                </pre>
              </>
            );
          }
          const relationships = Object.entries(storedItem.relationships);
          return (
            <>
              <table className={styles.table} aria-label="Properties">
                <tbody>
                  {Object.entries(storedItem.object).map(([name, value]) => (
                    <tr key={name}>
                      <th scope="row" className={mergeClasses(styles.cell, styles.name)}>
                        {name}
                      </th>
                      <td className={styles.cell}>{showValue(value)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {relationships.length > 0 && (
                <table className={styles.table} aria-label="Relationships">
                  <tbody>
                    {relationships.map(([name, ids]) => (
                      <tr key={name}>
                        <th scope="row" className={mergeClasses(styles.cell, styles.name)}>
                          {name} ({ids.length})
                        </th>
                        <td className={styles.cell}>{ids.length === 0 ? '–' : ids.join(', ')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          );
        }}
      </Show>
    </Section>
  );
}

function Comparison({
  type,
  id,
  versions,
  initialFrom,
  initialTo,
}: {
  type: DirectoryType;
  id: string;
  versions: readonly ObjectVersion[];
  initialFrom: number;
  initialTo: string;
}) {
  const styles = useStyles();
  const { organization } = useOrganization();
  const organizationId = organization.id;
  const [from, setFrom] = useState(initialFrom);
  const [to, setTo] = useState(initialTo);
  const diff = useLoad(
    () =>
      unwrap(
        api.GET('/api/organizations/{organizationId}/directory/diff', {
          params: { path: { organizationId }, query: { from: String(from), to, ids: id } },
        }),
      ),
    `${organizationId}:${id}:${from}:${to}`,
  );
  const newestFirst = [...versions].reverse();
  const before = `Snapshot #${from}`;
  const after = to === LIVE ? 'Live tenant' : `Snapshot #${to}`;
  return (
    <>
      <div className={styles.pickers}>
        <Field label="Older">
          <Select value={String(from)} onChange={(_event, data) => setFrom(Number(data.value))}>
            {newestFirst.map((version) => (
              <option key={version.firstSnapshot} value={version.firstSnapshot}>
                {versionLabel(version)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Newer">
          <Select value={to} onChange={(_event, data) => setTo(data.value)}>
            {!isLogType(type) && <option value={LIVE}>The live tenant, now</option>}
            {newestFirst.map((version) => (
              <option key={version.firstSnapshot} value={version.firstSnapshot}>
                {versionLabel(version)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Show loaded={diff} label={to === LIVE ? 'Reading the live tenant…' : 'Comparing…'}>
        {({ items }) => {
          const change = items.find((item) => item.id === id);
          if (!change)
            return (
              <Empty title="No differences">
                {after} matches {before.toLowerCase()}.
              </Empty>
            );
          if (change.change === 'added')
            return <Text>The object does not exist in {before.toLowerCase()}.</Text>;
          if (change.change === 'removed')
            return <Text>The object does not exist in {after.toLowerCase()}.</Text>;
          return <ChangeDetails changes={change} before={before} after={after} />;
        }}
      </Show>
    </>
  );
}
