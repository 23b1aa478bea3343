// One webhook delivery: a JSON POST that must be answered 2xx within the timeout. With a
// signing secret the receiver can check where it came from and when: the signature is
// HMAC-SHA256 over "<timestamp>.<body>" with the secret, so a captured request cannot be
// replayed later with another timestamp. Redirects are not followed.
import { createHmac } from 'node:crypto';

export const EVENT_HEADER = 'x-tenantvault-event';
export const DELIVERY_HEADER = 'x-tenantvault-delivery';
export const TIMESTAMP_HEADER = 'x-tenantvault-timestamp';
export const SIGNATURE_HEADER = 'x-tenantvault-signature';

/** The signature header's value: "sha256=" and the hex HMAC of "<timestamp>.<body>". */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface WebhookRequest {
  url: string;
  secret: string | null;
  body: string;
  event: string;
  deliveryId: string;
  timeoutMs: number;
}

/** Why a delivery failed, in words fit for a log: never the URL's path or query (they may be secret). */
export class WebhookError extends Error {}

function reason(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer within the timeout';
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

export async function postWebhook(request: WebhookRequest): Promise<void> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'tenantvault-notifier',
    [EVENT_HEADER]: request.event,
    [DELIVERY_HEADER]: request.deliveryId,
    [TIMESTAMP_HEADER]: timestamp,
  };
  if (request.secret !== null)
    headers[SIGNATURE_HEADER] = webhookSignature(request.secret, timestamp, request.body);
  const origin = new URL(request.url).origin;
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (error) {
    throw new WebhookError(`webhook ${origin}: ${reason(error)}`);
  }
  // The answer's body means nothing to us; reading it frees the connection.
  await response.arrayBuffer().catch(() => undefined);
  if (response.status < 200 || response.status >= 300) {
    throw new WebhookError(`webhook ${origin} answered ${response.status}`);
  }
}
