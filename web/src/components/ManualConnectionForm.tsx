// Connecting a tenant with an app registration of its own (tenant id, client id, secret),
// as enterprise backup tools allow. The service checks it by acquiring a token first.
import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { api, unwrap, type ApiProblem } from '../api/client';
import type { Organization } from '../api/types';
import { asProblem } from '../use-load';
import { Problem } from './status';

const useStyles = makeStyles({
  form: { display: 'grid', gap: tokens.spacingVerticalM, maxWidth: '520px' },
});

export function ManualConnectionForm({
  resellerId,
  onConnected,
}: {
  resellerId?: string;
  onConnected: (organization: Organization) => void;
}) {
  const styles = useStyles();
  const [tenantId, setTenantId] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      const organization = await unwrap(
        api.POST('/api/organizations', {
          body: { tenantId: tenantId.trim(), clientId: clientId.trim(), clientSecret, resellerId },
        }),
      );
      setClientSecret('');
      onConnected(organization);
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={styles.form} onSubmit={(event) => void submit(event)} aria-label="Manual connection">
      <Field label="Tenant ID" required hint="Directory (tenant) ID, from the Entra admin center">
        <Input value={tenantId} onChange={(_event, data) => setTenantId(data.value)} />
      </Field>
      <Field label="Application (client) ID" required>
        <Input value={clientId} onChange={(_event, data) => setClientId(data.value)} />
      </Field>
      <Field label="Client secret" required hint="Stored encrypted; never shown again">
        <Input
          type="password"
          autoComplete="off"
          value={clientSecret}
          onChange={(_event, data) => setClientSecret(data.value)}
        />
      </Field>
      {problem && <Problem problem={problem} />}
      <div>
        <Button
          type="submit"
          appearance="secondary"
          disabled={busy || !tenantId || !clientId || !clientSecret}
        >
          {busy ? 'Checking the connection…' : 'Connect with this app registration'}
        </Button>
      </div>
    </form>
  );
}
