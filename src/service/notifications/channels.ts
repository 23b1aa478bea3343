// Sends one notification over one channel of an organization: e-mail through the
// deployment's SMTP server, or its webhook. Used by the notifier for events and by the API
// for test messages. A failure that another attempt cannot mend (no SMTP server configured,
// the channel removed meanwhile) is an UndeliverableError; any other may pass.
import { emailOf, webhookBodyOf, type Notification } from './messages.js';
import type { DeliveryChannel } from './schema.js';
import type { NotificationSettings } from './settings.js';
import type { Mailer } from './smtp.js';
import { postWebhook } from './webhook.js';

export class UndeliverableError extends Error {}

const DELIVERY_CHANNELS: readonly DeliveryChannel[] = ['email', 'webhook'];

/** The channels the settings name. */
export function channelsOf(settings: NotificationSettings): DeliveryChannel[] {
  return DELIVERY_CHANNELS.filter((channel) =>
    channel === 'email' ? settings.emails.length > 0 : settings.webhook !== null,
  );
}

export class NotificationChannels {
  constructor(
    private readonly mailer: Mailer | undefined,
    private readonly webhookTimeoutMs = 10_000,
  ) {}

  get emailConfigured(): boolean {
    return this.mailer !== undefined;
  }

  async send(
    channel: DeliveryChannel,
    settings: NotificationSettings,
    notification: Notification,
    deliveryId: string,
  ): Promise<void> {
    if (channel === 'email') {
      if (!this.mailer) {
        throw new UndeliverableError(
          'no SMTP server is configured for the service (tenantvault serve --smtp-url)',
        );
      }
      if (settings.emails.length === 0) throw new UndeliverableError('no e-mail recipients are set any more');
      await this.mailer.send(emailOf(notification, settings.emails));
      return;
    }
    if (!settings.webhook) throw new UndeliverableError('no webhook is set any more');
    await postWebhook({
      url: settings.webhook.url,
      secret: settings.webhook.secret,
      body: webhookBodyOf(notification),
      event: notification.type,
      deliveryId,
      timeoutMs: this.webhookTimeoutMs,
    });
  }

  close(): void {
    this.mailer?.close();
  }
}
