/**
 * JWT credentials for the JWT bearer grant (RFC 7523 §2.1), shaped like those RingCentral's developer console
 * issues: iss the platform's base URL, aud its token endpoint, sub the user's extension id. Each instance has
 * its own ES256 key, apart from the access tokens' key, so neither kind of JWT can pass for the other.
 * They are signed with node:crypto because the registry is built synchronously and jose signs only
 * asynchronously; they are verified with jose, which makes the claim checks of RFC 7523 §3.
 */
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { errors as joseErrors, jwtVerify } from 'jose';
import type { MockClock } from './clock';
import { PATHS } from './paths';
import { randomToken } from './secrets';

/** RingCentral's credentials need not expire; RFC 7523 §3 requires exp, so it lies beyond any scenario's clock moves. */
export const JWT_CREDENTIAL_LIFETIME_SECONDS = 10 * 365 * 24 * 3600;

export type CredentialCheck =
  | { readonly ok: true; readonly subject: string }
  | { readonly ok: false; readonly reason: 'malformed' | 'signature' | 'expired' | 'issuer' | 'audience' | 'claims' };

export class JwtCredentials {
  readonly audience: string;
  private readonly keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  private readonly keyId = randomUUID();

  constructor(
    private readonly clock: MockClock,
    /** The mock's base URL, which issues the credentials. */
    readonly issuer: string,
  ) {
    // RFC 7523 §3: the token endpoint's URL may serve as the audience; RingCentral's credentials use it.
    this.audience = `${issuer}${PATHS.token}`;
  }

  /** The credential of one user, valid from now on the mock's clock. */
  issue(subject: string): string {
    const iat = this.clock.nowSeconds();
    return this.sign({ iss: this.issuer, sub: subject, aud: this.audience, iat, exp: iat + JWT_CREDENTIAL_LIFETIME_SECONDS, jti: randomToken(16) });
  }

  /** A compact JWS (RFC 7515 §7.1) of any claims: the users' credentials, and deliberately wrong ones in tests. */
  sign(claims: Readonly<Record<string, unknown>>): string {
    const encode = (part: object): string => Buffer.from(JSON.stringify(part), 'utf8').toString('base64url');
    const input = `${encode({ alg: 'ES256', typ: 'JWT', kid: this.keyId })}.${encode(claims)}`;
    // RFC 7518 §3.4: ECDSA signatures travel as R || S, not DER.
    const signature = sign('sha256', Buffer.from(input, 'ascii'), { key: this.keys.privateKey, dsaEncoding: 'ieee-p1363' });
    return `${input}.${signature.toString('base64url')}`;
  }

  /** RFC 7523 §3: signed by this issuer, for this audience, with a subject, and within its validity on the mock's clock. */
  async verify(assertion: string): Promise<CredentialCheck> {
    try {
      const { payload } = await jwtVerify(assertion, this.keys.publicKey, {
        algorithms: ['ES256'],
        issuer: this.issuer,
        audience: this.audience,
        requiredClaims: ['sub', 'exp'],
        currentDate: new Date(this.clock.nowMs()),
      });
      return typeof payload.sub === 'string' ? { ok: true, subject: payload.sub } : { ok: false, reason: 'claims' };
    } catch (error) {
      return { ok: false, reason: failureReason(error) };
    }
  }
}

function failureReason(error: unknown): Exclude<CredentialCheck, { ok: true }>['reason'] {
  if (error instanceof joseErrors.JWTExpired) return 'expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'issuer';
    if (error.claim === 'aud') return 'audience';
    return 'claims';
  }
  // An unsigned or otherwise signed JWT is as unverifiable as a forged signature.
  if (error instanceof joseErrors.JWSSignatureVerificationFailed || error instanceof joseErrors.JOSEAlgNotAllowed) return 'signature';
  if (error instanceof joseErrors.JOSEError) return 'malformed';
  throw error;
}
