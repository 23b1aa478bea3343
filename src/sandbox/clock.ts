// The sandbox's notion of time. Token lifetimes, delta-token expiry, log timestamps and
// the 30-day soft-delete retention all read this clock, so tests can jump it forward
// (POST /_sandbox/clock) instead of waiting days.

export class SandboxClock {
  private offsetMs = 0;

  /** Milliseconds since the epoch on the sandbox's clock. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  date(): Date {
    return new Date(this.now());
  }

  iso(): string {
    return this.date().toISOString();
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
