/** GET /jwks and /.well-known/openid-configuration: the signing keys and where everything is (RFC 8414 fields). */
import { PATHS } from '../paths';
import { CHALLENGE_METHODS } from '../pkce';
import { jsonReply, oauthErrorReply, type Reply } from '../replies';
import type { MockRequest } from '../request';
import { firstFailure } from '../rule';
import type { MockState } from '../state';

export function jwks(request: MockRequest, state: MockState): Reply {
  const rejected = firstFailure(state.pipeline.discovery.transport, { request });
  return rejected === undefined ? jsonReply(200, state.tokens.jwks()) : oauthErrorReply(rejected);
}

export function discovery(request: MockRequest, state: MockState): Reply {
  const rejected = firstFailure(state.pipeline.discovery.transport, { request });
  if (rejected !== undefined) return oauthErrorReply(rejected);
  const url = (path: string): string => `${state.baseUrl}${path}`;
  const permissions = [...new Set(Object.values(state.registry.apps).flatMap((app) => app.permissions))];
  return jsonReply(200, {
    issuer: state.baseUrl,
    authorization_endpoint: url(PATHS.authorize),
    token_endpoint: url(PATHS.token),
    revocation_endpoint: url(PATHS.revoke),
    jwks_uri: url(PATHS.jwks),
    scopes_supported: permissions,
    response_types_supported: ['code'],
    grant_types_supported: state.policy.grantTypes,
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'none'],
    revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'none'],
    code_challenge_methods_supported: CHALLENGE_METHODS,
  });
}
