// Named backup policies: settings a reseller defines once and assigns to many of its
// organizations. An organization that follows a policy uses the policy's settings instead
// of its own; a policy some organization follows cannot be deleted.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { Refusal } from '../refusal.js';
import type { OrganizationsDatabase, PoliciesTable } from './schema.js';
import { requireUsable, type BackupSettings } from './settings.js';

export interface Policy {
  id: string;
  resellerId: string;
  name: string;
  settings: BackupSettings;
  /** How many organizations follow it. */
  organizations: number;
  createdAt: string;
  updatedAt: string;
}

export class PolicyStore {
  constructor(private readonly db: Kysely<OrganizationsDatabase>) {}

  private query() {
    return this.db
      .selectFrom('policies')
      .selectAll('policies')
      .select((eb) =>
        eb
          .selectFrom('organizations')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('organizations.policy_id', '=', 'policies.id')
          .as('organizations'),
      );
  }

  private toPolicy(row: Selectable<PoliciesTable> & { organizations: number | null }): Policy {
    return {
      id: row.id,
      resellerId: row.reseller_id,
      name: row.name,
      settings: JSON.parse(row.settings) as BackupSettings,
      organizations: Number(row.organizations ?? 0),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  async list(resellerId: string): Promise<Policy[]> {
    const rows = await this.query().where('reseller_id', '=', resellerId).orderBy('name').execute();
    return rows.map((row) => this.toPolicy(row));
  }

  /** The reseller's policy; not-found for another reseller's, whose existence is not revealed. */
  async require(resellerId: string, id: string): Promise<Policy> {
    const row = await this.query()
      .where('id', '=', id)
      .where('reseller_id', '=', resellerId)
      .executeTakeFirst();
    if (!row) throw new Refusal('not-found', 'policy_not_found', `no policy ${id}`);
    return this.toPolicy(row);
  }

  async create(resellerId: string, name: string, settings: BackupSettings): Promise<Policy> {
    await this.refuseDuplicateName(resellerId, name);
    const id = randomUUID();
    const now = new Date().toISOString();
    await this.db
      .insertInto('policies')
      .values({
        id,
        reseller_id: resellerId,
        name,
        settings: JSON.stringify(requireUsable(settings)),
        created_at: now,
        updated_at: now,
      })
      .execute();
    return this.require(resellerId, id);
  }

  async update(resellerId: string, id: string, name: string, settings: BackupSettings): Promise<Policy> {
    await this.require(resellerId, id);
    await this.refuseDuplicateName(resellerId, name, id);
    await this.db
      .updateTable('policies')
      .set({ name, settings: JSON.stringify(requireUsable(settings)), updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
    return this.require(resellerId, id);
  }

  async delete(resellerId: string, id: string): Promise<void> {
    const policy = await this.require(resellerId, id);
    if (policy.organizations > 0) {
      throw new Refusal(
        'conflict',
        'policy_in_use',
        `${policy.organizations} organization(s) follow policy "${policy.name}"; assign them another first`,
      );
    }
    await this.db.deleteFrom('policies').where('id', '=', id).execute();
  }

  private async refuseDuplicateName(resellerId: string, name: string, except?: string): Promise<void> {
    let query = this.db
      .selectFrom('policies')
      .select('id')
      .where('reseller_id', '=', resellerId)
      .where('name', '=', name);
    if (except) query = query.where('id', '!=', except);
    if (await query.executeTakeFirst()) {
      throw new Refusal('conflict', 'policy_name_taken', `a policy named "${name}" exists`);
    }
  }
}
