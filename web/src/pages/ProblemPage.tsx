// Where a failed sign-in or consent lands (the service redirects here with what went wrong):
// "your organization has not granted access yet" with what an administrator must do, or the
// identity platform's refusal in plain words.
import { Button, Card, Text, Title1, makeStyles, tokens } from '@fluentui/react-components';
import { useSearchParams } from 'react-router';

const useStyles = makeStyles({
  page: { display: 'grid', placeItems: 'center', minHeight: '100vh', padding: tokens.spacingHorizontalL },
  card: { maxWidth: '600px', padding: tokens.spacingHorizontalXXL, gap: tokens.spacingVerticalL },
  steps: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'grid',
    gap: tokens.spacingVerticalS,
  },
  details: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
});

/** A sign-in or consent link of the service that brings the person back to the portal's start. */
function returningHome(link: string): string {
  const url = new URL(link, window.location.origin);
  url.searchParams.set('returnTo', '/');
  return url.toString();
}

export function ProblemPage() {
  const styles = useStyles();
  const [query] = useSearchParams();
  const code = query.get('code') ?? 'unknown';
  const message = query.get('message') ?? 'The sign-in did not complete.';
  const adminConsentUrl = query.get('adminConsentUrl');
  const notGranted = code === 'access_not_granted';
  return (
    <main className={styles.page}>
      <Card className={styles.card}>
        <Title1 as="h1">
          {notGranted ? 'Your organization has not granted access yet' : 'We could not sign you in'}
        </Title1>
        {notGranted ? (
          <>
            <Text>
              Your account is fine, but your organization has not allowed you to use tenantvault yet. One of
              its administrators (Global Administrator or Privileged Role Administrator) needs to do one of
              these:
            </Text>
            <ol className={styles.steps}>
              <li>
                Grant consent to tenantvault on behalf of the whole organization
                {adminConsentUrl ? ' with the button below' : ''}.
              </li>
              <li>
                Or assign you to the “tenantvault sign-in” enterprise application in the Microsoft Entra admin
                center.
              </li>
            </ol>
            <Text>Then sign in again.</Text>
          </>
        ) : (
          <Text>{message}</Text>
        )}
        <div className={styles.actions}>
          <Button appearance="primary" as="a" href={returningHome('/auth/sign-in')}>
            Sign in again
          </Button>
          {notGranted && adminConsentUrl && (
            <Button as="a" href={returningHome(adminConsentUrl)}>
              I am an administrator: grant consent
            </Button>
          )}
        </div>
        <Text size={200} className={styles.details}>
          Details for your administrator: {code}
          {notGranted ? ` — ${message}` : ''}
        </Text>
      </Card>
    </main>
  );
}
