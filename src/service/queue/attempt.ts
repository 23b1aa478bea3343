// One attempt of a job in this process: the handler's context, the heartbeat that keeps
// the lease (and notices a cancel requested elsewhere), progress and log lines written
// at most once per progress interval, and how the attempt ends.
import { JobAbortedError, RetryableError } from './errors.js';
import { afterTransientFailure } from './retry.js';
import {
  renewLease,
  settleAttempt,
  writeReport,
  type AttemptFence,
  type Db,
  type PendingLine,
  type Report,
  type Settlement,
} from './store.js';
import type { Job, JobContext, JobHandler } from './types.js';

export interface AttemptSettings {
  db: Db;
  leaseMs: number;
  heartbeatMs: number;
  progressIntervalMs: number;
  /** Runs in the transaction that puts a job back in the queue. */
  onQueued: (trx: Db, job: Job) => Promise<void>;
  /** After the attempt ended, with the job as it now is (undefined if another worker holds it). */
  onSettled: (job: Job | undefined) => void;
  onError: (error: unknown) => void;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class Attempt {
  private readonly controller = new AbortController();
  private readonly fence: AttemptFence;
  private progress: { value: unknown } | undefined;
  private lines: PendingLine[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  /** Set when the handler returned: what is left goes with the attempt's end. */
  private ended = false;

  constructor(
    private readonly job: Job,
    private readonly handler: JobHandler,
    private readonly settings: AttemptSettings,
  ) {
    this.fence = { id: job.id, owner: job.worker ?? '', attempt: job.attempt };
  }

  /** Aborts the handler's signal; the first reason sticks. */
  abort(reason: JobAbortedError['reason']): void {
    if (!this.controller.signal.aborted) this.controller.abort(new JobAbortedError(reason));
  }

  private get abortReason(): JobAbortedError['reason'] | undefined {
    const reason: unknown = this.controller.signal.reason;
    return reason instanceof JobAbortedError ? reason.reason : undefined;
  }

  async run(): Promise<void> {
    const { job, settings } = this;
    this.log(`attempt ${job.attempt} of ${job.retryLimit + 1} started on ${job.worker}`);
    const heartbeat = setInterval(() => void this.beat(), settings.heartbeatMs);
    let settlement: Settlement;
    try {
      const outcome = await this.handler(this.context());
      settlement = { state: outcome?.status ?? 'succeeded', result: outcome?.result, error: null };
    } catch (error) {
      settlement = this.settlementAfter(error);
    } finally {
      this.ended = true;
      clearInterval(heartbeat);
      clearTimeout(this.flushTimer);
    }
    await this.flushing;
    if (this.abortReason === 'lease-lost') {
      settings.onSettled(undefined);
      return;
    }
    const settled = await settleAttempt(settings.db, this.fence, settlement, this.takeReport(), {
      now: new Date(),
      onQueued: settings.onQueued,
    });
    settings.onSettled(settled);
  }

  private context(): JobContext {
    return {
      job: this.job,
      signal: this.controller.signal,
      progress: (value) => {
        this.progress = { value };
        this.scheduleFlush();
      },
      log: (line) => this.log(line),
    };
  }

  private log(line: string): void {
    this.lines.push({ at: new Date().toISOString(), line });
    this.scheduleFlush();
  }

  private settlementAfter(error: unknown): Settlement {
    const { job } = this;
    const reason = this.abortReason;
    if (reason === 'cancelled') {
      this.log('cancelled');
      return { state: 'cancelled', error: null };
    }
    if (reason === 'closing') {
      this.log('handed back to the queue: the worker is closing');
      return { state: 'queued', runAfter: new Date(), error: null, countAttempt: false };
    }
    if (error instanceof RetryableError) {
      const { settlement, line } = afterTransientFailure(job, error.message, new Date());
      this.log(line);
      return settlement;
    }
    this.log(`attempt ${job.attempt} failed: ${message(error)}`);
    return { state: 'failed', error: message(error) };
  }

  private async beat(): Promise<void> {
    try {
      const lease = await renewLease(
        this.settings.db,
        this.fence,
        new Date(Date.now() + this.settings.leaseMs),
      );
      if (!lease) this.abort('lease-lost');
      else if (lease.cancelRequested) this.abort('cancelled');
    } catch (error) {
      // The lease may still hold; the next beat tries again.
      this.settings.onError(error);
    }
  }

  private takeReport(): Report {
    const report = { progress: this.progress, lines: this.lines };
    this.progress = undefined;
    this.lines = [];
    return report;
  }

  private scheduleFlush(): void {
    if (this.ended || this.flushTimer !== undefined) return;
    this.flushTimer = setTimeout(() => {
      this.flushing = this.flush().finally(() => {
        this.flushTimer = undefined;
        this.flushing = undefined;
        if (this.progress !== undefined || this.lines.length > 0) this.scheduleFlush();
      });
    }, this.settings.progressIntervalMs);
  }

  private async flush(): Promise<void> {
    const report = this.takeReport();
    try {
      if (!(await writeReport(this.settings.db, this.fence, report))) this.abort('lease-lost');
    } catch (error) {
      // Kept for the next write, in order, unless newer progress replaced it meanwhile.
      this.progress ??= report.progress;
      this.lines = [...report.lines, ...this.lines];
      this.settings.onError(error);
    }
  }
}
