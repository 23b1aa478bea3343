// A worker process for the killed-worker test: it takes one "slow" job, reports progress,
// prints the job id and then works until it is killed.
//   node --import tsx test/service/worker-process.ts <database url>
import { openJobQueue, openServiceDb } from '../../src/service/index.js';
import { aborted, FAST } from './support.js';

const url = process.argv[2];
if (!url) throw new Error('usage: worker-process.ts <database url>');
const database = await openServiceDb(url);
const queue = await openJobQueue(database, FAST);
queue.work<{ items: number }>('slow', async ({ job, signal, progress, log }) => {
  progress({ itemsDone: job.payload.items / 2 });
  log(`half of ${job.payload.items} items done in process ${process.pid}`);
  process.stdout.write(`running ${job.id}\n`);
  await aborted(signal);
});
