/**
 * The one-defect variants the self-test runs the suite against (npm run selftest). Each breaks the
 * requirements it names and nothing else, by swapping one rule of the pipeline for a broken stand-in or by
 * altering what one endpoint answers. Every scenario that checks a server behaviour has a variant it catches:
 * a new scenario comes with a new entry here (README, "Self-test").
 */
import { type Defect, type RuleSwap, swap } from './defect';
import { fail } from './dialect';
import { isGrantType } from './grant-types';
import type { Params } from './params';
import type { Reply } from './replies';
import { authenticateClient } from './rules/authenticate-client';
import { authenticateResourceOwner } from './rules/authenticate-resource-owner';
import { endReplayedRedemption, endRevokedSession } from './rules/end-session';
import { findAuthorizationCode } from './rules/find-authorization-code';
import { findBearerToken } from './rules/find-bearer-token';
import { findRefreshSession } from './rules/find-refresh-session';
import { refuseCodeFlowWithoutUi } from './rules/refuse-code-flow-without-ui';
import { refusePasswordByAppType } from './rules/refuse-password-by-app-type';
import { rejectRepeatedParameters } from './rules/reject-repeated-parameters';
import { requireCodeIssuedToClient } from './rules/require-code-issued-to-client';
import { requireCodeResponseType } from './rules/require-code-response-type';
import { requireCodeVerifier } from './rules/require-code-verifier';
import { requireGrantType } from './rules/require-grant-type';
import { requireRefreshTokenOfClient } from './rules/require-refresh-token-of-client';
import { requireRegisteredRedirectUri } from './rules/require-registered-redirect-uri';
import { requireSameRedirectUri } from './rules/require-same-redirect-uri';
import { requireScopeWithinGrant } from './rules/require-scope-within-grant';
import { requireTokenOfClient } from './rules/require-token-of-client';
import { requireTokenParameter } from './rules/require-token-parameter';
import { requireTokenScope } from './rules/require-token-scope';
import { requireValidCodeChallenge } from './rules/require-valid-code-challenge';
import { verifyAccessToken } from './rules/verify-access-token';
import { verifyJwtAssertion } from './rules/verify-jwt-assertion';
import { found, refused } from './rule';
import type { CodeStatus } from './stores/codes';

/** A rule that lets everything through. */
const passes = (): undefined => undefined;

/** An action that does nothing, and says so. */
const doesNothing = (): boolean => false;

/** The code lookup, with codes of one status that the reference refuses taken as live. */
function findCodeAlso(status: Exclude<CodeStatus, 'live'>): RuleSwap {
  return swap(findAuthorizationCode, (context: Parameters<typeof findAuthorizationCode>[0]) => {
    const code = context.codes.find(context.params.get('code'));
    return code !== undefined && context.codes.status(code) === status ? found(code) : findAuthorizationCode(context);
  });
}

/** The access token check, with signed tokens of sessions in one state that the reference refuses served. */
function verifyAccessTokenAlso(state: 'ended' | 'rotated'): RuleSwap {
  return swap(verifyAccessToken, async (context: Parameters<typeof verifyAccessToken>[0]) => {
    const verification = await context.tokens.verify(context.token);
    const lookup = verification.ok ? context.sessions.accessState(verification.sessionId, verification.jti) : undefined;
    return lookup?.state === state ? found(lookup.session) : verifyAccessToken(context);
  });
}

/** A Location's query without some parameters. */
function withoutRedirectParams(reply: Reply, names: readonly string[], when: (params: URLSearchParams) => boolean): Reply {
  const location = reply.headers['Location'];
  if (location === undefined) return reply;
  const url = new URL(location);
  if (!when(url.searchParams)) return reply;
  for (const name of names) url.searchParams.delete(name);
  return { ...reply, headers: { ...reply.headers, Location: url.toString() } };
}

function withoutHeaders(reply: Reply, names: readonly string[]): Reply {
  const headers = Object.fromEntries(Object.entries(reply.headers).filter(([name]) => !names.includes(name)));
  return { ...reply, headers };
}

/** The client id of an HTTP Basic header, whatever its secret. */
function basicClientId(header: string | undefined): string | undefined {
  const encoded = /^basic +(\S+)$/i.exec(header ?? '')?.[1];
  if (encoded === undefined) return undefined;
  const [clientId = ''] = Buffer.from(encoded, 'base64').toString('utf8').split(':');
  try {
    return decodeURIComponent(clientId.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

export const DEFECTS: readonly Defect[] = [
  // The authorization endpoint (RFC 6749 §3.1, §4.1.1, §4.1.2).
  {
    id: 'redirect-to-unregistered-uri',
    summary: 'the authorization endpoint accepts any redirect_uri the request names and sends the user there',
    // Every way of offering an unregistered URI is refused by the same check, so all of them break at once.
    breaks: [
      '6749-3.1.2.4-no-redirect-to-invalid-uri',
      '6749-3.1.2.4-inform-owner-of-bad-redirect',
      '6749-4.1.2.1-no-redirect-bad-redirect-uri',
      '6749-10.6-validate-redirect-uri',
      '6749-3.1.2.3-match-registered-redirect',
      '6749-3.1.2.2-register-complete-uri',
      '6749-3.1.2.2-register-scheme-authority-path',
      '6749-3.1.2.2-all-clients-register-redirect',
      '6749-10.6-confidential-clients-register-redirect',
      '6749-10.1-verify-unauthenticated-clients',
    ],
    swaps: [
      swap(requireRegisteredRedirectUri, ({ params, app }: { params: Params; app: { redirectUris: readonly string[] } }) => {
        const offered = params.get('redirect_uri') ?? app.redirectUris[0];
        return offered === undefined ? refused(fail('invalid_request', 'OAU-113', 'No redirect URI')) : found(offered);
      }),
    ],
  },
  {
    id: 'state-dropped',
    summary: 'the code comes back without the state the client sent',
    breaks: ['6749-4.1.2-state-echoed'],
    replies: { consent: (reply) => withoutRedirectParams(reply, ['state'], (params) => params.has('code')) },
  },
  {
    id: 'error-state-dropped',
    summary: 'an error redirect leaves out the state the client sent',
    breaks: ['6749-4.1.2.1-error-state-echoed'],
    replies: {
      authorize: (reply) => withoutRedirectParams(reply, ['state'], (params) => params.has('error')),
      consent: (reply) => withoutRedirectParams(reply, ['state'], (params) => params.has('error')),
    },
  },
  {
    id: 'unsupported-response-type-accepted',
    summary: 'any response_type is taken for code',
    breaks: ['6749-3.1.1-unsupported-response-type', '6749-4.1.2.1-unsupported-response-type'],
    swaps: [
      swap(requireCodeResponseType, ({ params }: { params: Params }) =>
        params.get('response_type') === undefined ? fail('invalid_request', 'OAU-101', 'response_type is required') : undefined,
      ),
    ],
  },
  {
    id: 'response-type-optional',
    summary: 'an authorization request without response_type is taken for one asking for a code',
    breaks: ['6749-3.1.1-response-type-required', '6749-4.1.1-response-type-required'],
    swaps: [
      swap(requireCodeResponseType, ({ params }: { params: Params }) => {
        const responseType = params.get('response_type');
        return responseType === undefined || responseType === 'code' ? undefined : fail('unsupported_response_type', 'OAU-101', 'use code');
      }),
    ],
  },
  {
    id: 'code-challenge-method-unchecked',
    summary: 'a PKCE challenge with an unknown method or a malformed value is accepted',
    breaks: ['7636-4.4.1-unsupported-method-invalid-request'],
    swaps: [swap(requireValidCodeChallenge, passes)],
  },
  {
    id: 'code-flow-for-no-ui-app',
    summary: 'an app without a user interface may use the authorization code flow',
    breaks: ['rc-no-ui-app-no-code-flow'],
    swaps: [swap(refuseCodeFlowWithoutUi, passes)],
  },
  // Redeeming a code (RFC 6749 §4.1.2, §4.1.3, §10.5; RFC 7636 §4.6).
  {
    id: 'reusable-code',
    summary: 'a code can be redeemed again after it was used',
    breaks: ['6749-4.1.2-code-single-use', '6749-10.5-code-single-use'],
    swaps: [findCodeAlso('redeemed')],
  },
  {
    id: 'code-reuse-keeps-tokens',
    summary: 'a code presented a second time is refused, but what its first redemption issued stays valid',
    breaks: ['6749-4.1.2-revoke-on-code-reuse', '6749-10.5-code-reuse-revokes-tokens'],
    swaps: [swap(endReplayedRedemption, doesNothing)],
  },
  {
    id: 'code-never-expires',
    summary: 'an expired code is still redeemed',
    breaks: ['6749-4.1.2-code-expires-shortly', '6749-4.1.2-code-lifetime-ten-minutes', '6749-10.5-code-short-lived', 'rc-code-lives-a-minute'],
    swaps: [findCodeAlso('expired')],
  },
  {
    id: 'code-not-bound-to-client',
    summary: 'a code is redeemed by any client, not only the one it was issued to',
    breaks: ['6749-4.1.3-code-bound-to-client', '6749-4.1.3-code-bound-to-client-id', '6749-10.5-code-bound-to-client'],
    swaps: [swap(requireCodeIssuedToClient, passes)],
  },
  {
    id: 'code-not-bound-to-redirect-uri',
    summary: 'a code is redeemed whatever redirect_uri the token request names, or none',
    breaks: ['6749-4.1.3-redirect-uri-identical', '6749-4.1.3-redirect-uri-required-if-sent'],
    swaps: [swap(requireSameRedirectUri, passes)],
  },
  {
    id: 'pkce-verifier-unchecked',
    summary: 'a code issued with a PKCE challenge is redeemed with any code_verifier, or none',
    breaks: ['7636-4.6-verifier-must-match', '7636-4.5-code-verifier-required'],
    swaps: [swap(requireCodeVerifier, passes)],
  },
  // The token endpoint (RFC 6749 §3.2, §5).
  {
    id: 'unsupported-grant-as-invalid-request',
    summary: 'an unknown grant_type is answered invalid_request instead of unsupported_grant_type',
    breaks: ['6749-5.2-unsupported-grant-type'],
    swaps: [
      swap(requireGrantType, (context: Parameters<typeof requireGrantType>[0]) => {
        const grantType = context.params.get('grant_type');
        return grantType !== undefined && !isGrantType(grantType)
          ? refused(fail('invalid_request', 'OAU-250', 'Unsupported grant type'))
          : requireGrantType(context);
      }),
    ],
  },
  {
    id: 'token-response-cacheable',
    summary: 'a token response carries no Cache-Control: no-store',
    breaks: ['6749-5.1-no-store-header'],
    replies: { token: (reply) => (reply.status === 200 ? withoutHeaders(reply, ['Cache-Control']) : reply) },
  },
  {
    id: 'invalid-client-400-without-challenge',
    summary: 'a client that fails Basic authentication gets 400 and no WWW-Authenticate challenge',
    breaks: ['6749-5.2-invalid-client-401-challenge'],
    replies: {
      token: (reply, request) =>
        reply.status === 401 && request.headers.authorization !== undefined ? { ...withoutHeaders(reply, ['WWW-Authenticate']), status: 400 } : reply,
    },
  },
  {
    id: 'repeated-parameters-accepted',
    summary: 'a request that repeats a parameter is answered as if it had sent the first',
    breaks: ['6749-3.1-repeated-request-param-refused', '6749-3.2-repeated-request-param-refused'],
    swaps: [swap(rejectRepeatedParameters, passes)],
  },
  {
    id: 'client-secret-unchecked',
    summary: 'a confidential client authenticates with any secret, at the token and the revocation endpoint',
    breaks: ['6749-4.1.3-authenticate-client', '6749-4.3.2-authenticate-client', '7009-2.1-client-authenticated-first'],
    swaps: [
      swap(authenticateClient, (context: Parameters<typeof authenticateClient>[0]) => {
        const authenticated = authenticateClient(context);
        const app = context.registry.findApp(basicClientId(context.request.headers.authorization));
        return !authenticated.ok && authenticated.failure.error === 'invalid_client' && app?.clientSecret !== undefined ? found(app) : authenticated;
      }),
    ],
  },
  // The password grant and RingCentral's app types (RFC 6749 §4.3.2).
  {
    id: 'password-accepts-any-password',
    summary: 'the password grant issues tokens for a known username with any password',
    breaks: ['6749-4.3.2-validate-owner-credentials', 'rc-wrong-password-oau-140'],
    swaps: [
      swap(
        authenticateResourceOwner,
        ({ params, registry }: Parameters<typeof authenticateResourceOwner>[0]) => {
          const user = registry.findUser(params.get('username'));
          return user === undefined ? refused(fail('invalid_grant', 'OAU-140', 'Invalid resource owner credentials')) : found(user);
        },
        ['token'],
      ),
    ],
  },
  {
    id: 'password-grant-for-public-apps',
    summary: 'a public app may use the password grant',
    breaks: ['rc-public-app-no-password-flow'],
    swaps: [
      swap(refusePasswordByAppType, (context: Parameters<typeof refusePasswordByAppType>[0]) =>
        context.app.applicationType === 'public' ? undefined : refusePasswordByAppType(context),
      ),
    ],
  },
  {
    id: 'password-grant-for-browser-and-server-web-apps',
    summary: 'a private browser-based or server/web app may use the password grant',
    breaks: ['rc-browser-and-server-web-app-no-password-flow'],
    swaps: [
      swap(refusePasswordByAppType, (context: Parameters<typeof refusePasswordByAppType>[0]) =>
        context.app.applicationType === 'private' ? undefined : refusePasswordByAppType(context),
      ),
    ],
  },
  {
    id: 'jwt-assertion-unverified',
    summary: 'the JWT bearer grant issues tokens for an assertion whatever its signature says',
    breaks: ['rc-jwt-grant-refuses-bad-assertion'],
    swaps: [
      swap(verifyJwtAssertion, async (context: Parameters<typeof verifyJwtAssertion>[0]) => {
        const verified = await verifyJwtAssertion(context);
        if (verified.ok || context.params.get('assertion') === undefined) return verified;
        const [user] = context.registry.users;
        return user === undefined ? verified : found(user);
      }),
    ],
  },
  // Refreshing (RFC 6749 §6, §10.4).
  {
    id: 'refresh-token-of-another-client',
    summary: 'a refresh token is honoured for any client, not only the one it was issued to',
    breaks: ['6749-6-refresh-token-bound-to-client', '6749-10.4-refresh-token-bound-to-client'],
    swaps: [swap(requireRefreshTokenOfClient, passes)],
  },
  {
    id: 'refresh-widens-scope',
    summary: 'a refresh may ask for more scope than the resource owner granted',
    breaks: ['6749-6-refuse-broader-scope'],
    swaps: [swap(requireScopeWithinGrant, passes, ['token'])],
  },
  {
    id: 'rotated-refresh-token-still-works',
    summary: 'a refresh token a refresh replaced can be used again',
    breaks: ['6749-10.4-detect-refresh-token-abuse', '6749-6-may-revoke-old-refresh-token'],
    swaps: [
      swap(findRefreshSession, (context: Parameters<typeof findRefreshSession>[0]) => {
        const lookup = context.sessions.lookupRefreshToken(context.params.get('refresh_token'));
        return lookup?.state === 'rotated' ? found(lookup.session) : findRefreshSession(context);
      }),
    ],
  },
  // Revocation (RFC 7009 §2).
  {
    id: 'revocation-does-nothing',
    summary: 'revocation answers 200 and the tokens keep working',
    breaks: [
      '7009-2-revoke-refresh-tokens',
      '7009-2-revoke-access-tokens',
      '7009-2.1-revocation-takes-effect-immediately',
      '7009-2.1-refresh-revocation-ends-access-tokens',
      '7009-2.2-unknown-hint-ignored',
      'rc-revocation-ends-session',
    ],
    swaps: [swap(endRevokedSession, doesNothing)],
  },
  {
    id: 'unknown-token-revocation-refused',
    summary: 'revoking a token the server does not know is answered 400 instead of 200',
    breaks: ['7009-2.2-ok-for-invalid-token'],
    swaps: [
      swap(requireTokenOfClient, (context: Parameters<typeof requireTokenOfClient>[0]) =>
        context.session === undefined ? fail('invalid_request', 'OAU-101', 'Unknown token') : requireTokenOfClient(context),
      ),
    ],
  },
  {
    id: 'revokes-tokens-of-other-clients',
    summary: 'a client may revoke a token issued to another client',
    breaks: ['7009-2.1-token-issued-to-client'],
    swaps: [swap(requireTokenOfClient, passes)],
  },
  {
    id: 'revocation-without-token-accepted',
    summary: 'a revocation request without a token is answered 200',
    breaks: ['7009-2.1-token-parameter-required'],
    swaps: [swap(requireTokenParameter, passes)],
  },
  // The protected resource (RFC 6750 §2, §3; RFC 6749 §7).
  {
    id: 'bearer-token-from-two-methods',
    summary: 'a request carrying the access token in two ways at once is served',
    breaks: ['6750-3.1-invalid-request-400', '6750-3.1-invalid-request-code'],
    swaps: [
      swap(findBearerToken, (context: Parameters<typeof findBearerToken>[0]) => {
        const header = context.request.headers.authorization;
        const token = /^bearer +(\S+)$/i.exec(header ?? '')?.[1];
        return token !== undefined && context.request.query.has('access_token') ? found(token) : findBearerToken(context);
      }),
    ],
  },
  {
    id: 'no-challenge-on-401',
    summary: 'a refused access token gets 401 without a WWW-Authenticate header',
    breaks: ['6750-3-www-authenticate-required', '6750-3-error-on-failed-token', '6750-3.1-invalid-token-code', '6750-3.1-no-error-without-credentials'],
    replies: { resource: (reply) => (reply.status === 401 ? withoutHeaders(reply, ['WWW-Authenticate']) : reply) },
  },
  {
    id: 'revoked-access-token-accepted',
    summary: 'the protected resource serves an access token whose session was revoked',
    // The resource is where every revocation shows, so each scenario that looks there for one catches it.
    breaks: [
      '7009-2-revoke-access-tokens',
      '7009-2.1-revocation-takes-effect-immediately',
      '7009-2.1-refresh-revocation-ends-access-tokens',
      '7009-2.2-unknown-hint-ignored',
      '6749-4.1.2-revoke-on-code-reuse',
      '6749-10.5-code-reuse-revokes-tokens',
      'rc-revocation-ends-session',
    ],
    swaps: [verifyAccessTokenAlso('ended')],
  },
  {
    id: 'token-scope-not-enforced',
    summary: 'an access token reaches a resource its scope does not cover',
    // A token that reaches everything is broader than any scope its response states.
    breaks: [
      '6749-7-enforce-token-scope',
      '6750-3.1-insufficient-scope-403',
      '6750-3.1-insufficient-scope-code',
      '6750-5.2-token-scope-restricted',
      '6749-3.3-report-changed-scope',
      '6749-5.1-scope-required-if-changed',
    ],
    swaps: [swap(requireTokenScope, passes)],
  },
  {
    id: 'replaced-access-token-still-works',
    summary: 'the access token a refresh replaced keeps working',
    breaks: ['rc-refresh-ends-previous-access-token'],
    swaps: [verifyAccessTokenAlso('rotated')],
  },
];

const BY_ID = new Map(DEFECTS.map((defect) => [defect.id, defect]));

/** The defect of that id; an unknown id is refused with the list of known ones. */
export function findDefect(id: string): Defect {
  const defect = BY_ID.get(id);
  if (defect === undefined) throw new RangeError(`unknown defect "${id}"; known: ${DEFECTS.map((d) => d.id).join(', ')}`);
  return defect;
}
