// API tokens for automation. A token is random, shown once when made, and stored only as its
// SHA-256 hash (it has 256 bits of entropy, so a fast hash cannot be brute-forced). It acts
// as the person who made it, limited to the scopes chosen then, until it expires or is
// revoked.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { ApiTokensTable, OrganizationsDatabase } from './organizations/schema.js';
import { Refusal } from './refusal.js';
import type { UserIdentity } from './user-identity.js';

/** Recognisable in logs and secret scanners. */
const TOKEN_PREFIX = 'tvt_';
/** last_used_at is written at most this often per token, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiToken {
  id: string;
  name: string;
  owner: UserIdentity;
  scopes: string[];
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

function toToken(row: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: row.id,
    name: row.name,
    owner: {
      tenantId: row.tenant_id,
      userId: row.user_id,
      displayName: row.display_name,
      userPrincipalName: row.user_principal_name,
      directoryRoles: JSON.parse(row.directory_roles) as string[],
    },
    scopes: JSON.parse(row.scopes) as string[],
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export function looksLikeApiToken(value: string): boolean {
  return value.startsWith(TOKEN_PREFIX);
}

export class ApiTokenStore {
  constructor(private readonly db: Kysely<OrganizationsDatabase>) {}

  /** Makes a token; the secret in the answer is the only copy there will ever be. */
  async create(
    owner: UserIdentity,
    request: { name: string; scopes: string[]; lifetimeDays: number },
  ): Promise<{ token: ApiToken; secret: string }> {
    const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const now = Date.now();
    const id = randomUUID();
    await this.db
      .insertInto('api_tokens')
      .values({
        id,
        token_hash: hashOf(secret),
        name: request.name,
        tenant_id: owner.tenantId,
        user_id: owner.userId,
        display_name: owner.displayName,
        user_principal_name: owner.userPrincipalName,
        directory_roles: JSON.stringify(owner.directoryRoles),
        scopes: JSON.stringify([...new Set(request.scopes)].sort()),
        created_at: new Date(now).toISOString(),
        expires_at: new Date(now + request.lifetimeDays * 86_400_000).toISOString(),
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    return { token: await this.require(id), secret };
  }

  /** The live token a secret names, or undefined (unknown, expired or revoked). */
  async authenticate(secret: string): Promise<ApiToken | undefined> {
    const row = await this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('token_hash', '=', hashOf(secret))
      .executeTakeFirst();
    const now = new Date();
    if (!row || row.revoked_at !== null || row.expires_at <= now.toISOString()) return undefined;
    if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) > LAST_USED_RESOLUTION_MS) {
      await this.db
        .updateTable('api_tokens')
        .set({ last_used_at: now.toISOString() })
        .where('id', '=', row.id)
        .execute();
      row.last_used_at = now.toISOString();
    }
    return toToken(row);
  }

  /** Tokens made by people of a tenant (one person's when userId is given), newest first. */
  async list(tenantId: string, userId?: string): Promise<ApiToken[]> {
    let query = this.db.selectFrom('api_tokens').selectAll().where('tenant_id', '=', tenantId);
    if (userId !== undefined) query = query.where('user_id', '=', userId);
    const rows = await query.orderBy('created_at', 'desc').orderBy('id').execute();
    return rows.map(toToken);
  }

  async get(id: string): Promise<ApiToken | undefined> {
    const row = await this.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toToken(row);
  }

  async require(id: string): Promise<ApiToken> {
    const token = await this.get(id);
    if (!token) throw new Refusal('not-found', 'token_not_found', `no API token ${id}`);
    return token;
  }

  async revoke(id: string): Promise<ApiToken> {
    await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: new Date().toISOString() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
    return this.require(id);
  }
}
