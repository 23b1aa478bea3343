// Fault injection: a share of Graph requests fails the way a busy service does. The
// sequence of faults is reproducible from the seed.
import type { Random } from '../random.js';

export type Fault =
  | { kind: 'none' }
  | { kind: 'status'; status: 503 | 504; retryAfterSeconds?: number }
  | { kind: 'drop' }
  | { kind: 'slow'; delayMs: number };

export class FaultInjector {
  constructor(
    private rate: number,
    private readonly random: Random,
  ) {}

  setRate(rate: number): void {
    this.rate = rate;
  }

  /** Decides the fate of one request. Inside $batch a drop becomes a 503. */
  next(): Fault {
    if (this.rate <= 0 || !this.random.chance(this.rate)) return { kind: 'none' };
    const roll = this.random.next();
    if (roll < 0.4)
      return { kind: 'status', status: 503, retryAfterSeconds: this.random.chance(0.5) ? 1 : undefined };
    if (roll < 0.65) return { kind: 'status', status: 504 };
    if (roll < 0.85) return { kind: 'drop' };
    return { kind: 'slow', delayMs: this.random.int(500, 2000) };
  }
}
