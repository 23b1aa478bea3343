// Writes the audit entry of every audited action (policy.ts marks them) once it has
// succeeded, before the answer leaves: who (the caller, and the API token if one was used),
// what (the action, its target and the details the handler noted), when, and from where
// (address and user agent). Handlers only add details; none can forget the entry.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditLog } from '../service/audit-log.js';
import { describeUser } from '../service/user-identity.js';
import { ruleOf } from './policy.js';

export interface AuditNote {
  target?: string | null;
  details?: Record<string, unknown>;
  /** The organization or reseller the action made, when the route did not name one. */
  organizationId?: string;
  resellerId?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    auditNote: AuditNote | undefined;
  }
}

/** Adds what the audit entry of this request should say. */
export function noteAudit(request: FastifyRequest, note: AuditNote): void {
  request.auditNote = { ...request.auditNote, ...note };
}

function defaultTarget(request: FastifyRequest): string | null {
  const params = (request.params ?? {}) as Record<string, string | undefined>;
  return params.userId ?? params.policyId ?? params.tokenId ?? null;
}

export function registerAuditTrail(app: FastifyInstance, auditLog: AuditLog): void {
  app.decorateRequest('auditNote', undefined);
  app.addHook('onSend', async (request, reply, payload) => {
    const action = request.routeOptions.config.access;
    const caller = request.access?.caller;
    if (action === undefined || !ruleOf(action).audited || reply.statusCode >= 400 || !caller) return payload;
    const note = request.auditNote ?? {};
    const { organization, reseller } = request.access;
    await auditLog.append({
      organizationId: note.organizationId ?? organization?.id ?? null,
      resellerId: note.resellerId ?? reseller?.id ?? organization?.resellerId ?? null,
      actor: {
        tenantId: caller.identity.tenantId,
        userId: caller.identity.userId,
        name: describeUser(caller.identity),
        tokenId: caller.tokenId,
      },
      action,
      target: note.target === undefined ? defaultTarget(request) : note.target,
      details: note.details ?? null,
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
    });
    return payload;
  });
}
