// A pass that runs in the background every interval until stopped. A failed pass is
// reported and the next one runs on time: the database may be away for a moment.
import { Wakeup } from './wakeup.js';

export class Periodic {
  private readonly wakeup = new Wakeup();
  private loop: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly pass: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** Stops after the pass under way, if any. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeup.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.pass();
      } catch (error) {
        this.onError(error);
      }
      await this.wakeup.sleep(this.intervalMs);
    }
  }
}
