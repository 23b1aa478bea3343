// Jobs of an organization: start a backup now (of every type its settings turn on, or of
// some), a restore (planned first with dryRun), a repository check or a retention run;
// watch them (state, progress with per-type counters, log lines, result, duration) and
// cancel them. Starting is idempotent with an Idempotency-Key header; a backup asked for
// while one runs answers with the running one.
import type { FastifyRequest } from 'fastify';
import { Type, type Static, type TSchema } from 'typebox';
import {
  enqueueRequest,
  JOB_NAMES,
  type JobKind,
  type JobPayload,
  type JobRequest,
} from '../../service/jobs/requests.js';
import { TEMPORARY_PASSWORDS_PURPOSE } from '../../service/jobs/directory-restore-job.js';
import type { Job } from '../../service/queue/types.js';
import { BACKUP_TOGGLES, DIRECTORY_TYPES } from '../../workloads/directory/item.js';
import { organizationOf } from '../access.js';
import { noteAudit } from '../audit-trail.js';
import { ERROR_RESPONSES, Guid, Nullable, OneOf, type ApiContext, type ApiInstance } from '../context.js';
import { ApiError } from '../errors.js';
import { DEFAULT_PAGE_SIZE, Page, PageQuery } from '../paging.js';

const KINDS = Object.keys(JOB_NAMES) as JobKind[];
const KIND_OF_NAME = new Map<string, JobKind>(
  Object.entries(JOB_NAMES).map(([kind, name]) => [name, kind as JobKind]),
);
const STATES = ['queued', 'running', 'succeeded', 'partial', 'failed', 'cancelled'] as const;

const JobView = Type.Object({
  id: Guid(),
  kind: OneOf(KINDS),
  request: Type.Unknown({ description: 'what was asked: the body that started the job' }),
  state: OneOf(STATES),
  attempt: Type.Integer({ description: 'attempts started so far' }),
  retryLimit: Type.Integer(),
  cancelRequested: Type.Boolean(),
  progress: Type.Unknown({ description: 'what the job last reported (per-type counters for backups)' }),
  result: Type.Unknown({ description: 'what the job produced: the snapshot, the plan, the report' }),
  error: Nullable(Type.String({ description: 'why the last attempt failed' })),
  createdAt: Type.String({ format: 'date-time' }),
  startedAt: Nullable(Type.String({ format: 'date-time' })),
  finishedAt: Nullable(Type.String({ format: 'date-time' })),
  durationMs: Nullable(Type.Integer()),
});
type JobView = Static<typeof JobView>;

const LogLine = Type.Object({
  seq: Type.Integer(),
  attempt: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  line: Type.String(),
});

const OrganizationParams = Type.Object({ organizationId: Guid() });
const JobParams = Type.Object({ organizationId: Guid(), jobId: Guid() });
const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: 'the same key returns the job made with it' }),
  ),
});

const BackupBody = Type.Object(
  {
    objectTypes: Type.Optional(
      Type.Array(OneOf(BACKUP_TOGGLES), {
        minItems: 1,
        uniqueItems: true,
        description: 'back up only these object types now (default: those the settings turn on)',
      }),
    ),
  },
  { additionalProperties: false },
);
const RestoreBody = Type.Object(
  {
    at: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'snapshot: a number, latest, previous, latest~N, a date or a time',
    }),
    types: Type.Optional(Type.Array(OneOf(DIRECTORY_TYPES), { uniqueItems: true, maxItems: 20 })),
    ids: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 1000 })),
    dryRun: Type.Boolean({ description: 'plan only: the result lists every write, and nothing is written' }),
    newUsers: Type.Optional(
      Type.Union([Type.Literal('disabled'), Type.Literal('temporary-password')], {
        description: 're-created users: disabled (default), or with a temporary password to change',
      }),
    ),
  },
  { additionalProperties: false },
);
const CheckBody = Type.Object(
  { readData: Type.Optional(Type.Boolean({ description: 'also read and verify every blob' })) },
  { additionalProperties: false },
);
const RetentionBody = Type.Object({}, { additionalProperties: false });

function viewOf(job: Job): JobView {
  const kind = KIND_OF_NAME.get(job.name);
  if (!kind) throw new Error(`job ${job.id} has the unknown name ${job.name}`);
  return {
    id: job.id,
    kind,
    request: (job.payload as JobPayload).request,
    state: job.state,
    attempt: job.attempt,
    retryLimit: job.retryLimit,
    cancelRequested: job.cancelRequested,
    progress: job.progress,
    // Sealed passwords stay out of views: they are read through their own (audited) route.
    result: withoutSealed(job.result),
    error: job.error,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    durationMs: job.durationMs,
  };
}

function withoutSealed(result: unknown): unknown {
  if (result === null || typeof result !== 'object' || !('sealedTemporaryPasswords' in result)) return result;
  const { sealedTemporaryPasswords, ...rest } = result as Record<string, unknown>;
  return { ...rest, temporaryPasswordsAvailable: sealedTemporaryPasswords !== null };
}

export function registerJobRoutes(app: ApiInstance, context: ApiContext): void {
  const { queue, box } = context;
  const operations = { tags: ['jobs'] };

  /** The organization's job of the route; 404 for another organization's (not revealed). */
  async function jobOf(request: FastifyRequest, jobId: string): Promise<Job> {
    const job = await queue.get(jobId);
    if (!job || job.organizationId !== organizationOf(request).id) {
      throw new ApiError(404, 'job_not_found', `no job ${jobId}`);
    }
    return job;
  }

  async function start(
    request: FastifyRequest,
    jobRequest: JobRequest,
  ): Promise<{ created: boolean; job: JobView }> {
    const organization = organizationOf(request);
    const idempotencyKey = (request.headers as Static<typeof IdempotencyHeaders>)['idempotency-key'];
    const { job, created } = await enqueueRequest(queue, organization.id, jobRequest, idempotencyKey);
    noteAudit(request, { target: job.id, details: { request: jobRequest, created } });
    return { created, job: viewOf(job) };
  }

  const started = Type.Object({
    created: Type.Boolean({
      description: 'false: an equal job was running (or the key was used) and is returned',
    }),
    job: JobView,
  });
  const startSchema = <B extends TSchema>(summary: string, body: B) => ({
    ...operations,
    summary,
    params: OrganizationParams,
    headers: IdempotencyHeaders,
    body,
    response: { 202: started, ...ERROR_RESPONSES },
  });

  app.post(
    '/api/organizations/:organizationId/jobs/backup',
    { config: { access: 'jobs.start' }, schema: startSchema('Back up now', BackupBody) },
    async (request, reply) => reply.code(202).send(await start(request, { kind: 'backup', ...request.body })),
  );

  app.post(
    '/api/organizations/:organizationId/jobs/restore',
    {
      config: { access: 'restore.start' },
      schema: startSchema('Restore objects from a snapshot (plan first with dryRun)', RestoreBody),
    },
    async (request, reply) => {
      const { at, types, ids, dryRun, newUsers } = request.body;
      if (!types?.length && !ids?.length) {
        throw new ApiError(400, 'nothing_chosen', 'choose what to restore: types and/or ids');
      }
      const jobRequest: JobRequest = {
        kind: 'restore',
        at,
        types,
        ids,
        dryRun,
        newUsers: newUsers ?? 'disabled',
      };
      return reply.code(202).send(await start(request, jobRequest));
    },
  );

  app.post(
    '/api/organizations/:organizationId/jobs/check',
    { config: { access: 'jobs.start' }, schema: startSchema('Check the repository', CheckBody) },
    async (request, reply) =>
      reply.code(202).send(await start(request, { kind: 'check', readData: request.body.readData ?? false })),
  );

  app.post(
    '/api/organizations/:organizationId/jobs/retention',
    {
      config: { access: 'jobs.start' },
      schema: startSchema('Apply retention now: forget old snapshots and prune', RetentionBody),
    },
    async (request, reply) => reply.code(202).send(await start(request, { kind: 'retention' })),
  );

  app.get(
    '/api/organizations/:organizationId/jobs',
    {
      config: { access: 'jobs.read' },
      schema: {
        ...operations,
        summary: 'The organization’s jobs, newest first',
        params: OrganizationParams,
        querystring: Type.Object({
          ...PageQuery,
          state: Type.Optional(OneOf(STATES)),
          kind: Type.Optional(OneOf(KINDS)),
        }),
        response: { 200: Page(JobView), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const organization = organizationOf(request);
      const list = `jobs:${organization.id}:${request.query.state ?? ''}:${request.query.kind ?? ''}`;
      const pageSize = request.query.pageSize ?? DEFAULT_PAGE_SIZE;
      const before = context.pages.open<string>(list, request.query.pageToken);
      const jobs = await queue.list({
        organizationId: organization.id,
        state: request.query.state,
        name: request.query.kind && JOB_NAMES[request.query.kind],
        before,
        limit: pageSize + 1,
      });
      const page = jobs.slice(0, pageSize);
      return {
        items: page.map(viewOf),
        nextPageToken: jobs.length > pageSize ? context.pages.seal(list, page.at(-1)!.id) : null,
      };
    },
  );

  app.get(
    '/api/organizations/:organizationId/jobs/:jobId',
    {
      config: { access: 'jobs.read' },
      schema: {
        ...operations,
        summary: 'One job',
        params: JobParams,
        response: { 200: JobView, ...ERROR_RESPONSES },
      },
    },
    async (request) => viewOf(await jobOf(request, request.params.jobId)),
  );

  app.get(
    '/api/organizations/:organizationId/jobs/:jobId/logs',
    {
      config: { access: 'jobs.read' },
      schema: {
        ...operations,
        summary: 'A job’s log lines after a sequence number (all without one)',
        params: JobParams,
        querystring: Type.Object({ after: Type.Optional(Type.Integer({ minimum: 0 })) }),
        response: { 200: Type.Object({ lines: Type.Array(LogLine) }), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const job = await jobOf(request, request.params.jobId);
      return { lines: await queue.logs(job.id, request.query.after) };
    },
  );

  app.post(
    '/api/organizations/:organizationId/jobs/:jobId/cancel',
    {
      config: { access: 'jobs.cancel' },
      schema: {
        ...operations,
        summary: 'Cancel a job: at once while queued; a running job stops at its next step',
        params: JobParams,
        response: { 200: JobView, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const job = await jobOf(request, request.params.jobId);
      const cancelled = await queue.cancel(job.id);
      noteAudit(request, { target: job.id });
      return viewOf(cancelled ?? job);
    },
  );

  app.get(
    '/api/organizations/:organizationId/jobs/:jobId/temporary-passwords',
    {
      config: { access: 'restore.passwords' },
      schema: {
        ...operations,
        summary: 'The temporary passwords a restore gave re-created users (each must be changed at sign-in)',
        params: JobParams,
        response: {
          200: Type.Object({
            passwords: Type.Array(Type.Object({ userPrincipalName: Type.String(), password: Type.String() })),
          }),
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request) => {
      const job = await jobOf(request, request.params.jobId);
      const sealed = (job.result as { sealedTemporaryPasswords?: string | null } | null)
        ?.sealedTemporaryPasswords;
      const passwords = sealed
        ? box.openJson<{ userPrincipalName: string; password: string }[]>(TEMPORARY_PASSWORDS_PURPOSE, sealed)
        : undefined;
      if (!passwords) throw new ApiError(404, 'no_passwords', 'this job gave no temporary passwords');
      noteAudit(request, {
        target: job.id,
        details: { users: passwords.map((entry) => entry.userPrincipalName) },
      });
      return { passwords };
    },
  );
}
