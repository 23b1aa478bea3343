// The browser's way in and out: /auth/sign-in sends it to the identity platform, which
// returns to /auth/callback; a session starts when the ID token checks out. The sign-in
// app's admin consent (/auth/admin-consent) returns to the same callback. What the browser
// must bring back (state, nonce, PKCE verifier) travels in a short-lived sealed cookie.
import { randomBytes } from 'node:crypto';
import { Type } from 'typebox';
import { adminConsentUrl } from '../../service/organizations/identity-platform.js';
import type { SecretBox } from '../../service/secret-box.js';
import { describeUser } from '../../service/user-identity.js';
import { callerOf } from '../access.js';
import { ERROR_RESPONSES, type ApiContext, type ApiInstance } from '../context.js';
import { ApiError } from '../errors.js';
import { FlowCookie, safeReturnTo } from '../flow-cookie.js';
import { SignInRefused, type PendingSignIn } from '../sign-in.js';

const STATE_COOKIE = 'tv_auth';
const STATE_PURPOSE = 'sign-in-state';
const STATE_LIFETIME_MS = 10 * 60 * 1000;
/** The sign-in app's own consent, for tenants whose users cannot sign in yet. */
export const SIGN_IN_CONSENT_PATH = '/auth/admin-consent';

type AuthState =
  | ({ kind: 'sign-in'; returnTo: string; expiresAt: number } & PendingSignIn)
  | { kind: 'sign-in-consent'; state: string; returnTo: string; expiresAt: number };

/** What the identity platform sends back: a code (sign-in), a consent answer, or an error. */
const CallbackQuery = Type.Object({
  code: Type.Optional(Type.String()),
  state: Type.Optional(Type.String()),
  session_state: Type.Optional(Type.String()),
  admin_consent: Type.Optional(Type.String()),
  tenant: Type.Optional(Type.String()),
  scope: Type.Optional(Type.String()),
  error: Type.Optional(Type.String()),
  error_description: Type.Optional(Type.String()),
});
const ReturnQuery = Type.Object({ returnTo: Type.Optional(Type.String({ maxLength: 2000 })) });
const Redirect = { 302: Type.Null({ description: 'redirect (Location header)' }), ...ERROR_RESPONSES };

export function registerAuthRoutes(app: ApiInstance, context: ApiContext, box: SecretBox): void {
  const flow = new FlowCookie<AuthState>(box, { name: STATE_COOKIE, purpose: STATE_PURPOSE, path: '/auth' });
  const signInConsentUrl = `${context.publicUrl}${SIGN_IN_CONSENT_PATH}`;
  const operations = { tags: ['sign-in'] };

  app.get(
    '/auth/sign-in',
    {
      config: { access: 'public' },
      schema: {
        ...operations,
        summary: 'Sign in with Microsoft 365 (redirects to the identity platform)',
        querystring: Type.Object({
          returnTo: Type.Optional(Type.String({ maxLength: 2000 })),
          loginHint: Type.Optional(Type.String({ maxLength: 320 })),
        }),
        response: Redirect,
      },
    },
    async (request, reply) => {
      const { url, pending } = await context.signIn.start(request.query.loginHint);
      flow.set(reply, {
        kind: 'sign-in',
        ...pending,
        returnTo: safeReturnTo(request.query.returnTo),
        expiresAt: Date.now() + STATE_LIFETIME_MS,
      });
      return reply.redirect(url);
    },
  );

  app.get(
    SIGN_IN_CONSENT_PATH,
    {
      config: { access: 'public' },
      schema: {
        ...operations,
        summary: 'An administrator grants consent to the sign-in app for the whole organization',
        querystring: ReturnQuery,
        response: Redirect,
      },
    },
    async (request, reply) => {
      const state = randomBytes(16).toString('base64url');
      flow.set(reply, {
        kind: 'sign-in-consent',
        state,
        returnTo: safeReturnTo(request.query.returnTo),
        expiresAt: Date.now() + STATE_LIFETIME_MS,
      });
      return reply.redirect(
        adminConsentUrl(context.platform, 'sign-in', {
          tenant: 'organizations',
          redirectUri: `${context.publicUrl}/auth/callback`,
          state,
        }),
      );
    },
  );

  app.get(
    '/auth/callback',
    {
      config: { access: 'public' },
      schema: {
        ...operations,
        summary: 'Where the identity platform returns the browser after sign-in or consent',
        querystring: CallbackQuery,
        response: Redirect,
      },
    },
    async (request, reply) => {
      const state = flow.take(request, reply, '/auth/sign-in');
      const query = request.query;
      if (state.kind === 'sign-in-consent') {
        if (query.state !== state.state)
          throw new ApiError(400, 'flow_expired', 'the consent answer does not match');
        if (query.admin_consent !== 'True') {
          throw new ApiError(
            403,
            'consent_declined',
            `the sign-in app was not consented: ${query.error_description ?? query.error ?? 'no answer'}`,
            { adminConsentUrl: signInConsentUrl },
          );
        }
        return reply.redirect(`/auth/sign-in?returnTo=${encodeURIComponent(state.returnTo)}`);
      }
      try {
        const identity = await context.signIn.finish(new URL(request.url, context.publicUrl), state);
        await context.sessions.start(reply, identity);
        request.log.info({ tenantId: identity.tenantId, userId: identity.userId }, 'signed in');
      } catch (error) {
        if (error instanceof SignInRefused) throw refusal(error, signInConsentUrl);
        throw error;
      }
      return reply.redirect(state.returnTo);
    },
  );

  app.post(
    '/auth/sign-out',
    {
      config: { access: 'session.end' },
      schema: {
        ...operations,
        summary: 'Ends the browser session',
        response: { 204: Type.Null(), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      await context.sessions.end(request, reply);
      request.log.info({ user: describeUser(callerOf(request).identity) }, 'signed out');
      return reply.code(204).send(null);
    },
  );
}

/** What a person is told when the identity platform would not sign them in. */
function refusal(error: SignInRefused, signInConsentUrl: string): ApiError {
  // AADSTS65001: nobody consented for this user; AADSTS50105: the app needs an assignment they lack.
  if (error.aadsts === 65001 || error.aadsts === 50105) {
    return new ApiError(
      403,
      'access_not_granted',
      'Access not granted: your organization has not allowed you to use tenantvault. Either an administrator ' +
        'consented to tenantvault only for themselves, or only users assigned to the "tenantvault sign-in" ' +
        'enterprise application may sign in. A Global Administrator or Privileged Role Administrator can ' +
        `open ${signInConsentUrl} and grant consent on behalf of the organization, or assign you to the ` +
        'enterprise application in the Entra admin center.',
      { adminConsentUrl: signInConsentUrl },
    );
  }
  return new ApiError(403, 'sign_in_refused', `the identity platform did not sign you in: ${error.message}`);
}
