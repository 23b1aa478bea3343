// Where an organization's notifications go and which events it hears about: e-mail
// recipients, a webhook (URL and an optional signing secret, sealed under the service key
// and never shown again) and the event kinds. The schemas serve the API's validation and
// OpenAPI document; a PUT that leaves the secret out keeps the one stored.
import type { Kysely } from 'kysely';
import { Type, type Static } from 'typebox';
import { SERVICE_EVENT_KINDS, type ServiceEventKind } from '../events.js';
import { Refusal } from '../refusal.js';
import type { SecretBox } from '../secret-box.js';
import type { NotificationsDatabase } from './schema.js';

const WEBHOOK_SECRET_PURPOSE = 'notification-webhook-secret';

const EventKind = Type.Enum(SERVICE_EVENT_KINDS, {
  description: 'job.failed, job.partial, consent.revoked or backup.overdue',
});
// Deliberately loose (one @, no spaces): the SMTP server is the judge of an address.
const Email = Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$', maxLength: 320 });
const WebhookUrl = Type.String({
  pattern: '^https?://',
  maxLength: 2000,
  description: 'http(s) URL to POST to',
});
const Events = Type.Array(EventKind, {
  maxItems: SERVICE_EVENT_KINDS.length,
  description: 'events notified',
});
const Emails = Type.Array(Email, { maxItems: 50, description: 'e-mail recipients' });

export const NotificationSettingsInputSchema = Type.Object(
  {
    emails: Emails,
    webhook: Type.Union([
      Type.Object(
        {
          url: WebhookUrl,
          secret: Type.Optional(
            Type.Union([Type.String({ minLength: 16, maxLength: 256 }), Type.Null()], {
              description:
                'signs each delivery (HMAC-SHA256); null removes it, leaving it out keeps the stored one',
            }),
          ),
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
    events: Events,
  },
  { additionalProperties: false },
);
export type NotificationSettingsInput = Static<typeof NotificationSettingsInputSchema>;

export const NotificationSettingsViewSchema = Type.Object({
  emails: Emails,
  webhook: Type.Union([
    Type.Object({ url: WebhookUrl, hasSecret: Type.Boolean({ description: 'deliveries are signed' }) }),
    Type.Null(),
  ]),
  events: Events,
});
export type NotificationSettingsView = Static<typeof NotificationSettingsViewSchema>;

/** The settings as channels use them: the webhook's secret opened. */
export interface NotificationSettings {
  emails: string[];
  webhook: { url: string; secret: string | null } | null;
  events: ServiceEventKind[];
}

/** Before anyone sets them: no recipients, and every event once there are some. */
export function defaultNotificationSettings(): NotificationSettings {
  return { emails: [], webhook: null, events: [...SERVICE_EVENT_KINDS] };
}

export function viewOf(settings: NotificationSettings): NotificationSettingsView {
  return {
    emails: settings.emails,
    webhook: settings.webhook && { url: settings.webhook.url, hasSecret: settings.webhook.secret !== null },
    events: settings.events,
  };
}

function checkedWebhookUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Refusal('invalid', 'invalid_notification_settings', `the webhook URL ${value} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Refusal('invalid', 'invalid_notification_settings', 'the webhook URL must be http or https');
  }
  if (url.username || url.password) {
    throw new Refusal(
      'invalid',
      'invalid_notification_settings',
      'the webhook URL must not carry credentials: use the signing secret',
    );
  }
  return url.href;
}

export class NotificationSettingsStore {
  constructor(
    private readonly db: Kysely<NotificationsDatabase>,
    private readonly box: SecretBox,
  ) {}

  async get(organizationId: string): Promise<NotificationSettings> {
    const row = await this.db
      .selectFrom('notification_settings')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .executeTakeFirst();
    if (!row) return defaultNotificationSettings();
    let secret: string | null = null;
    if (row.webhook_secret !== null) {
      secret = this.box.open(WEBHOOK_SECRET_PURPOSE, row.webhook_secret) ?? null;
      if (secret === null) {
        throw new Error(
          `the webhook secret of organization ${organizationId} does not open with the service key`,
        );
      }
    }
    return {
      emails: JSON.parse(row.emails) as string[],
      webhook: row.webhook_url === null ? null : { url: row.webhook_url, secret },
      events: JSON.parse(row.events) as ServiceEventKind[],
    };
  }

  /** Replaces the settings; a webhook given without `secret` keeps the stored secret. */
  async update(organizationId: string, input: NotificationSettingsInput): Promise<NotificationSettings> {
    const current = await this.get(organizationId);
    const webhook =
      input.webhook &&
      ({
        url: checkedWebhookUrl(input.webhook.url),
        secret: input.webhook.secret === undefined ? (current.webhook?.secret ?? null) : input.webhook.secret,
      } as const);
    const settings: NotificationSettings = {
      emails: [...new Set(input.emails)],
      webhook,
      events: [...new Set(input.events)],
    };
    const values = {
      emails: JSON.stringify(settings.emails),
      webhook_url: webhook?.url ?? null,
      webhook_secret: webhook?.secret ? this.box.seal(WEBHOOK_SECRET_PURPOSE, webhook.secret) : null,
      events: JSON.stringify(settings.events),
      updated_at: new Date().toISOString(),
    };
    await this.db
      .insertInto('notification_settings')
      .values({ organization_id: organizationId, ...values })
      .onConflict((conflict) => conflict.column('organization_id').doUpdateSet(values))
      .execute();
    return settings;
  }
}
