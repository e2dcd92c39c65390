/** grant_type=authorization_code: trades a one-time code for tokens (RFC 6749 §4.1.3, §4.1.4). */
import { firstFailure } from '../rule';
import { parseScope } from '../scope';
import type { GrantHandler } from './grant-context';
import { issueTokens } from './issue-tokens';

export const redeemAuthorizationCode: GrantHandler = async (context, state) => {
  state.pipeline.authorizationCodeGrant.replayed(state.codes, state.sessions, context.params.get('code'));

  const found = state.pipeline.authorizationCodeGrant.code({ params: context.params, codes: state.codes });
  if (!found.ok) return state.policy.errorReplies.oauthError(found.failure);
  const code = found.value;
  const refused = firstFailure(state.pipeline.authorizationCodeGrant.rules, { ...context, code, grantedScope: code.scope });
  if (refused !== undefined) return state.policy.errorReplies.oauthError(refused);

  const session = state.sessions.open({
    clientId: context.app.clientId,
    user: code.user,
    scope: parseScope(context.params.get('scope')) ?? code.scope,
    grantedScope: code.scope,
  });
  state.codes.redeem(code, session.id);
  return issueTokens(state, session);
};
