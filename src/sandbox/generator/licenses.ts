// Microsoft 365 subscriptions the generated tenant owns, with Microsoft's real SKU and
// service plan ids, so assignedLicenses and the organization's plans line up.

export interface ServicePlan {
  id: string;
  name: string;
  service: string;
}

export interface Sku {
  skuId: string;
  skuPartNumber: string;
  servicePlans: readonly ServicePlan[];
}

const EXCHANGE: ServicePlan = {
  id: 'efb87545-963c-4e0d-99df-69c6916d9eb0',
  name: 'EXCHANGE_S_ENTERPRISE',
  service: 'exchange',
};
const SHAREPOINT: ServicePlan = {
  id: '5dbe027f-2339-4123-9542-606e4d348a72',
  name: 'SHAREPOINTENTERPRISE',
  service: 'SharePoint',
};
const TEAMS: ServicePlan = {
  id: '57ff2da0-773e-42df-b2af-ffb7a2317929',
  name: 'TEAMS1',
  service: 'TeamspaceAPI',
};
const YAMMER: ServicePlan = {
  id: '7547a3fe-08ee-4ccb-b430-5077c5041653',
  name: 'YAMMER_ENTERPRISE',
  service: 'YammerEnterprise',
};
const SWAY: ServicePlan = { id: 'a23b959c-7ce8-4e57-9140-b90eb88a9e97', name: 'SWAY', service: 'Sway' };
const APPS: ServicePlan = {
  id: '43de0ff5-c92c-492b-9116-175376d08c38',
  name: 'OFFICESUBSCRIPTION',
  service: 'MicrosoftOffice',
};
const ENTRA_P1: ServicePlan = {
  id: '41781fb2-bc02-4b7c-bd55-b576c07bb09d',
  name: 'AAD_PREMIUM',
  service: 'AADPremiumService',
};
const ENTRA_P2: ServicePlan = {
  id: 'eec0eb4f-6444-4f95-aba0-50c24d67f998',
  name: 'AAD_PREMIUM_P2',
  service: 'AADPremiumService',
};
const INTUNE: ServicePlan = { id: 'c1ec4a95-1f05-45b3-a911-aa3fa01094f5', name: 'INTUNE_A', service: 'SCO' };
const POWER_BI: ServicePlan = {
  id: '70d33638-9c74-4d01-bfd3-562de28bd4ba',
  name: 'BI_AZURE_P2',
  service: 'ProcessSimple',
};

export const SKUS = {
  officeE3: {
    skuId: '6fd2c87f-b296-42f0-b197-1e91e994b900',
    skuPartNumber: 'ENTERPRISEPACK',
    servicePlans: [EXCHANGE, SHAREPOINT, TEAMS, YAMMER, SWAY, APPS],
  },
  microsoftE3: {
    skuId: '05e9a617-0261-4cee-bb44-138d3ef5d965',
    skuPartNumber: 'SPE_E3',
    servicePlans: [EXCHANGE, SHAREPOINT, TEAMS, YAMMER, SWAY, APPS, ENTRA_P1, INTUNE],
  },
  microsoftE5: {
    skuId: '06ebc4ee-1bb5-47dd-8120-11324bc54e06',
    skuPartNumber: 'SPE_E5',
    servicePlans: [EXCHANGE, SHAREPOINT, TEAMS, YAMMER, SWAY, APPS, ENTRA_P1, ENTRA_P2, INTUNE, POWER_BI],
  },
  ems: {
    skuId: 'efccb6f7-5641-4e0e-bd10-b4976e1bf68e',
    skuPartNumber: 'EMS',
    servicePlans: [ENTRA_P1, INTUNE],
  },
  entraP2: {
    skuId: '84a661c4-e949-4bd2-a560-ed7766fcaf2b',
    skuPartNumber: 'AAD_PREMIUM_P2',
    servicePlans: [ENTRA_P2],
  },
  powerBiPro: {
    skuId: 'f8a1db68-be16-40ed-86d5-cb42ce701560',
    skuPartNumber: 'POWER_BI_PRO',
    servicePlans: [POWER_BI],
  },
} satisfies Record<string, Sku>;

/** Plans admins commonly switch off inside a licence. */
export const COMMONLY_DISABLED_PLANS = [YAMMER.id, SWAY.id];
