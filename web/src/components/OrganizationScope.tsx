// The organization a page is about: loaded from the API (which refuses strangers with 404
// and people without access with 403) before any of its pages shows.
import { Title2 } from '@fluentui/react-components';
import { Outlet, useOutletContext, useParams } from 'react-router';
import { api, unwrap } from '../api/client';
import type { Organization } from '../api/types';
import { accessTo, useSession, type Access } from '../session';
import { useLoad } from '../use-load';
import { Show } from './status';

export interface OrganizationScope {
  organization: Organization;
  access: Access;
  reload(): void;
}

export function OrganizationScope() {
  const { organizationId = '' } = useParams();
  const { me } = useSession();
  const loaded = useLoad(
    () => unwrap(api.GET('/api/organizations/{organizationId}', { params: { path: { organizationId } } })),
    organizationId,
  );
  return (
    <Show loaded={loaded} label="Opening the organization…">
      {(organization) => (
        <>
          <Title2 as="h1">{organization.displayName}</Title2>
          <Outlet
            context={{
              organization,
              access: me ? accessTo(me, organization.id) : 'none',
              reload: loaded.reload,
            }}
          />
        </>
      )}
    </Show>
  );
}

export function useOrganization(): OrganizationScope {
  return useOutletContext<OrganizationScope>();
}
