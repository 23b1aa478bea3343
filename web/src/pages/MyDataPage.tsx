// The end user's own corner: who they are and, once tenantvault backs up mail and OneDrive,
// their own data. Never shared data, never Settings or Users.
import { Text, Title2 } from '@fluentui/react-components';
import { Section } from '../components/Section';
import { Empty } from '../components/status';
import { useSession } from '../session';

export function MyDataPage() {
  const { me } = useSession();
  if (!me) return null;
  return (
    <>
      <Title2 as="h1">My data</Title2>
      <Section title="Your account">
        <Text>
          {me.user.displayName} ({me.user.userPrincipalName})
          {me.organization ? ` at ${me.organization.displayName}` : ''}
        </Text>
        {me.next && <Text>{me.next[0]?.toUpperCase() + me.next.slice(1)}.</Text>}
      </Section>
      <Section title="Mail, calendar, contacts and OneDrive">
        <Empty title="Nothing of yours is backed up yet">
          When your organization backs up mailboxes and OneDrive, your own mail, calendar, contacts and files
          appear here for you to browse, download and restore.
        </Empty>
      </Section>
    </>
  );
}
