// Rule: the refresh token is the live one of a live session and has not expired (RFC 6749 §6, §10.4; invalid_grant per §5.2).
import { fail } from '../dialect';
import type { Params } from '../params';
import { found, refused, type Resolver } from '../rule';
import type { Session, SessionStore } from '../stores/sessions';

interface Context {
  readonly params: Params;
  readonly sessions: SessionStore;
}

export const findRefreshSession: Resolver<Context, Session> = ({ params, sessions }) => {
  const lookup = sessions.lookupRefreshToken(params.get('refresh_token'));
  if (lookup === undefined) return refused(fail('invalid_grant', 'OAU-213', 'The refresh token is not known'));
  switch (lookup.state) {
    case 'ended':
      return refused(fail('invalid_grant', 'OAU-211', 'The refresh token was revoked'));
    case 'rotated':
      return refused(fail('invalid_grant', 'OAU-211', 'The refresh token was replaced by a newer one'));
    case 'expired':
      return refused(fail('invalid_grant', 'OAU-213', 'The refresh token has expired'));
    case 'live':
      return found(lookup.session);
  }
};
