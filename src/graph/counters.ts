// What happened to the client's requests, overall and per throttling budget, for backups
// to report: answered (every attempt sent), ok, throttled (429s), retried (attempts made
// again after a transient failure), failed (requests given up on) and deltaExpired (delta
// links Graph refused as expired or unknown: an answer every delta caller expects and
// handles by synchronising from scratch, so not a failure).
import type { ScopeKind } from './scopes.js';

export type Outcome = 'requests' | 'ok' | 'throttled' | 'retried' | 'failed' | 'deltaExpired';

export type OutcomeCounts = Record<Outcome, number>;

export interface GraphCounterSnapshot extends OutcomeCounts {
  byScope: Partial<Record<ScopeKind | 'batch', OutcomeCounts>>;
}

function zero(): OutcomeCounts {
  return { requests: 0, ok: 0, throttled: 0, retried: 0, failed: 0, deltaExpired: 0 };
}

export class GraphCounters {
  private readonly total = zero();
  private readonly scopes = new Map<ScopeKind | 'batch', OutcomeCounts>();

  count(scope: ScopeKind | 'batch', outcome: Outcome): void {
    this.total[outcome]++;
    let counts = this.scopes.get(scope);
    if (!counts) this.scopes.set(scope, (counts = zero()));
    counts[outcome]++;
  }

  snapshot(): GraphCounterSnapshot {
    const byScope: GraphCounterSnapshot['byScope'] = {};
    for (const [scope, counts] of this.scopes) byScope[scope] = { ...counts };
    return { ...this.total, byScope };
  }
}
