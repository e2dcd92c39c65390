/** POST /restapi/oauth/revoke: revoking either token of a session ends the whole session (RFC 7009 §2.1, §2.2). */
import { emptyReply, NO_STORE, type Reply } from '../replies';
import type { MockRequest } from '../request';
import { firstFailure } from '../rule';
import type { MockState } from '../state';

export function revoke(request: MockRequest, state: MockState): Reply {
  const context = { request, params: request.form, channel: 'revocation' as const, registry: state.registry, policy: state.policy };
  const { oauthError } = state.policy.errorReplies;
  const rejected = firstFailure(state.pipeline.revocationEndpoint.transport, context) ?? firstFailure(state.pipeline.revocationEndpoint.request, context);
  if (rejected !== undefined) return oauthError(rejected);
  const client = state.pipeline.revocationEndpoint.client(context);
  if (!client.ok) return oauthError(client.failure);
  const appContext = { ...context, app: client.value };
  const refused = firstFailure(state.pipeline.revocationEndpoint.app, appContext);
  if (refused !== undefined) return oauthError(refused);

  // token_type_hint only orders the search (§2.1); both lookups are exact, so the hint changes nothing here.
  const token = context.params.get('token');
  const lookup = state.sessions.lookupRefreshToken(token) ?? state.sessions.lookupAccessToken(token);
  // §2.2: an invalid, expired or already revoked token needs no action and is answered like a success.
  const session = lookup?.state === 'live' ? lookup.session : undefined;
  const notOwned = firstFailure(state.pipeline.revocationEndpoint.token, { ...appContext, session });
  if (notOwned !== undefined) return oauthError(notOwned);
  if (session !== undefined) state.pipeline.revocationEndpoint.end(state.sessions, session);
  return emptyReply(200, NO_STORE);
}
