// The scheduler role on both engines: due slots enqueue their job once, from the next slot
// after a schedule is enabled, even with several schedulers at once. The clock is moved
// by hand; ticks are called directly.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { Engine } from '../../src/catalog/index.js';
import {
  getSchedule,
  listSchedules,
  saveSchedule,
  scheduleRuns,
  Scheduler,
  ServiceError,
  setScheduleEnabled,
  type Queue,
} from '../../src/service/index.js';
import { IMPLEMENTATIONS, openQueue, otherConnection, tempServiceDb, waitFor } from './support.js';

/** A clock the test moves. */
function clock(start: string) {
  let now = new Date(start);
  return {
    now: () => now,
    set: (at: string) => (now = new Date(at)),
    advance: (ms: number) => (now = new Date(now.getTime() + ms)),
  };
}

const backupSchedule = (organizationId: string, timeZone = 'America/New_York') => ({
  organizationId,
  name: 'backup',
  timeZone,
  job: {
    name: 'backup',
    payload: { organizationId },
    singletonKey: `backup:${organizationId}`,
  },
});

async function jobCount(queue: Queue, name: string): Promise<number> {
  return (await queue.list({ name, limit: 1000 })).length;
}

async function setUp(t: TestContext, engine: Engine) {
  const database = await tempServiceDb(t, engine);
  const queue = await openQueue(t, database);
  return { database, queue };
}

for (const { name: implementation, engine } of IMPLEMENTATIONS) {
  test(`${implementation}: a schedule first runs at the next slot after it is enabled`, async (t) => {
    const { database, queue } = await setUp(t, engine);
    const time = clock('2025-03-08T12:00:00Z');
    const scheduler = new Scheduler(database.db, queue, { now: time.now });
    const saved = await saveSchedule(database.db, backupSchedule('contoso'), time.now());
    assert.equal(saved.cron, '0 3,15 * * *');
    assert.equal(saved.nextRun, '2025-03-08T20:00:00.000Z', '15:00 in New York (EST)');
    assert.equal(saved.lastRun, null);

    assert.equal(await scheduler.tick(), 0);
    time.set('2025-03-08T19:59:59Z');
    assert.equal(await scheduler.tick(), 0);
    time.set('2025-03-08T20:00:04Z');
    assert.equal(await scheduler.tick(), 1);
    assert.equal(await scheduler.tick(), 0, 'a slot enqueues once');

    const [job] = await queue.list({ name: 'backup' });
    assert.deepEqual(job?.payload, { organizationId: 'contoso' });
    assert.equal(job?.singletonKey, 'backup:contoso');
    const after = await getSchedule(database.db, saved.id);
    assert.equal(after?.lastRun, '2025-03-08T20:00:00.000Z');
    assert.equal(after?.nextRun, '2025-03-09T07:00:00.000Z', '03:00 in New York, now EDT');
    assert.deepEqual(await scheduleRuns(database.db, saved.id), [
      { slot: '2025-03-08T20:00:00.000Z', jobId: job?.id, enqueuedAt: '2025-03-08T20:00:04.000Z' },
    ]);

    // Disabled, its slots pass; enabled again, it waits for the next slot after that moment.
    time.set('2025-03-09T01:00:00Z');
    const disabled = await setScheduleEnabled(database.db, saved.id, false, time.now());
    assert.equal(disabled?.enabled, false);
    assert.equal(disabled?.nextRun, null);
    time.set('2025-03-09T10:00:00Z');
    assert.equal(await scheduler.tick(), 0);
    const enabled = await setScheduleEnabled(database.db, saved.id, true, time.now());
    assert.equal(enabled?.nextRun, '2025-03-09T19:00:00.000Z');
    assert.equal(await scheduler.tick(), 0, 'the 07:00 slot passed while disabled');
    assert.equal(await jobCount(queue, 'backup'), 1);
  });

  test(`${implementation}: a scheduler that was down enqueues only the latest missed slot, once`, async (t) => {
    const { database, queue } = await setUp(t, engine);
    const time = clock('2025-06-01T00:00:00Z');
    const scheduler = new Scheduler(database.db, queue, { now: time.now });
    const saved = await saveSchedule(database.db, backupSchedule('contoso', 'UTC'), time.now());
    time.set('2025-06-04T10:00:00Z');
    assert.equal(await scheduler.tick(), 1);
    assert.equal(await jobCount(queue, 'backup'), 1);
    const runs = await scheduleRuns(database.db, saved.id);
    assert.deepEqual(
      runs.map((r) => r.slot),
      ['2025-06-04T03:00:00.000Z'],
    );
    assert.equal((await getSchedule(database.db, saved.id))?.nextRun, '2025-06-04T15:00:00.000Z');
  });

  test(`${implementation}: two schedulers enqueue every slot exactly once`, async (t) => {
    const { database, queue } = await setUp(t, engine);
    const other = await otherConnection(t, database);
    const time = clock('2025-03-28T00:00:00Z');
    const schedulers = [
      new Scheduler(database.db, queue, { now: time.now }),
      new Scheduler(other.db, await openQueue(t, other), { now: time.now }),
    ];
    for (const organizationId of ['contoso', 'fabrikam']) {
      // No singleton key: every slot makes a job of its own, so a slot enqueued twice would show.
      const { job, ...backup } = backupSchedule(organizationId, 'Europe/Berlin');
      await saveSchedule(
        database.db,
        { ...backup, job: { name: job.name, payload: job.payload } },
        time.now(),
      );
      // Retention is a scheduled job like any other.
      await saveSchedule(
        database.db,
        {
          organizationId,
          name: 'retention',
          cron: '0 4 * * *',
          timeZone: 'Europe/Berlin',
          job: { name: 'prune', payload: { organizationId } },
        },
        time.now(),
      );
    }
    // Three days across the spring DST change, ticking both schedulers at once every 20 minutes.
    let recorded = 0;
    while (time.now() < new Date('2025-03-31T00:00:00Z')) {
      time.advance(20 * 60_000);
      const counts = await Promise.all(schedulers.map((s) => s.tick()));
      recorded += counts[0]! + counts[1]!;
    }
    // Per organization and day: two backups and one prune.
    assert.equal(recorded, 2 * 3 * 3);
    assert.equal(await jobCount(queue, 'backup'), 2 * 3 * 2);
    assert.equal(await jobCount(queue, 'prune'), 2 * 3);
    for (const schedule of await listSchedules(database.db, 'contoso')) {
      const runs = await scheduleRuns(database.db, schedule.id);
      assert.equal(new Set(runs.map((r) => r.jobId)).size, runs.length, 'one job per slot');
    }
    const contosoBackup = (await listSchedules(database.db, 'contoso')).find((s) => s.name === 'backup')!;
    assert.deepEqual((await scheduleRuns(database.db, contosoBackup.id)).map((r) => r.slot).reverse(), [
      '2025-03-28T02:00:00.000Z',
      '2025-03-28T14:00:00.000Z',
      '2025-03-29T02:00:00.000Z',
      '2025-03-29T14:00:00.000Z',
      '2025-03-30T01:00:00.000Z',
      '2025-03-30T13:00:00.000Z',
    ]);
  });

  test(`${implementation}: a slot that finds its singleton job active adds no job`, async (t) => {
    const { database, queue } = await setUp(t, engine);
    const time = clock('2025-06-01T00:00:00Z');
    const scheduler = new Scheduler(database.db, queue, { now: time.now });
    const saved = await saveSchedule(database.db, backupSchedule('contoso', 'UTC'), time.now());
    // "Back up now" just before the slot.
    const manual = await queue.enqueue(
      'backup',
      { organizationId: 'contoso' },
      { singletonKey: 'backup:contoso' },
    );
    time.set('2025-06-01T03:00:10Z');
    assert.equal(await scheduler.tick(), 1);
    assert.equal(await jobCount(queue, 'backup'), 1);
    assert.equal((await scheduleRuns(database.db, saved.id))[0]?.jobId, manual.job.id);
  });

  test(`${implementation}: saving a schedule again replaces it; bad ones are refused`, async (t) => {
    const { database } = await setUp(t, engine);
    const now = new Date('2025-06-01T00:00:00Z');
    const first = await saveSchedule(database.db, backupSchedule('contoso', 'UTC'), now);
    const second = await saveSchedule(
      database.db,
      { ...backupSchedule('contoso', 'Asia/Tokyo'), cron: '0 22 * * *' },
      now,
    );
    assert.equal(second.id, first.id);
    assert.equal(second.timeZone, 'Asia/Tokyo');
    assert.equal(second.nextRun, '2025-06-01T13:00:00.000Z');
    assert.deepEqual(
      (await listSchedules(database.db, 'contoso')).map((s) => [s.name, s.cron]),
      [['backup', '0 22 * * *']],
    );
    await assert.rejects(
      saveSchedule(database.db, { ...backupSchedule('contoso', 'Mars/Olympus_Mons') }, now),
      ServiceError,
    );
    await assert.rejects(
      saveSchedule(database.db, { ...backupSchedule('contoso'), cron: 'every day' }, now),
      ServiceError,
    );
    await assert.rejects(
      saveSchedule(database.db, { ...backupSchedule('contoso'), job: { name: 'back up' } }, now),
      /job name "back up"/,
    );
  });

  test(`${implementation}: a schedule that cannot enqueue does not hold up the others`, async (t) => {
    const { database, queue } = await setUp(t, engine);
    const time = clock('2025-06-01T00:00:00Z');
    const errors: unknown[] = [];
    const scheduler = new Scheduler(database.db, queue, { now: time.now, onError: (e) => errors.push(e) });
    const broken = await saveSchedule(database.db, backupSchedule('contoso', 'UTC'), time.now());
    await saveSchedule(database.db, backupSchedule('fabrikam', 'UTC'), time.now());
    // A row no save would write, e.g. from a newer version that knows more job names.
    await database.db
      .updateTable('schedules')
      .set({ job_name: 'back up' })
      .where('id', '=', broken.id)
      .execute();
    time.set('2025-06-01T03:00:01Z');
    assert.equal(await scheduler.tick(), 1);
    assert.equal(errors.length, 1);
    assert.match(String(errors[0]), /job name "back up"/);
    assert.deepEqual(
      (await queue.list({ name: 'backup' })).map((job) => job.payload),
      [{ organizationId: 'fabrikam' }],
    );
    assert.equal(
      (await getSchedule(database.db, broken.id))?.nextRun,
      '2025-06-01T03:00:00.000Z',
      'still due',
    );
  });

  test(`${implementation}: a started scheduler ticks by itself until stopped`, async (t) => {
    const { database, queue } = await setUp(t, engine);
    const time = clock('2025-06-01T00:00:00Z');
    await saveSchedule(database.db, backupSchedule('contoso', 'UTC'), time.now());
    const scheduler = new Scheduler(database.db, queue, { now: time.now, intervalMs: 50 });
    scheduler.start();
    time.set('2025-06-01T03:00:01Z');
    await waitFor('the scheduled backup', async () => (await jobCount(queue, 'backup')) === 1);
    await scheduler.stop();
    time.set('2025-06-01T15:00:01Z');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(await jobCount(queue, 'backup'), 1, 'a stopped scheduler enqueues nothing');
  });
}
