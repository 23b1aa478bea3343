// The audit log: who did what, when and from where, for every action that reads backup data,
// changes settings or restores. It only grows: this module has no update or delete, and the
// database refuses them (triggers, see organizations/migrations.ts). Entries belong to an
// organization or to a reseller and are read newest first, or exported oldest first.
import type { Kysely, Selectable } from 'kysely';
import type { AuditLogTable, OrganizationsDatabase } from './organizations/schema.js';

export interface AuditActor {
  tenantId: string;
  userId: string;
  name: string;
  /** The API token the action came through, if any. */
  tokenId: string | null;
}

export interface AuditEntryInput {
  organizationId: string | null;
  resellerId: string | null;
  actor: AuditActor;
  action: string;
  target: string | null;
  details: Record<string, unknown> | null;
  ip: string;
  userAgent: string | null;
}

export interface AuditEntry extends AuditEntryInput {
  seq: number;
  at: string;
}

/** Whose log: one organization's or one reseller's. */
export type AuditScope = { organizationId: string } | { resellerId: string };

export interface AuditFilter {
  action?: string;
  /** ISO-8601 bounds, inclusive. */
  from?: string;
  to?: string;
}

const EXPORT_BATCH = 500;

function toEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    seq: Number(row.seq),
    at: row.at,
    organizationId: row.organization_id,
    resellerId: row.reseller_id,
    actor: {
      tenantId: row.actor_tenant_id,
      userId: row.actor_user_id,
      name: row.actor_name,
      tokenId: row.token_id,
    },
    action: row.action,
    target: row.target,
    details: row.details === null ? null : (JSON.parse(row.details) as Record<string, unknown>),
    ip: row.ip,
    userAgent: row.user_agent,
  };
}

export class AuditLog {
  constructor(private readonly db: Kysely<OrganizationsDatabase>) {}

  async append(entry: AuditEntryInput, at: Date = new Date()): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        at: at.toISOString(),
        organization_id: entry.organizationId,
        reseller_id: entry.resellerId,
        actor_tenant_id: entry.actor.tenantId,
        actor_user_id: entry.actor.userId,
        actor_name: entry.actor.name,
        token_id: entry.actor.tokenId,
        action: entry.action,
        target: entry.target,
        details: entry.details === null ? null : JSON.stringify(entry.details),
        ip: entry.ip,
        user_agent: entry.userAgent,
      })
      .execute();
  }

  private query(scope: AuditScope, filter: AuditFilter) {
    let query = this.db.selectFrom('audit_log').selectAll();
    query =
      'organizationId' in scope
        ? query.where('organization_id', '=', scope.organizationId)
        : query.where('reseller_id', '=', scope.resellerId);
    if (filter.action) query = query.where('action', '=', filter.action);
    if (filter.from) query = query.where('at', '>=', filter.from);
    if (filter.to) query = query.where('at', '<=', filter.to);
    return query;
  }

  /** Newest first, `limit` entries below `beforeSeq`; `next` continues when more exist. */
  async page(
    scope: AuditScope,
    filter: AuditFilter,
    page: { limit: number; beforeSeq?: number },
  ): Promise<{ entries: AuditEntry[]; next?: number }> {
    let query = this.query(scope, filter);
    if (page.beforeSeq !== undefined) query = query.where('seq', '<', page.beforeSeq);
    const rows = await query
      .orderBy('seq', 'desc')
      .limit(page.limit + 1)
      .execute();
    const entries = rows.slice(0, page.limit).map(toEntry);
    const last = entries.at(-1);
    return rows.length > page.limit && last ? { entries, next: last.seq } : { entries };
  }

  /** Every matching entry, oldest first, read in batches so a long log never sits in memory. */
  async *export(scope: AuditScope, filter: AuditFilter): AsyncGenerator<AuditEntry> {
    let afterSeq = 0;
    for (;;) {
      const rows = await this.query(scope, filter)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(EXPORT_BATCH)
        .execute();
      for (const row of rows) yield toEntry(row);
      const last = rows.at(-1);
      if (rows.length < EXPORT_BATCH || !last) return;
      afterSeq = Number(last.seq);
    }
  }
}
