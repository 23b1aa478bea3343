// Access of an organization's users to its Entra ID backup, as its administrators set it:
// every user has No Access until raised to Full Access, and may be lowered again. (Tenant
// administrators have Full Access through their directory role, not through this table.)
import type { Kysely } from 'kysely';
import type { AccessLevel, OrganizationsDatabase } from './schema.js';

export interface UserAccess {
  userId: string;
  level: AccessLevel;
  updatedBy: string;
  updatedAt: string;
}

export class UserAccessStore {
  constructor(private readonly db: Kysely<OrganizationsDatabase>) {}

  async level(organizationId: string, userId: string): Promise<AccessLevel> {
    const row = await this.db
      .selectFrom('user_access')
      .select('level')
      .where('organization_id', '=', organizationId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.level ?? 'none';
  }

  /** The recorded access of the given users (absent: never changed, so No Access). */
  async of(organizationId: string, userIds: string[]): Promise<Map<string, UserAccess>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('user_access')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('user_id', 'in', userIds)
      .execute();
    return new Map(
      rows.map((row) => [
        row.user_id,
        { userId: row.user_id, level: row.level, updatedBy: row.updated_by, updatedAt: row.updated_at },
      ]),
    );
  }

  async set(organizationId: string, userId: string, level: AccessLevel, updatedBy: string): Promise<void> {
    const updatedAt = new Date().toISOString();
    await this.db
      .insertInto('user_access')
      .values({
        organization_id: organizationId,
        user_id: userId,
        level,
        updated_by: updatedBy,
        updated_at: updatedAt,
      })
      .onConflict((oc) =>
        oc
          .columns(['organization_id', 'user_id'])
          .doUpdateSet({ level, updated_by: updatedBy, updated_at: updatedAt }),
      )
      .execute();
  }
}
