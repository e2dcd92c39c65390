/** grant_type=refresh_token: rotates both tokens of a session (RFC 6749 §6, §10.4). */
import { firstFailure } from '../rule';
import { parseScope } from '../scope';
import type { GrantHandler } from './grant-context';
import { issueTokens } from './issue-tokens';

export const refreshTokens: GrantHandler = async (context, state) => {
  const found = state.pipeline.refreshTokenGrant.session({ params: context.params, sessions: state.sessions });
  if (!found.ok) return state.policy.errorReplies.oauthError(found.failure);
  const session = found.value;
  const refused = firstFailure(state.pipeline.refreshTokenGrant.rules, { ...context, session, grantedScope: session.grantedScope });
  if (refused !== undefined) return state.policy.errorReplies.oauthError(refused);
  // §6: without a scope parameter the new tokens carry the scope originally granted.
  const rotated = state.sessions.rotate(session, parseScope(context.params.get('scope')) ?? session.grantedScope);
  return issueTokens(state, rotated);
};
