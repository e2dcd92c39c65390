/**
 * Which rules run on which endpoint, in order. Each stage runs after the previous one passed:
 * `transport` (method, size, media type), `request` (the parameters as such), a resolver that identifies
 * the client, then the rules that need the client; the grants add their own resolver and rules.
 * A resolver is a rule that also establishes something (the client, the redirect URI, the code …).
 * At the authorization endpoint, where a failure goes (redirect or page) is decided by one policy in
 * endpoints/authorize.ts, not by these tables. Rules that differ by mode read the policy (mode.ts) from
 * their context, and the rate limit of the token and revocation endpoints comes before all stages (router.ts).
 * The tables are built once per mock by `createPipeline`: a one-defect variant (defect.ts) swaps one entry
 * for a broken one, and everything else stays the reference.
 */
import { authenticateClient } from './rules/authenticate-client';
import { authenticateResourceOwner } from './rules/authenticate-resource-owner';
import { completePendingRequest } from './rules/complete-pending-request';
import { findAuthorizationCode } from './rules/find-authorization-code';
import { findBearerToken } from './rules/find-bearer-token';
import { findPendingRequest } from './rules/find-pending-request';
import { findRefreshSession } from './rules/find-refresh-session';
import { identifyClient } from './rules/identify-client';
import { limitBodySize } from './rules/limit-body-size';
import { refuseCodeFlowWithoutUi } from './rules/refuse-code-flow-without-ui';
import { refuseJwtGrantForPublicApps } from './rules/refuse-jwt-grant-for-public-apps';
import { refusePasswordByAppType } from './rules/refuse-password-by-app-type';
import { refuseRetiredGrantTypes } from './rules/refuse-retired-grant-types';
import { rejectRepeatedParameters } from './rules/reject-repeated-parameters';
import { requireCodeIssuedToClient } from './rules/require-code-issued-to-client';
import { requireCodeResponseType } from './rules/require-code-response-type';
import { requireCodeVerifier } from './rules/require-code-verifier';
import { requireConsentDecision } from './rules/require-consent-decision';
import { requireFormBody } from './rules/require-form-body';
import { requireGrantParameters } from './rules/require-grant-parameters';
import { requireGrantType } from './rules/require-grant-type';
import { requireMethod } from './rules/require-method';
import { requirePermittedScope } from './rules/require-permitted-scope';
import { requireRefreshTokenOfClient } from './rules/require-refresh-token-of-client';
import { requireRegisteredRedirectUri } from './rules/require-registered-redirect-uri';
import { requireSameRedirectUri } from './rules/require-same-redirect-uri';
import { requireScopeWithinGrant } from './rules/require-scope-within-grant';
import { requireTokenOfClient } from './rules/require-token-of-client';
import { requireTokenParameter } from './rules/require-token-parameter';
import { requireTokenScope } from './rules/require-token-scope';
import { requireValidCodeChallenge } from './rules/require-valid-code-challenge';
import { requireWellFormedParameters } from './rules/require-well-formed-parameters';
import { verifyAccessToken } from './rules/verify-access-token';
import { verifyJwtAssertion } from './rules/verify-jwt-assertion';
import type { RouteName } from './paths';
import { endReplayedRedemption, endRevokedSession } from './rules/end-session';

/**
 * What a table entry becomes in this mock: itself in the reference, a broken stand-in in a variant. The
 * route says where the entry runs, so a variant knows which endpoints it alters.
 */
export type Swap = <T>(entry: T, route: RouteName) => T;

const REFERENCE: Swap = (entry) => entry;

export function createPipeline(swap: Swap = REFERENCE) {
  const at =
    (route: RouteName) =>
    <T>(entry: T): T =>
      swap(entry, route);
  const formPost = (route: RouteName) => [requireMethod('POST'), limitBodySize, requireFormBody].map(at(route));
  const parameters = (route: RouteName) => [requireWellFormedParameters, rejectRepeatedParameters].map(at(route));
  const authorize = at('authorize');
  const signIn = at('signIn');
  const consent = at('consent');
  const token = at('token');
  const revoke = at('revoke');
  const resource = at('resource');
  return {
    /** GET /restapi/oauth/authorize (RFC 6749 §4.1.1). */
    authorizationEndpoint: {
      transport: [authorize(requireMethod('GET'))],
      request: parameters('authorize'),
      client: authorize(identifyClient),
      app: [authorize(refuseCodeFlowWithoutUi)],
      redirectUri: authorize(requireRegisteredRedirectUri),
      authorization: [requireCodeResponseType, requirePermittedScope, requireValidCodeChallenge].map(authorize),
    },
    /** POST /restapi/oauth/authorize/login: the user signs in to a pending request. */
    signInForm: {
      transport: formPost('signIn'),
      request: parameters('signIn'),
      pendingRequest: signIn(findPendingRequest),
      user: signIn(authenticateResourceOwner),
    },
    /** POST /restapi/oauth/authorize/consent: the user approves or declines (RFC 6749 §4.1.2). */
    consentForm: {
      transport: formPost('consent'),
      request: [...parameters('consent'), consent(requireConsentDecision)],
      pendingRequest: consent(completePendingRequest),
    },
    /** POST /restapi/oauth/token (RFC 6749 §3.2, §5). */
    tokenEndpoint: {
      transport: formPost('token'),
      request: parameters('token'),
      client: token(authenticateClient),
      grantType: token(requireGrantType),
      app: [
        refuseRetiredGrantTypes,
        refusePasswordByAppType,
        refuseJwtGrantForPublicApps,
        refuseCodeFlowWithoutUi,
        requireGrantParameters,
        requirePermittedScope,
      ].map(token),
    },
    /** grant_type=authorization_code (RFC 6749 §4.1.3, §4.1.2's revocation on reuse; RFC 7636 §4.6). */
    authorizationCodeGrant: {
      replayed: token(endReplayedRedemption),
      code: token(findAuthorizationCode),
      rules: [requireCodeIssuedToClient, requireSameRedirectUri, requireCodeVerifier, requireScopeWithinGrant].map(token),
    },
    /** grant_type=password (RFC 6749 §4.3.2). */
    passwordGrant: {
      user: token(authenticateResourceOwner),
    },
    /** grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer (RFC 7523 §2.1, §3). */
    jwtBearerGrant: {
      user: token(verifyJwtAssertion),
    },
    /** grant_type=refresh_token (RFC 6749 §6). */
    refreshTokenGrant: {
      session: token(findRefreshSession),
      rules: [requireRefreshTokenOfClient, requireScopeWithinGrant].map(token),
    },
    /** POST /restapi/oauth/revoke (RFC 7009 §2.1). */
    revocationEndpoint: {
      transport: formPost('revoke'),
      request: parameters('revoke'),
      client: revoke(authenticateClient),
      app: [revoke(requireTokenParameter)],
      token: [revoke(requireTokenOfClient)],
      end: revoke(endRevokedSession),
    },
    /** The signing keys and the metadata document. */
    discovery: {
      transport: [at('discovery')(requireMethod('GET'))],
    },
    /** The mock's clock control (not part of any specification). */
    clockControl: {
      transport: [requireMethod('GET', 'POST'), limitBodySize].map(at('clock')),
    },
    /** The protected resources (RFC 6750 §2, §3). */
    resourceEndpoint: {
      transport: [requireMethod('GET', 'POST'), limitBodySize].map(resource),
      bearer: resource(findBearerToken),
      verify: resource(verifyAccessToken),
      session: [resource(requireTokenScope)],
    },
  } as const;
}

export type Pipeline = ReturnType<typeof createPipeline>;
