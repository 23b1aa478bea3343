// The service's SMTP server, configured once for the whole deployment: where it is, how the
// connection is secured, who logs in (the password from the environment or a file, never
// from a URL) and the sender's address. nodemailer speaks the protocol.
import { createTransport } from 'nodemailer';
import { ServiceError } from '../errors.js';

/**
 * tls: TLS from the first byte (smtps://, usually port 465); starttls: plain connection
 * upgraded with STARTTLS, refused when the server does not offer it (smtp://, usually 587);
 * starttls-optional: upgraded when offered (a relay on a trusted network).
 */
export type SmtpSecurity = 'tls' | 'starttls' | 'starttls-optional';

export interface SmtpConfig {
  host: string;
  port: number;
  security: SmtpSecurity;
  user?: string;
  password?: string;
  /** The sender, e.g. "tenantvault <backup@example.com>". */
  from: string;
}

/**
 * Reads `smtp[s]://[user@]host[:port][?starttls=optional]`. A password in the URL is
 * refused: it would sit in process listings and shell history.
 */
export function parseSmtpUrl(value: string, from: string, password?: string): SmtpConfig {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ServiceError(`SMTP URL ${value}: not a URL (smtp://host:port or smtps://host:port)`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ServiceError(`SMTP URL ${url.protocol}//…: use smtp:// (STARTTLS) or smtps:// (TLS)`);
  }
  if (url.password) {
    throw new ServiceError('the SMTP URL must not carry a password: set TENANTVAULT_SMTP_PASSWORD');
  }
  const starttls = url.searchParams.get('starttls');
  if (starttls !== null && (starttls !== 'optional' || url.protocol === 'smtps:')) {
    throw new ServiceError(
      `SMTP URL: starttls=${starttls} is not understood (only smtp://…?starttls=optional)`,
    );
  }
  const security: SmtpSecurity =
    url.protocol === 'smtps:' ? 'tls' : starttls === 'optional' ? 'starttls-optional' : 'starttls';
  if (!from.includes('@')) throw new ServiceError(`the sender address "${from}" has no @`);
  const user = url.username ? decodeURIComponent(url.username) : undefined;
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : security === 'tls' ? 465 : 587,
    security,
    ...(user ? { user } : {}),
    ...(password ? { password } : {}),
    from,
  };
}

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
}

/** Sends mail through the configured server; one connection per message. */
export class Mailer {
  private readonly transport: ReturnType<typeof createTransport>;

  constructor(
    readonly config: SmtpConfig,
    timeoutMs = 30_000,
  ) {
    this.transport = createTransport({
      host: config.host,
      port: config.port,
      secure: config.security === 'tls',
      requireTLS: config.security === 'starttls',
      auth: config.user ? { user: config.user, pass: config.password ?? '' } : undefined,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.config.from, ...message });
  }

  close(): void {
    this.transport.close();
  }
}
