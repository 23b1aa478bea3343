// The tenant's organization object: verified domains, address, and the service plans of
// the subscriptions its users are licensed for.
import type { AssignedPlan, Organization } from '@microsoft/microsoft-graph-types';
import { iso, type GenerationContext, type Stored } from './context.js';
import { SKUS } from './licenses.js';

export function generateOrganization(context: GenerationContext): void {
  const { info } = context.tenant;
  const createdMs = context.now - 6 * 365 * 86400_000;
  const plans = new Map<string, AssignedPlan>();
  for (const sku of Object.values(SKUS)) {
    for (const plan of sku.servicePlans) {
      plans.set(plan.id, {
        assignedDateTime: iso(createdMs),
        capabilityStatus: 'Enabled',
        service: plan.service,
        servicePlanId: plan.id,
      });
    }
  }
  const vanity = info.defaultDomain.replace('.onmicrosoft.com', '.example');
  const organization: Stored<Organization> = {
    id: info.id,
    displayName: info.displayName,
    createdDateTime: iso(createdMs),
    verifiedDomains: [
      {
        name: info.defaultDomain,
        type: 'Managed',
        isDefault: true,
        isInitial: true,
        capabilities: 'Email, OfficeCommunicationsOnline',
      },
      {
        name: vanity,
        type: 'Managed',
        isDefault: false,
        isInitial: false,
        capabilities: 'Email, OfficeCommunicationsOnline, Intune',
      },
    ],
    assignedPlans: [...plans.values()],
    provisionedPlans: [...plans.values()].map((plan) => ({
      capabilityStatus: 'Enabled',
      provisioningStatus: 'Success',
      service: plan.service,
    })),
    businessPhones: ['+1 425 555 0100'],
    city: 'Seattle',
    state: 'WA',
    country: 'United States',
    countryLetterCode: 'US',
    postalCode: '98101',
    street: '1 Example Way',
    preferredLanguage: 'en',
    defaultUsageLocation: 'US',
    marketingNotificationEmails: [],
    securityComplianceNotificationMails: [],
    securityComplianceNotificationPhones: [],
    technicalNotificationMails: [`admin@${info.defaultDomain}`],
    onPremisesSyncEnabled: true,
    onPremisesLastSyncDateTime: iso(context.now - 20 * 60_000),
    tenantType: 'AAD',
    privacyProfile: null,
  };
  context.seed('organization', organization);
}
