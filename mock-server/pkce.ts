/** Proof Key for Code Exchange (RFC 7636). */
import { createHash } from 'node:crypto';
import { sameSecret } from './secrets';

export const CHALLENGE_METHODS = ['S256', 'plain'] as const;
export type ChallengeMethod = (typeof CHALLENGE_METHODS)[number];

export interface CodeChallenge {
  readonly value: string;
  readonly method: ChallengeMethod;
}

/** RFC 7636 §4.1 and §4.2: verifiers and challenges are 43 to 128 unreserved characters. */
export const PKCE_VALUE_SYNTAX = /^[A-Za-z0-9._~-]{43,128}$/;

export function isChallengeMethod(value: string): value is ChallengeMethod {
  return (CHALLENGE_METHODS as readonly string[]).includes(value);
}

/** The challenge of an authorization request; plain when no method is named (RFC 7636 §4.3). */
export function readChallenge(value: string | undefined, method = 'plain'): CodeChallenge | undefined {
  return value !== undefined && PKCE_VALUE_SYNTAX.test(value) && isChallengeMethod(method) ? { value, method } : undefined;
}

/** RFC 7636 §4.6: S256 compares BASE64URL(SHA256(verifier)) with the challenge, plain compares them as they are. */
export function verifierMatches(verifier: string, challenge: CodeChallenge): boolean {
  const derived = challenge.method === 'S256' ? createHash('sha256').update(verifier, 'ascii').digest('base64url') : verifier;
  return sameSecret(derived, challenge.value);
}
