// The backup settings an organization runs with: its own, or those of the reseller policy it
// follows. Its own settings are edited only while it follows no policy, so a change is never
// silently overridden (or silently applied to the reseller's other customers). Every change
// of the settings in force saves the schedules they imply (backup-schedules.ts).
import type { Kysely } from 'kysely';
import { Refusal } from '../refusal.js';
import type { ServiceDatabase } from '../schema.js';
import { saveBackupSchedules } from './backup-schedules.js';
import type { Organization, OrganizationStore } from './organizations.js';
import type { Policy, PolicyStore } from './policies.js';
import { requireUsable, type BackupSettings } from './settings.js';

export interface EffectiveSettings {
  settings: BackupSettings;
  /** The policy followed, when one is. */
  policy: { id: string; name: string } | null;
}

export class OrganizationSettings {
  constructor(
    private readonly organizations: OrganizationStore,
    private readonly policies: PolicyStore,
    private readonly db: Kysely<ServiceDatabase>,
  ) {}

  async get(organization: Organization): Promise<EffectiveSettings> {
    if (organization.policyId !== null && organization.resellerId !== null) {
      const policy = await this.policies.require(organization.resellerId, organization.policyId);
      return { settings: policy.settings, policy: { id: policy.id, name: policy.name } };
    }
    return { settings: await this.organizations.ownSettings(organization.id), policy: null };
  }

  async update(organization: Organization, settings: BackupSettings): Promise<EffectiveSettings> {
    if (organization.policyId !== null) {
      throw new Refusal(
        'conflict',
        'follows_policy',
        'the organization follows a policy: change the policy, or stop following it first',
      );
    }
    await this.organizations.updateSettings(organization.id, requireUsable(settings));
    await saveBackupSchedules(this.db, organization.id, settings);
    return { settings, policy: null };
  }

  /** Follows one of its reseller's policies, or (null) its own settings again. */
  async follow(organization: Organization, policyId: string | null): Promise<EffectiveSettings> {
    if (policyId !== null) {
      if (organization.resellerId === null) {
        throw new Refusal('invalid', 'no_reseller', 'only organizations a reseller manages follow policies');
      }
      await this.policies.require(organization.resellerId, policyId);
    }
    await this.organizations.assignPolicy(organization.id, policyId);
    const effective = await this.get({ ...organization, policyId });
    await saveBackupSchedules(this.db, organization.id, effective.settings);
    return effective;
  }

  /** A policy's settings changed: the schedules of every organization following it follow. */
  async policyChanged(policy: Policy): Promise<void> {
    for (const organizationId of await this.organizations.followersOf(policy.id)) {
      await saveBackupSchedules(this.db, organizationId, policy.settings);
    }
  }
}
