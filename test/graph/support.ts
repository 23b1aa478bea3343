// Connections from the Graph client to a test sandbox, configured exactly as for Microsoft:
// authority, Graph URL and CA are the only differences.
import { readFileSync } from 'node:fs';
import type { GraphConnectionConfig } from '../../src/graph/index.js';
import { DEFAULT_BUDGETS, type Budgets } from '../../src/graph/index.js';
import type { TestSandbox } from '../support/sandbox.js';

export function connectionTo(
  sandbox: TestSandbox,
  credential: 'secret' | 'certificate' = 'secret',
): GraphConnectionConfig {
  const { tenant } = sandbox;
  return {
    tenantId: tenant.tenantId,
    authority: tenant.authority,
    graphBaseUrl: sandbox.graph,
    clientId: tenant.clientId,
    credential:
      credential === 'secret'
        ? { kind: 'secret', secret: tenant.clientSecret }
        : {
            kind: 'certificate',
            certificatePem: readFileSync(tenant.certificatePath, 'utf8'),
            privateKeyPem: readFileSync(tenant.privateKeyPath, 'utf8'),
          },
    extraCaPem: readFileSync(sandbox.running.caPath, 'utf8'),
  };
}

/** Microsoft's budgets with every window shortened by a speed factor, matching a sandbox run at that factor. */
export function budgetsAtSpeed(speed: number): Budgets {
  const budgets = { ...DEFAULT_BUDGETS };
  for (const kind of Object.keys(budgets) as (keyof Budgets)[]) {
    budgets[kind] = { ...budgets[kind], windowMs: budgets[kind].windowMs / speed };
  }
  return budgets;
}
