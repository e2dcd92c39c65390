/**
 * Sessions: what one grant produced for one client and user. A session has one live access token and one
 * live refresh token at a time; a refresh rotates both (RFC 6749 §6), and revoking either ends the whole
 * session (RFC 7009 §2.1). Retired tokens are remembered so they can be told apart from unknown ones.
 */
import { randomUUID } from 'node:crypto';
import type { MockClock } from '../clock';
import type { RegisteredUser } from '../registry';
import { randomToken, type SecretLedger } from '../secrets';

export const ACCESS_TOKEN_LIFETIME_SECONDS = 3600;
export const REFRESH_TOKEN_LIFETIME_SECONDS = 604_800;

export interface SessionGrant {
  readonly clientId: string;
  readonly user: RegisteredUser;
  readonly scope: readonly string[];
  /** What the resource owner granted; a refresh may narrow the scope but never exceed this (RFC 6749 §6). */
  readonly grantedScope: readonly string[];
}

export interface Session extends SessionGrant {
  readonly id: string;
  readonly endpointId: string;
  /** The jti of the one access token that currently works. */
  readonly accessJti: string;
  readonly refreshToken: string;
  readonly refreshExpiresAtMs: number;
  readonly ended: boolean;
}

/** Where a presented token stands: its session is live, ended (revoked), or it was replaced by a refresh. */
export type TokenState = 'live' | 'expired' | 'ended' | 'rotated';

export interface TokenLookup {
  readonly state: TokenState;
  readonly session: Session;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly refreshTokens = new Map<string, string>();
  private readonly accessTokens = new Map<string, { readonly sessionId: string; readonly jti: string }>();

  constructor(
    private readonly clock: MockClock,
    private readonly ledger: SecretLedger,
  ) {}

  open(grant: SessionGrant): Session {
    const session: Session = {
      ...grant,
      id: randomUUID(),
      endpointId: randomToken(12),
      ended: false,
      ...this.freshTokens(),
    };
    this.save(session);
    return session;
  }

  /** Replaces both tokens of a live session (found live by the caller); the old ones stop working at once. */
  rotate(session: Session, scope: readonly string[]): Session {
    const rotated: Session = { ...session, scope, ...this.freshTokens() };
    this.save(rotated);
    return rotated;
  }

  /** Records the signed access token, so it can be revoked by value and scanned for leaks. */
  attachAccessToken(sessionId: string, jti: string, token: string): void {
    this.accessTokens.set(this.ledger.record(token), { sessionId, jti });
  }

  end(sessionId: string): void {
    const session = this.sessions.get(sessionId);
    if (session !== undefined) this.sessions.set(sessionId, { ...session, ended: true });
  }

  /** Sessions neither ended nor past their refresh token's lifetime: what a client left behind. */
  openCount(): number {
    const now = this.clock.nowMs();
    return [...this.sessions.values()].filter((session) => !session.ended && now < session.refreshExpiresAtMs).length;
  }

  lookupRefreshToken(token: string | undefined): TokenLookup | undefined {
    const session = this.sessionOf(token === undefined ? undefined : this.refreshTokens.get(token));
    if (session === undefined) return undefined;
    if (session.ended) return { state: 'ended', session };
    if (session.refreshToken !== token) return { state: 'rotated', session };
    return { state: this.clock.nowMs() >= session.refreshExpiresAtMs ? 'expired' : 'live', session };
  }

  /** By value, as RFC 7009 clients present it; expiry is the signed token's business, not the store's. */
  lookupAccessToken(token: string | undefined): TokenLookup | undefined {
    const issued = token === undefined ? undefined : this.accessTokens.get(token);
    return issued === undefined ? undefined : this.accessState(issued.sessionId, issued.jti);
  }

  /** By the claims of a verified access token. */
  accessState(sessionId: string, jti: string): TokenLookup | undefined {
    const session = this.sessionOf(sessionId);
    if (session === undefined) return undefined;
    if (session.ended) return { state: 'ended', session };
    return { state: session.accessJti === jti ? 'live' : 'rotated', session };
  }

  private sessionOf(sessionId: string | undefined): Session | undefined {
    return sessionId === undefined ? undefined : this.sessions.get(sessionId);
  }

  private freshTokens(): Pick<Session, 'accessJti' | 'refreshToken' | 'refreshExpiresAtMs'> {
    return {
      accessJti: randomUUID(),
      refreshToken: this.ledger.record(randomToken(32)),
      refreshExpiresAtMs: this.clock.nowMs() + REFRESH_TOKEN_LIFETIME_SECONDS * 1000,
    };
  }

  private save(session: Session): void {
    this.sessions.set(session.id, session);
    this.refreshTokens.set(session.refreshToken, session.id);
  }
}
