/** grant_type=password: the resource owner's credentials traded for tokens (RFC 6749 §4.3.2, §4.3.3). */
import { parseScope } from '../scope';
import type { GrantHandler } from './grant-context';
import { issueTokens } from './issue-tokens';

export const grantForPassword: GrantHandler = async (context, state) => {
  const user = state.pipeline.passwordGrant.user(context);
  if (!user.ok) return state.policy.errorReplies.oauthError(user.failure);
  const scope = parseScope(context.params.get('scope')) ?? context.app.permissions;
  const session = state.sessions.open({ clientId: context.app.clientId, user: user.value, scope, grantedScope: scope });
  return issueTokens(state, session);
};
