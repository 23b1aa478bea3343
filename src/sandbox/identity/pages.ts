// The few HTML pages a browser sees: the sign-in form, the consent prompt and error
// pages. Forms post back to the URL that showed them, carrying the request's parameters
// in hidden fields, as Microsoft's pages do.
import type { FastifyReply } from 'fastify';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function hiddenFields(fields: Record<string, string | undefined>): string {
  return Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n      ');
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
  <style>
    body { font-family: "Segoe UI", system-ui, sans-serif; background: #f2f2f2; margin: 0; }
    main { max-width: 440px; margin: 10vh auto; background: #fff; padding: 44px; box-shadow: 0 2px 6px rgba(0,0,0,.2); }
    h1 { font-size: 1.5rem; font-weight: 600; margin-top: 0; }
    input[type=email], input[type=password], input[type=text] { width: 100%; padding: 6px 0; margin: 8px 0 16px; border: 0; border-bottom: 1px solid #666; font-size: 1rem; }
    button { background: #0067b8; color: #fff; border: 0; padding: 8px 24px; font-size: 1rem; margin-right: 8px; }
    button[value=cancel] { background: #ccc; color: #000; }
    .error { color: #e81123; }
    .small { font-size: .8rem; color: #666; }
  </style>
</head>
<body>
  <main>
${body}
  </main>
</body>
</html>`;
}

export function sendHtml(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store, no-cache')
    .header('x-frame-options', 'DENY')
    .send(html);
}

export interface SignInPage {
  action: string;
  tenantName: string;
  appName: string;
  loginHint?: string;
  error?: string;
  fields: Record<string, string | undefined>;
}

export function signInPage(form: SignInPage): string {
  const error = form.error ? `<p class="error" role="alert">${escapeHtml(form.error)}</p>` : '';
  return page(
    'Sign in to your account',
    `    <p class="small">${escapeHtml(form.tenantName)}</p>
    <h1>Sign in</h1>
    <p>to continue to ${escapeHtml(form.appName)}</p>
    ${error}
    <form method="post" action="${escapeHtml(form.action)}">
      ${hiddenFields(form.fields)}
      <label for="login">Email or username</label>
      <input type="email" id="login" name="login" value="${escapeHtml(form.loginHint ?? '')}" autocomplete="username" required>
      <label for="passwd">Password</label>
      <input type="password" id="passwd" name="passwd" autocomplete="current-password" required>
      <button type="submit">Sign in</button>
    </form>`,
  );
}

export interface ConsentPage {
  action: string;
  appName: string;
  publisherDomain: string;
  userPrincipalName: string;
  permissions: { value: string; description: string }[];
  fields: Record<string, string | undefined>;
}

export function consentPage(form: ConsentPage): string {
  const items = form.permissions
    .map(
      (permission) =>
        `<li><strong>${escapeHtml(permission.value)}</strong><br><span class="small">${escapeHtml(permission.description)}</span></li>`,
    )
    .join('\n      ');
  return page(
    'Permissions requested',
    `    <p class="small">${escapeHtml(form.userPrincipalName)}</p>
    <h1>Permissions requested</h1>
    <p><strong>${escapeHtml(form.appName)}</strong><br><span class="small">${escapeHtml(form.publisherDomain)}</span></p>
    <p>This app would like to:</p>
    <ul>
      ${items}
    </ul>
    <form method="post" action="${escapeHtml(form.action)}">
      ${hiddenFields(form.fields)}
      <p><label><input type="checkbox" name="consent_on_behalf_of_organization" value="true"> Consent on behalf of your organization</label></p>
      <p class="small">Accepting these permissions means that you allow this app to use your data as specified in their terms of service and privacy statement.</p>
      <button type="submit" name="decision" value="accept">Accept</button>
      <button type="submit" name="decision" value="cancel">Cancel</button>
    </form>`,
  );
}

function messagePage(title: string, message: string, className: string): string {
  return page(
    title,
    `    <h1>${escapeHtml(title)}</h1>
    <p class="${className}">${escapeHtml(message)}</p>`,
  );
}

/** Microsoft's error page: shown instead of redirecting when the redirect URI cannot be trusted. */
export const errorPage = (title: string, message: string) => messagePage(title, message, 'error');

export const noticePage = (title: string, message: string) => messagePage(title, message, 'notice');
