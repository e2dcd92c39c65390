/** grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer: a user's JWT credential traded for tokens (RFC 7523 §2.1, §3.1). */
import { parseScope } from '../scope';
import type { GrantHandler } from './grant-context';
import { issueTokens } from './issue-tokens';

/** Issued like the password grant it replaces: a session with a refresh token, in the scope asked for or the app's. */
export const grantForJwtAssertion: GrantHandler = async (context, state) => {
  const user = await state.pipeline.jwtBearerGrant.user({ params: context.params, credentials: state.credentials, registry: state.registry });
  if (!user.ok) return state.policy.errorReplies.oauthError(user.failure);
  const scope = parseScope(context.params.get('scope')) ?? context.app.permissions;
  const session = state.sessions.open({ clientId: context.app.clientId, user: user.value, scope, grantedScope: scope });
  return issueTokens(state, session);
};
