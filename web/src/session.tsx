// Who is signed in, loaded once from /api/me: their organization and access, the reseller
// they work for, and the CSRF token their changes carry. Signed out is an answer too.
import { createContext, useContext, type ReactNode } from 'react';
import { api, ApiProblem, rememberCsrfToken, unwrap } from './api/client';
import type { Me } from './api/types';
import { Show } from './components/status';
import { useLoad } from './use-load';

export type Access = 'administrator' | 'full' | 'none';

interface Session {
  /** null: nobody is signed in. */
  me: Me | null;
  reload(): void;
}

const SessionContext = createContext<Session | null>(null);

async function loadMe(): Promise<Me | null> {
  try {
    const me = await unwrap(api.GET('/api/me'));
    rememberCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) return null;
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const loaded = useLoad(loadMe, 'me');
  return (
    <Show loaded={loaded} label="Signing you in…">
      {(me) => (
        <SessionContext.Provider value={{ me, reload: loaded.reload }}>{children}</SessionContext.Provider>
      )}
    </Show>
  );
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** How the signed-in person stands toward an organization (the API has the last word). */
export function accessTo(me: Me, organizationId: string): Access {
  if (me.organization?.id === organizationId) return me.organization.access;
  // Reseller staff act as administrators of their customers; others get a refusal from the API.
  return me.reseller ? 'administrator' : 'none';
}

/** Where a signed-in person starts. */
export function homeOf(me: Me): string {
  if (me.organization && me.organization.access !== 'none') return `/organizations/${me.organization.id}`;
  if (me.reseller) return '/organizations';
  if (!me.organization && me.user.tenantAdministrator) return '/connect';
  return '/my';
}
