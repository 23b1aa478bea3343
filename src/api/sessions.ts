// Browser sessions, kept server-side: the cookie holds a random value, the database its
// SHA-256 with the signed-in person and a CSRF token. The cookie is HttpOnly, Secure and
// SameSite=Lax (Lax, not Strict: the identity platform's redirect back to the callback is a
// cross-site navigation that must carry the sign-in cookie).
import { createHash, randomBytes } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { OrganizationsDatabase } from '../service/organizations/schema.js';
import type { UserIdentity } from '../service/user-identity.js';

const SESSION_COOKIE = 'tv_session';
/** Sessions end this long after sign-in; the identity platform decides again then. */
const SESSION_LIFETIME_MS = 12 * 3600 * 1000;

export interface Session {
  identity: UserIdentity;
  csrfToken: string;
  expiresAt: string;
}

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

export const COOKIE_OPTIONS = { httpOnly: true, secure: true, sameSite: 'lax', path: '/' } as const;

export class SessionStore {
  constructor(private readonly db: Kysely<OrganizationsDatabase>) {}

  /** Starts a session for the person and sets its cookie on the reply. */
  async start(reply: FastifyReply, identity: UserIdentity): Promise<void> {
    const secret = randomBytes(32).toString('base64url');
    const now = Date.now();
    const expiresAt = new Date(now + SESSION_LIFETIME_MS);
    await this.db.deleteFrom('sessions').where('expires_at', '<=', new Date(now).toISOString()).execute();
    await this.db
      .insertInto('sessions')
      .values({
        id_hash: hashOf(secret),
        tenant_id: identity.tenantId,
        user_id: identity.userId,
        display_name: identity.displayName,
        user_principal_name: identity.userPrincipalName,
        directory_roles: JSON.stringify(identity.directoryRoles),
        csrf_token: randomBytes(24).toString('base64url'),
        created_at: new Date(now).toISOString(),
        expires_at: expiresAt.toISOString(),
      })
      .execute();
    reply.setCookie(SESSION_COOKIE, secret, { ...COOKIE_OPTIONS, expires: expiresAt });
  }

  /** The live session the request's cookie names. */
  async of(request: FastifyRequest): Promise<Session | undefined> {
    const secret = request.cookies[SESSION_COOKIE];
    if (!secret) return undefined;
    const row = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('id_hash', '=', hashOf(secret))
      .where('expires_at', '>', new Date().toISOString())
      .executeTakeFirst();
    return (
      row && {
        identity: {
          tenantId: row.tenant_id,
          userId: row.user_id,
          displayName: row.display_name,
          userPrincipalName: row.user_principal_name,
          directoryRoles: JSON.parse(row.directory_roles) as string[],
        },
        csrfToken: row.csrf_token,
        expiresAt: row.expires_at,
      }
    );
  }

  /** Ends the request's session and clears its cookie. */
  async end(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const secret = request.cookies[SESSION_COOKIE];
    if (secret) await this.db.deleteFrom('sessions').where('id_hash', '=', hashOf(secret)).execute();
    reply.clearCookie(SESSION_COOKIE, COOKIE_OPTIONS);
  }
}
