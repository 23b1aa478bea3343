/** A sleep that ends early when woken; a wake that comes before the sleep is not lost. */
export class Wakeup {
  private woken = false;
  private resolveSleep: (() => void) | undefined;

  wake(): void {
    this.woken = true;
    this.resolveSleep?.();
  }

  async sleep(ms: number): Promise<void> {
    if (!this.woken) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.resolveSleep = done;
      });
      this.resolveSleep = undefined;
    }
    this.woken = false;
  }
}
