// Client-side pacing for one throttling budget: a token bucket refilled continuously at
// the budget's rate (so a well-behaved client stays under Graph's limit instead of
// discovering it through 429s), a cap on requests in flight, and a pause that a
// Retry-After or a 429 imposes on this budget only. When Graph signals that the budget is
// shared with someone else (a 429 despite the pacing, or usage above 80 %), the pace is
// halved, and it recovers step by step with every answer that carries no such signal.
// Waiters are served first come, first served.
import type { Budget } from './scopes.js';

/** Pace below the published limit: other clients of the same app share it. */
export const DEFAULT_UTILIZATION = 0.9;
/** Above this share of the limit (x-ms-throttle-limit-percentage), slow down early. */
const SLOW_DOWN_ABOVE = 0.8;
const SLOWEST_PACE = 1 / 16;
/** Pace regained per unhindered answer: from half speed to full in 16 answers. */
const RECOVERY_STEP = 1 / 32;

interface Waiter {
  cost: number;
  resolve: () => void;
}

export class ScopeGate {
  private capacity: number;
  /** Units per millisecond. */
  private rate: number;
  private tokens: number;
  private updated: number;
  private active = 0;
  private readonly slotWaiters: Array<() => void> = [];
  private readonly tokenWaiters: Waiter[] = [];
  private pausedUntil = 0;
  /** Share of the budget's rate currently used, lowered by throttling signals. */
  private pace = 1;
  private lastSlowDown = -Infinity;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly budget: Budget,
    private readonly utilization = DEFAULT_UTILIZATION,
    private readonly now: () => number = Date.now,
  ) {
    this.capacity = budget.limit * utilization;
    this.rate = this.capacity / budget.windowMs;
    this.tokens = this.capacity;
    this.updated = now();
  }

  /**
   * Paces at another limit from now on (the tenant turned out larger or smaller). Units
   * already spent stay spent; a larger bucket fills at the new rate rather than at once.
   */
  setLimit(limit: number): void {
    this.refill();
    this.capacity = limit * this.utilization;
    this.rate = this.capacity / this.budget.windowMs;
    this.tokens = Math.min(this.tokens, this.capacity);
    this.pump();
  }

  /** Waits for a free slot among the budget's concurrent requests; call the result to free it. */
  async enter(): Promise<() => void> {
    if (this.active >= this.budget.concurrency) {
      await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    } else {
      this.active++;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.slotWaiters.shift();
      // The slot passes straight to the next waiter, so `active` stays the same.
      if (next) next();
      else this.active--;
    };
  }

  /** Waits until the budget allows `cost` more units (and no pause is in force), then spends them. */
  reserve(cost: number): Promise<void> {
    return new Promise((resolve) => {
      this.tokenWaiters.push({ cost, resolve });
      this.pump();
    });
  }

  /** Graph throttled this budget: stop sending for `ms`, restart from an empty bucket, slower. */
  throttled(ms: number): void {
    this.refill();
    this.slowDown();
    this.tokens = Math.min(this.tokens, 0);
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
    // Nothing refills during the pause: Graph still counts the throttled requests.
    this.updated = Math.max(this.updated, this.pausedUntil);
    this.pump();
  }

  /** Graph answered; `usage` is the share of the limit it reported in use, if any. */
  answered(usage?: number): void {
    this.refill();
    if (usage !== undefined && usage > SLOW_DOWN_ABOVE) this.slowDown();
    else this.pace = Math.min(1, this.pace + RECOVERY_STEP);
  }

  /** Halves the pace, at most once per window: one burst of signals is one piece of news. */
  private slowDown(): void {
    const now = this.now();
    if (now - this.lastSlowDown < this.budget.windowMs) return;
    this.lastSlowDown = now;
    this.pace = Math.max(SLOWEST_PACE, this.pace / 2);
  }

  /** True when nothing waits or runs and the bucket is full: the gate can be forgotten. */
  get idle(): boolean {
    this.refill();
    return this.active === 0 && this.tokenWaiters.length === 0 && this.tokens >= this.capacity;
  }

  private currentRate(): number {
    return this.rate * this.pace;
  }

  private refill(): void {
    const now = this.now();
    if (now <= this.updated) return;
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.updated) * this.currentRate());
    this.updated = now;
  }

  private pump(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    for (;;) {
      const head = this.tokenWaiters[0];
      if (!head) return;
      const now = this.now();
      if (now < this.pausedUntil) return this.wake(this.pausedUntil - now);
      this.refill();
      // A request dearer than the whole bucket goes when the bucket is full, and leaves a debt.
      const needed = Math.min(head.cost, this.capacity);
      if (this.tokens < needed) return this.wake((needed - this.tokens) / this.currentRate());
      this.tokens -= head.cost;
      this.tokenWaiters.shift();
      head.resolve();
    }
  }

  private wake(ms: number): void {
    this.timer = setTimeout(() => this.pump(), Math.max(1, Math.ceil(ms)));
  }
}
