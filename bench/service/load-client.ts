// The API benchmark's client: real HTTP with an API token over kept-alive connections, as
// an automation client calls the API. It times requests one after another or from several
// clients at once, each request from sending it to the last byte of its answer.
import { Agent, request } from 'undici';

export interface Latencies {
  requests: number;
  /** Answers other than 200 (and the first of them, to say why). */
  failures: number;
  firstFailure?: string;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  /** Answers per second of wall time, all clients together. */
  perSecond: number;
}

/** The nearest-rank percentile of ascending values. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export class LoadClient {
  private readonly agent: Agent;

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    maxClients: number,
  ) {
    this.agent = new Agent({ connections: maxClients, keepAliveTimeout: 60_000 });
  }

  /** One request; its status, time and body text. */
  async send(path: string): Promise<{ status: number; ms: number; text: string }> {
    const started = performance.now();
    const answer = await request(new URL(path, this.baseUrl), {
      headers: { authorization: `Bearer ${this.token}` },
      dispatcher: this.agent,
    });
    const text = await answer.body.text();
    return { status: answer.statusCode, ms: performance.now() - started, text };
  }

  /** A GET answered 200, as JSON. */
  async json<T>(path: string): Promise<T> {
    const answer = await this.send(path);
    if (answer.status !== 200) throw new Error(`GET ${path}: ${answer.status} ${answer.text.slice(0, 300)}`);
    return JSON.parse(answer.text) as T;
  }

  /**
   * `requests` GETs of `path` (fewer if `maxMs` runs out first) from `clients` clients at
   * once, each sending its next when answered.
   */
  async measure(path: string, requests: number, clients: number, maxMs = Infinity): Promise<Latencies> {
    const times: number[] = [];
    let failures = 0;
    let firstFailure: string | undefined;
    let left = requests;
    const started = performance.now();
    const client = async () => {
      while (left > 0 && performance.now() - started < maxMs) {
        left -= 1;
        const answer = await this.send(path);
        times.push(answer.ms);
        if (answer.status !== 200) {
          failures += 1;
          firstFailure ??= `${answer.status} ${answer.text.slice(0, 300)}`;
        }
      }
    };
    await Promise.all(Array.from({ length: clients }, client));
    const wallMs = performance.now() - started;
    times.sort((a, b) => a - b);
    return {
      requests: times.length,
      failures,
      ...(firstFailure ? { firstFailure } : {}),
      p50Ms: round(percentile(times, 50)),
      p95Ms: round(percentile(times, 95)),
      p99Ms: round(percentile(times, 99)),
      maxMs: round(times.at(-1) ?? NaN),
      meanMs: round(times.reduce((sum, ms) => sum + ms, 0) / times.length),
      perSecond: round((times.length / wallMs) * 1000),
    };
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
