// The scheduler role: every interval it finds the enabled schedules whose next slot has
// come and enqueues one job per slot. Any number of schedulers may run (one per service
// process): a slot is recorded in schedule_runs, whose primary key (schedule, slot) lets
// one transaction win; the job is enqueued in that same transaction, so a slot never ends
// up with two jobs, nor recorded without one. A scheduler that was down for several slots
// enqueues only the latest of them, once: a backup taken now covers the ones it missed.
import type { Kysely, Selectable } from 'kysely';
import type { Queue } from './queue/queue.js';
import { latestSlot, nextSlot } from './schedule.js';
import type { SchedulesTable, ServiceDatabase } from './schema.js';
import { Periodic } from './periodic.js';

type Db = Kysely<ServiceDatabase>;

export interface SchedulerOptions {
  /** How often due schedules are looked for: a slot's job starts at most this late. Default 15 s. */
  intervalMs?: number;
  /** The scheduler's clock (tests move it). */
  now?: () => Date;
  /** Failures of a background pass. Default: stderr. */
  onError?: (error: unknown) => void;
}

/** Due schedules read per query. */
const BATCH = 100;

/** Rolls back a slot's transaction when another scheduler recorded the slot first. */
class SlotTaken extends Error {}

export class Scheduler {
  private readonly now: () => Date;
  private readonly onError: (error: unknown) => void;
  private readonly periodic: Periodic;

  constructor(
    private readonly db: Db,
    private readonly queue: Queue,
    options: SchedulerOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.onError = options.onError ?? ((error) => console.error('scheduler:', error));
    this.periodic = new Periodic(() => this.tick(), options.intervalMs ?? 15_000, this.onError);
  }

  start(): void {
    this.periodic.start();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  /** Enqueues the jobs of every due slot; returns how many slots this scheduler recorded. */
  async tick(): Promise<number> {
    const now = this.now();
    let recorded = 0;
    let after: { slot: string; id: string } | undefined;
    for (;;) {
      // Keyset pages over (next slot, id): each due schedule is visited once per tick, even
      // one whose slot another scheduler handles meanwhile.
      let query = this.db
        .selectFrom('schedules')
        .selectAll()
        .where('enabled', '=', 1)
        .where('next_slot', '<=', now.toISOString());
      if (after) {
        const { slot, id } = after;
        query = query.where((eb) =>
          eb.or([eb('next_slot', '>', slot), eb.and([eb('next_slot', '=', slot), eb('id', '>', id)])]),
        );
      }
      const due = await query.orderBy('next_slot').orderBy('id').limit(BATCH).execute();
      for (const schedule of due) {
        try {
          if (await this.runSlot(schedule, now)) recorded++;
        } catch (error) {
          // Its slot stays due for the next tick; the other schedules go on.
          this.onError(error);
        }
      }
      const last = due.at(-1);
      if (!last?.next_slot || due.length < BATCH) return recorded;
      after = { slot: last.next_slot, id: last.id };
    }
  }

  /** Records the schedule's latest due slot with its job, and moves the schedule on. */
  private async runSlot(schedule: Selectable<SchedulesTable>, now: Date): Promise<boolean> {
    const slot = latestSlot(schedule.cron, schedule.time_zone, now);
    if (!slot) return false;
    const next = nextSlot(schedule.cron, schedule.time_zone, slot);
    try {
      await this.db.transaction().execute(async (trx) => {
        const { job } = await this.queue.enqueueIn(trx, schedule.job_name, JSON.parse(schedule.job_payload), {
          singletonKey: schedule.job_singleton_key ?? undefined,
          organizationId: schedule.organization_id,
        });
        const recorded = await trx
          .insertInto('schedule_runs')
          .values({
            schedule_id: schedule.id,
            slot: slot.toISOString(),
            job_id: job.id,
            enqueued_at: now.toISOString(),
          })
          .onConflict((conflict) => conflict.doNothing())
          .returning('slot')
          .executeTakeFirst();
        if (!recorded) throw new SlotTaken();
        // Moves on only from the slot this pass read: a schedule saved meanwhile keeps its new slot.
        await trx
          .updateTable('schedules')
          .set({ next_slot: next?.toISOString() ?? null, last_slot: slot.toISOString() })
          .where('id', '=', schedule.id)
          .where('next_slot', '=', schedule.next_slot)
          .execute();
      });
      return true;
    } catch (error) {
      if (error instanceof SlotTaken) return false;
      throw error;
    }
  }
}
