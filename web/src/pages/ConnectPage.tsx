// Onboarding: an administrator whose organization is not connected yet grants admin consent
// to tenantvault's backup app (and comes back to Settings), or connects an app registration.
import { Button, Text, Title2 } from '@fluentui/react-components';
import { useNavigate } from 'react-router';
import { ManualConnectionForm } from '../components/ManualConnectionForm';
import { Section } from '../components/Section';
import { Empty } from '../components/status';
import { useSession } from '../session';

export function ConnectPage() {
  const { me, reload } = useSession();
  const navigate = useNavigate();
  if (!me) return null;
  if (!me.user.tenantAdministrator) {
    return (
      <Empty title="Your organization is not connected yet">
        A Global Administrator or Privileged Role Administrator of your organization can connect it.
      </Empty>
    );
  }
  return (
    <>
      <Title2 as="h1">Connect your organization</Title2>
      <Section
        title="Grant admin consent"
        description="tenantvault reads your directory through its backup app. As an administrator you grant it the permissions it needs on behalf of your organization; you come back here afterwards."
      >
        <div>
          <Button appearance="primary" as="a" href="/consent/start?returnTo=%2Fsettings">
            Grant admin consent
          </Button>
        </div>
      </Section>
      <Section
        title="Or connect your own app registration"
        description="If your policies require an app registration of your own, give it the Microsoft Graph application permissions tenantvault needs and enter it here."
      >
        <ManualConnectionForm
          onConnected={(organization) => {
            reload();
            void navigate(`/organizations/${organization.id}/settings`);
          }}
        />
      </Section>
      <Text size={200}>Nothing is backed up until you choose what to protect in Settings.</Text>
    </>
  );
}
