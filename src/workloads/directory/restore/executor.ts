// Runs a restore plan through Graph. Writes go in waves: each wave is every write whose
// dependencies have succeeded; repeatable writes (PATCH, links, assign) travel in $batch,
// creations one by one (a creation retried after an ambiguous failure could make two
// objects). A failed write fails only itself and the writes that depend on it; the rest
// goes on. The report says what was written, skipped and failed (with Graph's error), the
// new ids Entra gave re-created objects, and the temporary passwords of re-created users,
// which exist nowhere else.
import { GraphRequestError, type GraphClient } from '../../../graph/index.js';
import { generatePassword } from './passwords.js';
import {
  fillPlaceholders,
  TEMPORARY_PASSWORD,
  type ItemRef,
  type PlannedWrite,
  type RestorePlan,
} from './plan.js';

export interface WrittenEntry {
  step: number;
  /** Method and URL as sent (placeholders filled). */
  request: string;
  item: ItemRef;
  why: string;
}

export interface SkippedEntry {
  item: ItemRef;
  reason: string;
  /** The planned write that was not sent, if the skip is of a write. */
  step?: number;
  request?: string;
}

export interface FailedEntry extends WrittenEntry {
  status: number | undefined;
  code: string;
  message: string;
}

export interface IdMapEntry {
  item: ItemRef;
  /** The property Entra issued anew: id, appId … */
  property: string;
  old: string;
  new: string;
}

export interface TemporaryPassword {
  userPrincipalName: string;
  password: string;
}

export interface RestoreReport {
  written: WrittenEntry[];
  skipped: SkippedEntry[];
  failed: FailedEntry[];
  idMap: IdMapEntry[];
  /** Only in temporary-password mode; shown once and stored nowhere. */
  temporaryPasswords: TemporaryPassword[];
}

interface Answer {
  status: number | undefined;
  body: unknown;
  code?: string;
  message?: string;
}

/** Repeatable writes handed to $batch at once (it sends them 20 to a request). */
const BATCH_SIZE = 200;
/** Creations in flight at once; the Graph client's write budget paces them further. */
const SINGLE_CONCURRENCY = 4;

function requestLine(write: Pick<PlannedWrite, 'method' | 'url'>): string {
  return `${write.method} ${write.url}`;
}

function errorOf(body: unknown): { code?: string; message?: string } {
  return (body as { error?: { code?: string; message?: string } } | undefined)?.error ?? {};
}

function isAlreadyDone(write: PlannedWrite, answer: Answer): boolean {
  if (write.alreadyDone === 'linkExists')
    return answer.status === 400 && /already exist/i.test(answer.message ?? '');
  if (write.alreadyDone === 'linkMissing') return answer.status === 404;
  // Entra refuses a second identical assignment: a role as a conflicting object, an app role as existing.
  if (write.alreadyDone === 'assignmentExists')
    return answer.status === 400 && /already exists|conflicting object/i.test(answer.message ?? '');
  return false;
}

/** A copy of `body` with the temporary password placeholder replaced. */
function withPassword(body: unknown, password: string): unknown {
  if (body === TEMPORARY_PASSWORD) return password;
  if (Array.isArray(body)) return body.map((entry) => withPassword(entry, password));
  if (body !== null && typeof body === 'object') {
    return Object.fromEntries(
      Object.entries(body).map(([key, value]) => [key, withPassword(value, password)]),
    );
  }
  return body;
}

export async function executePlan(graph: GraphClient, plan: RestorePlan): Promise<RestoreReport> {
  const report: RestoreReport = {
    written: [],
    skipped: plan.skipped.map((decision) => ({ ...decision })),
    failed: [],
    idMap: [],
    temporaryPasswords: [],
  };
  const newValues = new Map<string, string>();
  const outcome = new Map<number, 'ok' | 'failed' | 'skipped'>();
  let pending = plan.writes;

  while (pending.length > 0) {
    const ready = pending.filter((write) => write.dependsOn.every((step) => outcome.has(step)));
    const readySteps = new Set(ready.map((write) => write.step));
    pending = pending.filter((write) => !readySteps.has(write.step));
    const sendable: { write: PlannedWrite; url: string; body: unknown; password?: string }[] = [];
    for (const write of ready) {
      const blocker = write.dependsOn.find((step) => outcome.get(step) !== 'ok');
      const url = fillPlaceholders(write.url, newValues);
      const body = fillPlaceholders(write.body, newValues);
      const unknownValue = url === undefined || (write.body !== undefined && body === undefined);
      if (blocker !== undefined || unknownValue) {
        outcome.set(write.step, 'skipped');
        report.skipped.push({
          item: write.item,
          step: write.step,
          request: requestLine(write),
          reason:
            blocker !== undefined
              ? `not sent: step ${blocker}, which it depends on, did not succeed`
              : 'not sent: Graph did not answer with the new id it needs',
        });
        continue;
      }
      const password = JSON.stringify(body ?? null).includes(TEMPORARY_PASSWORD)
        ? generatePassword()
        : undefined;
      sendable.push({ write, url, body: password ? withPassword(body, password) : body, password });
    }

    const answers = await sendAll(graph, sendable);
    sendable.forEach(({ write, url, password, body }, index) => {
      const answer = answers[index] as Answer;
      const request = `${write.method} ${url}`;
      if (answer.status !== undefined && answer.status < 300) {
        outcome.set(write.step, 'ok');
        report.written.push({ step: write.step, request, item: write.item, why: write.why });
        for (const [property, old] of Object.entries(write.creates ?? {})) {
          const issued = (answer.body as Record<string, unknown> | undefined)?.[property];
          if (typeof issued !== 'string') continue;
          newValues.set(old, issued);
          report.idMap.push({ item: write.item, property, old, new: issued });
        }
        if (password && write.revealsPassword) {
          const upn = (body as { userPrincipalName?: string }).userPrincipalName ?? write.item.id;
          report.temporaryPasswords.push({ userPrincipalName: upn, password });
        }
      } else if (isAlreadyDone(write, answer)) {
        outcome.set(write.step, 'ok');
        report.skipped.push({
          item: write.item,
          step: write.step,
          request,
          reason: 'already as in the backup',
        });
      } else {
        outcome.set(write.step, 'failed');
        report.failed.push({
          step: write.step,
          request,
          item: write.item,
          why: write.why,
          status: answer.status,
          code: answer.code ?? `HTTP${answer.status ?? ''}`,
          message: answer.message ?? 'no details',
        });
      }
    });
  }
  return report;
}

/** Sends one wave: repeatable writes through $batch, creations one at a time; answers in order. */
async function sendAll(
  graph: GraphClient,
  writes: { write: PlannedWrite; url: string; body: unknown }[],
): Promise<Answer[]> {
  const answers: Answer[] = new Array(writes.length);
  const batched = writes.map((entry, index) => ({ ...entry, index })).filter(({ write }) => write.batchable);
  for (let start = 0; start < batched.length; start += BATCH_SIZE) {
    const part = batched.slice(start, start + BATCH_SIZE);
    const responses = await graph.batch(
      part.map(({ write, url, body }) => ({ id: String(write.step), method: write.method, url, body })),
    );
    responses.forEach((response, position) => {
      const { code, message } = errorOf(response.body);
      answers[(part[position] as { index: number }).index] = {
        status: response.status,
        body: response.body,
        code,
        message,
      };
    });
  }
  const single = writes.map((entry, index) => ({ ...entry, index })).filter(({ write }) => !write.batchable);
  const sendNext = async (): Promise<void> => {
    for (let next = single.shift(); next; next = single.shift()) {
      const { write, url, body, index } = next;
      try {
        const response = await graph.request({ method: write.method, url, body });
        answers[index] = { status: response.status, body: response.body };
      } catch (error) {
        if (!(error instanceof GraphRequestError)) throw error;
        answers[index] = {
          status: error.status,
          body: undefined,
          code: error.code,
          message: error.graphMessage,
        };
      }
    }
  };
  await Promise.all(Array.from({ length: SINGLE_CONCURRENCY }, sendNext));
  return answers;
}
