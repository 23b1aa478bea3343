// Where an organization's notifications go and which events it hears about, with its latest
// deliveries (so a failing channel shows), and a test message to check the channels now.
// The webhook's signing secret goes in and never comes out.
import { Type } from 'typebox';
import { SERVICE_EVENT_KINDS } from '../../service/events.js';
import {
  NotificationSettingsInputSchema,
  NotificationSettingsViewSchema,
  viewOf,
  type Delivery,
} from '../../service/notifications/index.js';
import { Refusal } from '../../service/refusal.js';
import { organizationOf } from '../access.js';
import { noteAudit } from '../audit-trail.js';
import { ERROR_RESPONSES, Guid, Nullable, type ApiContext, type ApiInstance } from '../context.js';

/** Deliveries shown with the settings. */
const RECENT_DELIVERIES = 20;

const Channel = Type.Enum(['email', 'webhook']);

const DeliveryView = Type.Object({
  id: Type.String(),
  notificationId: Type.String({ description: 'the same for every channel and retry of one event' }),
  type: Type.Enum([...SERVICE_EVENT_KINDS, 'test']),
  channel: Channel,
  state: Type.Enum(['pending', 'delivered', 'failed']),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  createdAt: Type.String(),
  deliveredAt: Nullable(Type.String()),
});

const NotificationsAnswer = Type.Object({
  ...NotificationSettingsViewSchema.properties,
  emailConfigured: Type.Boolean({ description: 'the service has an SMTP server to send e-mail through' }),
  deliveries: Type.Array(DeliveryView, { description: 'the latest deliveries, newest first' }),
});

const TestAnswer = Type.Object({
  results: Type.Array(
    Type.Object({ channel: Channel, delivered: Type.Boolean(), error: Nullable(Type.String()) }),
  ),
});

const OrganizationParams = Type.Object({ organizationId: Guid() });

const deliveryView = (delivery: Delivery) => ({
  id: delivery.id,
  notificationId: delivery.notification.id,
  type: delivery.notification.type,
  channel: delivery.channel,
  state: delivery.state,
  attempts: delivery.attempts,
  lastError: delivery.lastError,
  createdAt: delivery.createdAt,
  deliveredAt: delivery.deliveredAt,
});

export function registerNotificationRoutes(app: ApiInstance, context: ApiContext): void {
  const { notifications } = context;
  const operations = { tags: ['notifications'] };

  const answer = async (organizationId: string) => ({
    ...viewOf(await notifications.settings.get(organizationId)),
    emailConfigured: notifications.channels.emailConfigured,
    deliveries: (await notifications.deliveries.recent(organizationId, RECENT_DELIVERIES)).map(deliveryView),
  });

  app.get(
    '/api/organizations/:organizationId/notifications',
    {
      config: { access: 'notifications.read' },
      schema: {
        ...operations,
        summary: 'Where notifications go, which events, and the latest deliveries',
        params: OrganizationParams,
        response: { 200: NotificationsAnswer, ...ERROR_RESPONSES },
      },
    },
    async (request) => answer(organizationOf(request).id),
  );

  app.put(
    '/api/organizations/:organizationId/notifications',
    {
      config: { access: 'notifications.update' },
      schema: {
        ...operations,
        summary: 'Replace where notifications go and which events are sent',
        params: OrganizationParams,
        body: NotificationSettingsInputSchema,
        response: { 200: NotificationsAnswer, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const organization = organizationOf(request);
      const before = viewOf(await notifications.settings.get(organization.id));
      const after = viewOf(await notifications.settings.update(organization.id, request.body));
      noteAudit(request, { target: organization.tenantId, details: { before, after } });
      return answer(organization.id);
    },
  );

  app.post(
    '/api/organizations/:organizationId/notifications/test',
    {
      config: { access: 'notifications.test' },
      schema: {
        ...operations,
        summary: 'Send a test message to every channel set, now; the answer says how each went',
        params: OrganizationParams,
        response: { 200: TestAnswer, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const organization = organizationOf(request);
      const results = await notifications.sendTest(organization);
      if (results.length === 0) {
        throw new Refusal(
          'invalid',
          'no_notification_channels',
          'set e-mail recipients or a webhook first: there is nowhere to send a test message',
        );
      }
      noteAudit(request, { target: organization.tenantId, details: { results } });
      return { results };
    },
  );
}
