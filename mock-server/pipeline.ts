/**
 * Which rules run on which endpoint, in order. Each stage runs after the previous one passed:
 * `transport` (method, size, media type), `request` (the parameters as such), a resolver that identifies
 * the client, then the rules that need the client; the grants add their own resolver and rules.
 * A resolver is a rule that also establishes something (the client, the redirect URI, the code …).
 * At the authorization endpoint, where a failure goes (redirect or page) is decided by one policy in
 * endpoints/authorize.ts, not by these tables. Rules that differ by mode read the policy (mode.ts) from
 * their context, and the rate limit of the token and revocation endpoints comes before all stages (router.ts).
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

const FORM_POST = [requireMethod('POST'), limitBodySize, requireFormBody] as const;
const PARAMETERS = [requireWellFormedParameters, rejectRepeatedParameters] as const;

/** GET /restapi/oauth/authorize (RFC 6749 §4.1.1). */
export const AUTHORIZATION_ENDPOINT = {
  transport: [requireMethod('GET')],
  request: PARAMETERS,
  client: identifyClient,
  app: [refuseCodeFlowWithoutUi],
  redirectUri: requireRegisteredRedirectUri,
  authorization: [requireCodeResponseType, requirePermittedScope, requireValidCodeChallenge],
} as const;

/** POST /restapi/oauth/authorize/login: the user signs in to a pending request. */
export const SIGN_IN_FORM = {
  transport: FORM_POST,
  request: PARAMETERS,
  pendingRequest: findPendingRequest,
  user: authenticateResourceOwner,
} as const;

/** POST /restapi/oauth/authorize/consent: the user approves or declines (RFC 6749 §4.1.2). */
export const CONSENT_FORM = {
  transport: FORM_POST,
  request: [...PARAMETERS, requireConsentDecision],
  pendingRequest: completePendingRequest,
} as const;

/** POST /restapi/oauth/token (RFC 6749 §3.2, §5). */
export const TOKEN_ENDPOINT = {
  transport: FORM_POST,
  request: PARAMETERS,
  client: authenticateClient,
  grantType: requireGrantType,
  app: [
    refuseRetiredGrantTypes,
    refusePasswordByAppType,
    refuseJwtGrantForPublicApps,
    refuseCodeFlowWithoutUi,
    requireGrantParameters,
    requirePermittedScope,
  ],
} as const;

/** grant_type=authorization_code (RFC 6749 §4.1.3; RFC 7636 §4.6). */
export const AUTHORIZATION_CODE_GRANT = {
  code: findAuthorizationCode,
  rules: [requireCodeIssuedToClient, requireSameRedirectUri, requireCodeVerifier, requireScopeWithinGrant],
} as const;

/** grant_type=password (RFC 6749 §4.3.2). */
export const PASSWORD_GRANT = {
  user: authenticateResourceOwner,
} as const;

/** grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer (RFC 7523 §2.1, §3). */
export const JWT_BEARER_GRANT = {
  user: verifyJwtAssertion,
} as const;

/** grant_type=refresh_token (RFC 6749 §6). */
export const REFRESH_TOKEN_GRANT = {
  session: findRefreshSession,
  rules: [requireRefreshTokenOfClient, requireScopeWithinGrant],
} as const;

/** POST /restapi/oauth/revoke (RFC 7009 §2.1). */
export const REVOCATION_ENDPOINT = {
  transport: FORM_POST,
  request: PARAMETERS,
  client: authenticateClient,
  app: [requireTokenParameter],
  token: [requireTokenOfClient],
} as const;

/** The signing keys and the metadata document. */
export const DISCOVERY = {
  transport: [requireMethod('GET')],
} as const;

/** The mock's clock control (not part of any specification). */
export const CLOCK_CONTROL = {
  transport: [requireMethod('GET', 'POST'), limitBodySize],
} as const;

/** The protected resources (RFC 6750 §2, §3). */
export const RESOURCE_ENDPOINT = {
  transport: [requireMethod('GET', 'POST'), limitBodySize],
  bearer: findBearerToken,
  verify: verifyAccessToken,
  session: [requireTokenScope],
} as const;
