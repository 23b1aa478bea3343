// Reading the audit log: an organization's (its administrators and reseller) or a reseller's
// (its staff), newest first in pages, or exported oldest first as JSON Lines or CSV streamed
// straight from the database. There is no route that changes or removes an entry.
import { Readable } from 'node:stream';
import { Type } from 'typebox';
import type { AuditEntry, AuditFilter, AuditScope } from '../../service/audit-log.js';
import { organizationOf, resellerOf } from '../access.js';
import { ERROR_RESPONSES, Guid, Nullable, type ApiContext, type ApiInstance } from '../context.js';
import { DEFAULT_PAGE_SIZE, Page, PageQuery } from '../paging.js';

const EntryView = Type.Object({
  seq: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  organizationId: Nullable(Type.String()),
  resellerId: Nullable(Type.String()),
  actor: Type.Object({
    tenantId: Type.String(),
    userId: Type.String(),
    name: Type.String(),
    tokenId: Nullable(Type.String({ description: 'the API token used, if any' })),
  }),
  action: Type.String(),
  target: Nullable(Type.String()),
  details: Nullable(Type.Record(Type.String(), Type.Unknown())),
  ip: Type.String(),
  userAgent: Nullable(Type.String()),
});

const Filter = {
  action: Type.Optional(Type.String({ maxLength: 100 })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
};
type FilterQuery = { action?: string; from?: string; to?: string };

const filterOf = (query: FilterQuery): AuditFilter => ({
  action: query.action,
  from: query.from && new Date(query.from).toISOString(),
  to: query.to && new Date(query.to).toISOString(),
});

const CSV_COLUMNS = [
  'seq',
  'at',
  'organizationId',
  'resellerId',
  'actorTenantId',
  'actorUserId',
  'actorName',
  'tokenId',
  'action',
  'target',
  'ip',
  'userAgent',
  'details',
];

/** A CSV field, quoted when needed; a leading formula character is defused for spreadsheets. */
function csvField(value: unknown): string {
  let text =
    value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvRow(entry: AuditEntry): string {
  const { actor } = entry;
  return [
    entry.seq,
    entry.at,
    entry.organizationId,
    entry.resellerId,
    actor.tenantId,
    actor.userId,
    actor.name,
    actor.tokenId,
    entry.action,
    entry.target,
    entry.ip,
    entry.userAgent,
    entry.details,
  ]
    .map(csvField)
    .join(',');
}

async function* exportLines(
  entries: AsyncIterable<AuditEntry>,
  format: 'jsonl' | 'csv',
): AsyncGenerator<string> {
  if (format === 'csv') yield `${CSV_COLUMNS.join(',')}\r\n`;
  for await (const entry of entries)
    yield format === 'csv' ? `${csvRow(entry)}\r\n` : `${JSON.stringify(entry)}\n`;
}

export function registerAuditRoutes(app: ApiInstance, context: ApiContext): void {
  const { auditLog } = context.services;
  const operations = { tags: ['audit'] };
  const PageOfEntries = { 200: Page(EntryView), ...ERROR_RESPONSES };

  async function page(
    scope: AuditScope,
    list: string,
    query: FilterQuery & { pageSize?: number; pageToken?: string },
  ) {
    const { entries, next } = await auditLog.page(scope, filterOf(query), {
      limit: query.pageSize ?? DEFAULT_PAGE_SIZE,
      beforeSeq: context.pages.open<number>(list, query.pageToken),
    });
    return { items: entries, nextPageToken: next === undefined ? null : context.pages.seal(list, next) };
  }

  app.get(
    '/api/organizations/:organizationId/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        ...operations,
        summary: 'The organization’s audit log, newest first',
        params: Type.Object({ organizationId: Guid() }),
        querystring: Type.Object({ ...Filter, ...PageQuery }),
        response: PageOfEntries,
      },
    },
    async (request) => {
      const { id } = organizationOf(request);
      return page({ organizationId: id }, `audit:organization:${id}`, request.query);
    },
  );

  app.get(
    '/api/organizations/:organizationId/audit/export',
    {
      config: { access: 'audit.export' },
      schema: {
        ...operations,
        summary: 'Download the organization’s audit log, oldest first (JSON Lines or CSV)',
        params: Type.Object({ organizationId: Guid() }),
        querystring: Type.Object({
          ...Filter,
          format: Type.Optional(
            Type.Union([Type.Literal('jsonl'), Type.Literal('csv')], { default: 'jsonl' }),
          ),
        }),
      },
    },
    async (request, reply) => {
      const organization = organizationOf(request);
      const format = request.query.format ?? 'jsonl';
      const entries = auditLog.export({ organizationId: organization.id }, filterOf(request.query));
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${organization.tenantId}.${format}"`)
        .send(Readable.from(exportLines(entries, format)));
    },
  );

  app.get(
    '/api/resellers/:resellerId/audit',
    {
      config: { access: 'reseller.audit-read' },
      schema: {
        ...operations,
        summary: 'The reseller’s audit log (its own actions and its customers’), newest first',
        params: Type.Object({ resellerId: Guid() }),
        querystring: Type.Object({ ...Filter, ...PageQuery }),
        response: PageOfEntries,
      },
    },
    async (request) => {
      const { id } = resellerOf(request);
      return page({ resellerId: id }, `audit:reseller:${id}`, request.query);
    },
  );
}
