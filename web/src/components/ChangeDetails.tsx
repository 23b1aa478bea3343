// What changed in one object between two versions: each changed property with its old and
// new value side by side (highlighted, as <del> and <ins>), and the relationships that
// gained or lost members. Log days say how many entries each side holds.
import { Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { DirectoryChange } from '../api/types';
import { showValue } from '../stored-item';
import { propertyTableStyles } from './property-table';

type Changes = Pick<DirectoryChange, 'properties' | 'relationships' | 'entries'>;

const useStyles = makeStyles({
  ...propertyTableStyles,
  property: { width: '200px', fontFamily: tokens.fontFamilyMonospace },
  old: {
    backgroundColor: tokens.colorPaletteRedBackground1,
    color: tokens.colorPaletteRedForeground1,
    textDecoration: 'line-through',
  },
  new: {
    backgroundColor: tokens.colorPaletteGreenBackground1,
    color: tokens.colorPaletteGreenForeground1,
    textDecoration: 'none',
  },
  ids: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontFamily: tokens.fontFamilyMonospace },
});

export function ChangeDetails({
  changes,
  before,
  after,
}: {
  changes: Changes;
  before: string;
  after: string;
}) {
  const styles = useStyles();
  const properties = changes.properties ?? [];
  const relationships = (changes.relationships ?? []).filter(
    (relationship) => relationship.added.length > 0 || relationship.removed.length > 0,
  );
  return (
    <>
      {properties.length > 0 && (
        <table className={styles.table} aria-label="Changed properties">
          <thead>
            <tr>
              <th className={mergeClasses(styles.cell, styles.property)}>Property</th>
              <th className={styles.cell}>{before}</th>
              <th className={styles.cell}>{after}</th>
            </tr>
          </thead>
          <tbody>
            {properties.map((change) => (
              <tr key={change.property}>
                <th scope="row" className={mergeClasses(styles.cell, styles.property)}>
                  {change.property}
                </th>
                <td className={styles.cell}>
                  <del className={styles.old}>{showValue(change.old)}</del>
                </td>
                <td className={styles.cell}>
                  <ins className={styles.new}>{showValue(change.new)}</ins>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {relationships.length > 0 && (
        <table className={styles.table} aria-label="Changed relationships">
          <thead>
            <tr>
              <th className={mergeClasses(styles.cell, styles.property)}>Relationship</th>
              <th className={styles.cell}>Removed</th>
              <th className={styles.cell}>Added</th>
            </tr>
          </thead>
          <tbody>
            {relationships.map((relationship) => (
              <tr key={relationship.relationship}>
                <th scope="row" className={mergeClasses(styles.cell, styles.property)}>
                  {relationship.relationship}
                </th>
                <td className={styles.cell}>
                  <IdList ids={relationship.removed} kind="removed" />
                </td>
                <td className={styles.cell}>
                  <IdList ids={relationship.added} kind="added" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {changes.entries && (
        <Text>
          {changes.entries.before.toLocaleString()} entries in {before},{' '}
          {changes.entries.after.toLocaleString()} in {after}.
        </Text>
      )}
    </>
  );
}

function IdList({ ids, kind }: { ids: string[]; kind: 'added' | 'removed' }) {
  const styles = useStyles();
  if (ids.length === 0) return <Text>–</Text>;
  const Mark = kind === 'added' ? 'ins' : 'del';
  return (
    <ul className={styles.ids}>
      {ids.map((id) => (
        <li key={id}>
          <Mark className={kind === 'added' ? styles.new : styles.old}>{id}</Mark>
        </li>
      ))}
    </ul>
  );
}
