// Client-side pacing for one throttling budget: a token bucket refilled continuously at
// the budget's rate (so a well-behaved client stays under Graph's limit instead of
// discovering it through 429s), a cap on requests in flight, and a pause that a
// Retry-After or a 429 imposes on this budget only. Waiters are served first come, first
// served.
import type { Budget } from './scopes.js';

/** Pace below the published limit: other clients of the same app share it. */
export const DEFAULT_UTILIZATION = 0.9;
/** Above this share of the limit (x-ms-throttle-limit-percentage), slow down early. */
const SLOW_DOWN_ABOVE = 0.8;
const SLOW_DOWN_FACTOR = 0.5;

interface Waiter {
  cost: number;
  resolve: () => void;
}

export class ScopeGate {
  private readonly capacity: number;
  /** Units per millisecond. */
  private readonly rate: number;
  private tokens: number;
  private updated: number;
  private active = 0;
  private readonly slotWaiters: Array<() => void> = [];
  private readonly tokenWaiters: Waiter[] = [];
  private pausedUntil = 0;
  private slowUntil = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly budget: Budget,
    utilization = DEFAULT_UTILIZATION,
    private readonly now: () => number = Date.now,
  ) {
    this.capacity = budget.limit * utilization;
    this.rate = this.capacity / budget.windowMs;
    this.tokens = this.capacity;
    this.updated = now();
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

  /** Graph throttled this budget: stop sending for `ms` and restart from an empty bucket. */
  throttled(ms: number): void {
    this.refill();
    this.tokens = Math.min(this.tokens, 0);
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
    // Nothing refills during the pause: Graph still counts the throttled requests.
    this.updated = Math.max(this.updated, this.pausedUntil);
    this.pump();
  }

  /** Graph reported the share of the limit in use; near the limit, halve the pace for a window. */
  reportUsage(share: number): void {
    if (share > SLOW_DOWN_ABOVE) this.slowUntil = this.now() + this.budget.windowMs;
  }

  /** True when nothing waits or runs and the bucket is full: the gate can be forgotten. */
  get idle(): boolean {
    this.refill();
    return this.active === 0 && this.tokenWaiters.length === 0 && this.tokens >= this.capacity;
  }

  private currentRate(): number {
    return this.now() < this.slowUntil ? this.rate * SLOW_DOWN_FACTOR : this.rate;
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
