/** The successful token response (RFC 6749 §5.1) in RingCentral's shape, for a session that was just opened or rotated. */
import { jsonReply, NO_STORE, type Reply } from '../replies';
import { formatScope } from '../scope';
import type { MockState } from '../state';
import { ACCESS_TOKEN_LIFETIME_SECONDS, REFRESH_TOKEN_LIFETIME_SECONDS, type Session } from '../stores/sessions';

export async function issueTokens(state: MockState, session: Session): Promise<Reply> {
  const accessToken = await state.tokens.sign({
    subject: session.user.extensionId,
    clientId: session.clientId,
    sessionId: session.id,
    scope: session.scope,
    jti: session.accessJti,
  });
  state.sessions.attachAccessToken(session.id, session.accessJti, accessToken);
  return jsonReply(
    200,
    {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
      refresh_token: session.refreshToken,
      refresh_token_expires_in: REFRESH_TOKEN_LIFETIME_SECONDS,
      scope: formatScope(session.scope),
      owner_id: session.user.extensionId,
      endpoint_id: session.endpointId,
    },
    NO_STORE,
  );
}
