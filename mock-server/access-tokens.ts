/**
 * Access tokens as JWTs signed by oauth2-mock-server's issuer, with every time claim taken from the mock's
 * clock. Verification uses jose against the issuer's public keys, at the clock's current date.
 */
import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { OAuth2Issuer } from 'oauth2-mock-server';
import type { MockClock } from './clock';
import { ACCESS_TOKEN_LIFETIME_SECONDS } from './stores/sessions';

export interface AccessTokenClaims {
  /** The user's extension id. */
  readonly subject: string;
  readonly clientId: string;
  readonly sessionId: string;
  readonly scope: readonly string[];
  readonly jti: string;
}

export type Verification =
  | { readonly ok: true; readonly sessionId: string; readonly jti: string }
  | { readonly ok: false; readonly reason: 'expired' | 'invalid' };

export class AccessTokens {
  private constructor(
    private readonly issuer: OAuth2Issuer,
    private readonly clock: MockClock,
    private readonly publicKeys: JWTVerifyGetKey,
  ) {}

  /**
   * Generates the signing key; the issuer URL is set once the server knows its address. ES256: its key is made
   * in about a millisecond, where an RSA key took 0.1 to 0.6 s of every mock's start, and it signs faster.
   */
  static async create(clock: MockClock): Promise<AccessTokens> {
    const issuer = new OAuth2Issuer(false);
    await issuer.keys.generate('ES256');
    return new AccessTokens(issuer, clock, createLocalJWKSet({ keys: issuer.keys.toJSON() }));
  }

  /** Set explicitly: the library would otherwise say http://localhost:PORT even when bound to 127.0.0.1. */
  bindIssuer(url: string): void {
    this.issuer.url = url;
  }

  /** The public half of the signing keys (RFC 7517 JWK Set). */
  jwks(): { keys: unknown[] } {
    return { keys: this.issuer.keys.toJSON() };
  }

  async sign(claims: AccessTokenClaims): Promise<string> {
    const now = this.clock.nowSeconds();
    return this.issuer.buildToken({
      expiresIn: ACCESS_TOKEN_LIFETIME_SECONDS,
      scopesOrTransform: (_header, payload) => {
        payload.iat = now;
        payload.nbf = now;
        payload.exp = now + ACCESS_TOKEN_LIFETIME_SECONDS;
        payload['sub'] = claims.subject;
        payload['client_id'] = claims.clientId;
        payload['sid'] = claims.sessionId;
        payload['scope'] = claims.scope.join(' ');
        payload['jti'] = claims.jti;
      },
    });
  }

  async verify(token: string): Promise<Verification> {
    try {
      const { payload } = await jwtVerify(token, this.publicKeys, {
        algorithms: ['ES256'],
        currentDate: new Date(this.clock.nowMs()),
        ...(this.issuer.url === undefined ? {} : { issuer: this.issuer.url }),
      });
      const { sid, jti } = payload;
      if (typeof sid !== 'string' || typeof jti !== 'string') return { ok: false, reason: 'invalid' };
      return { ok: true, sessionId: sid, jti };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) return { ok: false, reason: 'expired' };
      if (error instanceof joseErrors.JOSEError) return { ok: false, reason: 'invalid' };
      throw error;
    }
  }
}
