// Actions, not checks: what revocation and a replayed code do to a session; each says whether it did anything (RFC 7009 §2.1, §2.2; RFC 6749 §4.1.2, §10.5).
import type { CodeStore } from '../stores/codes';
import type { Session, SessionStore } from '../stores/sessions';

/** A revoked token ends its whole session: the access and the refresh token alike. Says whether it ended one. */
export function endRevokedSession(sessions: SessionStore, session: Session): boolean {
  sessions.end(session.id);
  return true;
}

/** A code presented a second time may have leaked, so what its first redemption issued is revoked. Says whether it was a replay. */
export function endReplayedRedemption(codes: CodeStore, sessions: SessionStore, code: string | undefined): boolean {
  const replayedSession = codes.find(code)?.redeemedBy;
  if (replayedSession === undefined) return false;
  sessions.end(replayedSession);
  return true;
}
