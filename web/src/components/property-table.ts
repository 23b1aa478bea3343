// The look of a table of an object's properties (name, value) and of a change's old and
// new values: fixed layout, values wrapped anywhere, rows ruled. Spread into a page's styles.
import { tokens } from '@fluentui/react-components';

export const propertyTableStyles = {
  table: { width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed' },
  cell: {
    textAlign: 'left',
    verticalAlign: 'top',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    overflowWrap: 'anywhere',
  },
} as const;
