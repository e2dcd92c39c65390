// Rule: the access token is authentic, unexpired and the current token of a live session (RFC 6750 §3.1 invalid_token).
import type { AccessTokens } from '../access-tokens';
import { fail } from '../dialect';
import type { ModePolicy } from '../mode';
import { found, refused, type AsyncResolver } from '../rule';
import type { Session, SessionStore } from '../stores/sessions';

interface Context {
  readonly token: string;
  readonly tokens: AccessTokens;
  readonly sessions: SessionStore;
  readonly policy: Pick<ModePolicy, 'codes'>;
}

export const verifyAccessToken: AsyncResolver<Context, Session> = async ({ token, tokens, sessions, policy }) => {
  const verification = await tokens.verify(token);
  if (!verification.ok) {
    return refused(
      verification.reason === 'expired'
        ? fail('invalid_token', 'OAU-128', 'The access token has expired')
        : fail('invalid_token', policy.codes.invalidAccessToken, 'The access token is malformed or not signed by this server'),
    );
  }
  const lookup = sessions.accessState(verification.sessionId, verification.jti);
  if (lookup === undefined) return refused(fail('invalid_token', 'OAU-213', 'The access token is not known'));
  switch (lookup.state) {
    case 'ended':
      return refused(fail('invalid_token', 'OAU-213', 'The access token was revoked'));
    case 'rotated':
    case 'expired':
      return refused(fail('invalid_token', policy.codes.replacedAccessToken, 'The access token was replaced by a refresh'));
    case 'live':
      return found(lookup.session);
  }
};
