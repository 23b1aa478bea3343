// What every job of an organization starts from: the organization as stored now, the
// settings it runs with (its own or its policy's), and on demand its Graph client and
// repository. Jobs read these when they run, so a job queued before a settings change
// runs with the change.
import type { Catalog } from '../../catalog/index.js';
import type { GraphClient } from '../../graph/index.js';
import type { Repository } from '../../repository/index.js';
import type { OrganizationServices } from '../organizations/index.js';
import type { Organization } from '../organizations/organizations.js';
import type { BackupSettings } from '../organizations/settings.js';

export interface OrganizationWork {
  organization: Organization;
  settings: BackupSettings;
  catalog: Catalog;
  graph(): Promise<GraphClient>;
  /** Opens (creating it the first time) the repository the settings name. */
  repository(): Promise<Repository>;
}

export async function organizationWork(
  services: OrganizationServices,
  organizationId: string,
): Promise<OrganizationWork> {
  const organization = await services.organizations.require(organizationId);
  const { settings } = await services.settings.get(organization);
  return {
    organization,
    settings,
    catalog: services.catalog,
    graph: () => services.connections.graph(organization),
    repository: () => services.repositories.of(organization, settings).open(),
  };
}
