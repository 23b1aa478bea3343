// Resellers (managed-service providers) and their invitations. A reseller is known by its
// partner tenant, whose administrators are its staff. An invitation is a one-time link a
// reseller hands a customer's admin: whoever connects a tenant with it connects it under
// that reseller. Only a hash of the link's secret is stored.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { Refusal } from '../refusal.js';
import type { OrganizationsDatabase } from './schema.js';

export interface Reseller {
  id: string;
  displayName: string;
  partnerTenantId: string;
  createdAt: string;
}

/** How long a customer's admin has to use an invitation. */
const INVITATION_LIFETIME_MS = 7 * 24 * 3600 * 1000;

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

export class ResellerStore {
  constructor(private readonly db: Kysely<OrganizationsDatabase>) {}

  async create(partnerTenantId: string, displayName: string): Promise<Reseller> {
    if (await this.byPartnerTenant(partnerTenantId)) {
      throw new Refusal('conflict', 'reseller_exists', `tenant ${partnerTenantId} is already a reseller`);
    }
    const reseller: Reseller = {
      id: randomUUID(),
      displayName,
      partnerTenantId,
      createdAt: new Date().toISOString(),
    };
    await this.db
      .insertInto('resellers')
      .values({
        id: reseller.id,
        display_name: displayName,
        partner_tenant_id: partnerTenantId,
        created_at: reseller.createdAt,
      })
      .execute();
    return reseller;
  }

  get(id: string): Promise<Reseller | undefined> {
    return this.findBy('id', id);
  }

  byPartnerTenant(tenantId: string): Promise<Reseller | undefined> {
    return this.findBy('partner_tenant_id', tenantId);
  }

  private async findBy(column: 'id' | 'partner_tenant_id', value: string): Promise<Reseller | undefined> {
    const row = await this.db
      .selectFrom('resellers')
      .selectAll()
      .where(column, '=', value)
      .executeTakeFirst();
    return (
      row && {
        id: row.id,
        displayName: row.display_name,
        partnerTenantId: row.partner_tenant_id,
        createdAt: row.created_at,
      }
    );
  }

  async createInvitation(
    resellerId: string,
    createdBy: string,
  ): Promise<{ secret: string; expiresAt: string }> {
    const secret = randomBytes(24).toString('base64url');
    const now = Date.now();
    const expiresAt = new Date(now + INVITATION_LIFETIME_MS).toISOString();
    await this.db
      .insertInto('invitations')
      .values({
        id_hash: hashOf(secret),
        reseller_id: resellerId,
        created_by: createdBy,
        created_at: new Date(now).toISOString(),
        expires_at: expiresAt,
        used_at: null,
      })
      .execute();
    return { secret, expiresAt };
  }

  /** The reseller an unused, unexpired invitation belongs to. */
  async invitationReseller(secret: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('invitations')
      .select('reseller_id')
      .where('id_hash', '=', hashOf(secret))
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date().toISOString())
      .executeTakeFirst();
    return row?.reseller_id;
  }

  /** Marks the invitation used; false when it was used (or expired) meanwhile. */
  async useInvitation(secret: string): Promise<boolean> {
    const now = new Date().toISOString();
    const result = await this.db
      .updateTable('invitations')
      .set({ used_at: now })
      .where('id_hash', '=', hashOf(secret))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}
