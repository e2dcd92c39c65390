/** POST /restapi/oauth/token: client authentication, then the grant (RFC 6749 §3.2, §4.1.3, §4.3.2, §6; RFC 7523 §2.1). */
import { type GrantType, JWT_BEARER } from '../grant-types';
import { redeemAuthorizationCode } from '../grants/authorization-code';
import type { GrantHandler } from '../grants/grant-context';
import { grantForJwtAssertion } from '../grants/jwt-bearer';
import { grantForPassword } from '../grants/password';
import { refreshTokens } from '../grants/refresh-token';
import type { Reply } from '../replies';
import type { MockRequest } from '../request';
import { firstFailure } from '../rule';
import type { MockState } from '../state';

const GRANTS: Readonly<Record<GrantType, GrantHandler>> = {
  authorization_code: redeemAuthorizationCode,
  password: grantForPassword,
  refresh_token: refreshTokens,
  [JWT_BEARER]: grantForJwtAssertion,
};

export async function token(request: MockRequest, state: MockState): Promise<Reply> {
  const context = { request, params: request.form, channel: 'token' as const, registry: state.registry, policy: state.policy };
  const { oauthError } = state.policy.errorReplies;
  const rejected = firstFailure(state.pipeline.tokenEndpoint.transport, context) ?? firstFailure(state.pipeline.tokenEndpoint.request, context);
  if (rejected !== undefined) return oauthError(rejected);
  const client = state.pipeline.tokenEndpoint.client(context);
  if (!client.ok) return oauthError(client.failure);
  const grantType = state.pipeline.tokenEndpoint.grantType(context);
  if (!grantType.ok) return oauthError(grantType.failure);
  const grantContext = { ...context, app: client.value };
  const refused = firstFailure(state.pipeline.tokenEndpoint.app, grantContext);
  if (refused !== undefined) return oauthError(refused);
  return GRANTS[grantType.value](grantContext, state);
}
