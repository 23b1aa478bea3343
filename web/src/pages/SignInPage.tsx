// What a signed-out person sees: one way in, with their Microsoft 365 account.
import { Button, Card, Text, Title1, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  page: { display: 'grid', placeItems: 'center', minHeight: '100vh', padding: tokens.spacingHorizontalL },
  card: { maxWidth: '440px', padding: tokens.spacingHorizontalXXL, gap: tokens.spacingVerticalL },
});

export function SignInPage() {
  const styles = useStyles();
  const returnTo = window.location.pathname + window.location.search;
  return (
    <main className={styles.page}>
      <Card className={styles.card}>
        <Title1 as="h1">tenantvault</Title1>
        <Text>
          Backup for your Microsoft 365 organization: every version of your Entra ID directory, compared and
          restored in a few clicks.
        </Text>
        <Button
          appearance="primary"
          size="large"
          as="a"
          href={`/auth/sign-in?returnTo=${encodeURIComponent(returnTo)}`}
        >
          Sign in with Microsoft 365
        </Button>
        <Text size={200}>
          Use your work account. Administrators connect their organization after signing in.
        </Text>
      </Card>
    </main>
  );
}
