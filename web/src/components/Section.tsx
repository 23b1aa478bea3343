// A titled block of a page.
import { Card, Subtitle1, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  card: { marginTop: tokens.spacingVerticalL, gap: tokens.spacingVerticalM },
  description: { color: tokens.colorNeutralForeground2 },
});

export function Section({
  title,
  description,
  children,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  const styles = useStyles();
  const headingId = `section-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <Card className={styles.card} role="region" aria-labelledby={headingId}>
      <Subtitle1 as="h2" id={headingId}>
        {title}
      </Subtitle1>
      {description && <Text className={styles.description}>{description}</Text>}
      {children}
    </Card>
  );
}
