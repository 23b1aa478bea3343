// Table shapes of organizations and of who may act for them, as Kysely sees them. They live
// in the service's database beside the job queue's tables, with migrations of their own
// (migrations.ts). As everywhere there: times are ISO-8601 UTC text, JSON values are text.
import type { Generated } from 'kysely';

/** A managed-service provider: its staff sign in from its own (partner) tenant. */
export interface ResellersTable {
  id: string;
  display_name: string;
  partner_tenant_id: string;
  created_at: string;
}

export type ConnectionKind = 'consent' | 'manual';

/** One Microsoft 365 tenant under backup. */
export interface OrganizationsTable {
  id: string;
  tenant_id: string;
  display_name: string;
  reseller_id: string | null;
  /** consent: tenantvault's own backup app, consented by an admin; manual: the customer's app registration. */
  connection_kind: ConnectionKind;
  client_id: string;
  /** Manual connections: the sealed credential (secret or certificate and key); never returned. */
  credential: string | null;
  /** The last connection check (ConnectionHealth JSON). */
  health: string | null;
  /** The organization's own backup settings (BackupSettings JSON), used unless a policy is assigned. */
  settings: string;
  /** A reseller's named policy the organization follows instead of its own settings. */
  policy_id: string | null;
  created_at: string;
  updated_at: string;
}

/** Named backup settings a reseller shares among its organizations. */
export interface PoliciesTable {
  id: string;
  reseller_id: string;
  name: string;
  settings: string;
  created_at: string;
  updated_at: string;
}

export type AccessLevel = 'full' | 'none';

/** Access to an organization's Entra ID backup granted to (or taken from) one of its users. */
export interface UserAccessTable {
  organization_id: string;
  user_id: string;
  level: AccessLevel;
  updated_by: string;
  updated_at: string;
}

/** A one-time link a reseller gives a customer's admin to connect their tenant under the reseller. */
export interface InvitationsTable {
  id_hash: string;
  reseller_id: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** The signed-in user of a browser session, as the identity platform's ID token described them. */
export interface SessionsTable {
  /** SHA-256 of the cookie value: a stolen database cannot be replayed as cookies. */
  id_hash: string;
  tenant_id: string;
  user_id: string;
  display_name: string;
  user_principal_name: string;
  /** Directory role template ids (the wids claim), JSON. */
  directory_roles: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

/** A token for automation: acts as the user who made it, within its scopes. */
export interface ApiTokensTable {
  id: string;
  /** SHA-256 of the token; the token itself is shown once and never stored. */
  token_hash: string;
  name: string;
  tenant_id: string;
  user_id: string;
  display_name: string;
  user_principal_name: string;
  directory_roles: string;
  /** TokenScope[] JSON. */
  scopes: string;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Append-only (triggers refuse UPDATE and DELETE): who did what, when and from where. */
export interface AuditLogTable {
  seq: Generated<number>;
  at: string;
  organization_id: string | null;
  reseller_id: string | null;
  actor_tenant_id: string;
  actor_user_id: string;
  actor_name: string;
  /** The API token used, when the action came from automation. */
  token_id: string | null;
  action: string;
  /** What the action was about, e.g. the user whose access changed. */
  target: string | null;
  /** What changed, JSON. */
  details: string | null;
  ip: string;
  user_agent: string | null;
}

/** A repository the service created for an organization, with its password sealed by the service key. */
export interface OrganizationRepositoriesTable {
  organization_id: string;
  /** A directory or s3://bucket/prefix, as the backend opens it. */
  location: string;
  password: string;
  created_at: string;
}

export interface OrganizationsDatabase {
  resellers: ResellersTable;
  organizations: OrganizationsTable;
  policies: PoliciesTable;
  user_access: UserAccessTable;
  invitations: InvitationsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  organization_repositories: OrganizationRepositoriesTable;
}
