// Connections are checked again in the background, so a consent revoked or an app
// credential removed between backups shows in Settings and is notified (consent.revoked)
// within hours, not at the next failed backup. Each pass checks only organizations whose
// last check is older than the interval: several scheduler processes may run passes, and
// a check made for another reason (a backup's, an admin's) counts too.
import { Periodic } from '../periodic.js';
import type { OrganizationServices } from './index.js';

export interface ConnectionWatchOptions {
  /** How old a connection's last check may get; default 6 hours. */
  checkEveryMs?: number;
  /** How often to look for connections due; default 15 minutes. */
  passIntervalMs?: number;
  onError: (error: unknown) => void;
}

const HOUR_MS = 60 * 60 * 1000;

export class ConnectionWatch {
  private readonly periodic: Periodic;
  private readonly checkEveryMs: number;

  constructor(
    private readonly services: Pick<OrganizationServices, 'organizations' | 'connections'>,
    private readonly options: ConnectionWatchOptions,
  ) {
    this.checkEveryMs = options.checkEveryMs ?? 6 * HOUR_MS;
    this.periodic = new Periodic(() => this.pass(), options.passIntervalMs ?? HOUR_MS / 4, options.onError);
  }

  start(): void {
    this.periodic.start();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  /** Checks every connection due; returns how many were checked. */
  async pass(now: Date = new Date()): Promise<number> {
    let checked = 0;
    for await (const organization of this.services.organizations.all()) {
      const lastChecked = organization.health ? Date.parse(organization.health.checkedAt) : -Infinity;
      if (now.getTime() - lastChecked < this.checkEveryMs) continue;
      try {
        await this.services.connections.check(organization);
        checked++;
      } catch (error) {
        // One tenant's outage must not keep the others unchecked.
        this.options.onError(error);
      }
    }
    return checked;
  }
}
