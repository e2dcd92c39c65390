// Rule: the assertion is a JWT credential this server issued, unexpired, for this audience and a registered user (RFC 7523 §3, §3.1 invalid_grant).
import { fail } from '../dialect';
import type { JwtCredentials } from '../jwt-credentials';
import type { Params } from '../params';
import type { RegisteredUser, Registry } from '../registry';
import { type AsyncResolver, found, refused } from '../rule';

interface Context {
  readonly params: Params;
  readonly credentials: JwtCredentials;
  readonly registry: Registry;
}

const REASONS = {
  malformed: 'The assertion is not a well-formed JWT',
  signature: 'The assertion is not signed by this server',
  expired: 'The JWT credential has expired',
  issuer: 'The JWT credential was issued by someone else',
  audience: 'The JWT credential is not meant for this token endpoint',
  claims: 'The JWT credential lacks a subject or is not yet valid',
} as const;

/**
 * RingCentral documents no code of its own for a rejected JWT credential; OAU-140 (invalid resource owner
 * credentials) is the one it gives the password the credential replaces.
 */
export const verifyJwtAssertion: AsyncResolver<Context, RegisteredUser> = async ({ params, credentials, registry }) => {
  const check = await credentials.verify(params.get('assertion') ?? '');
  if (!check.ok) return refused(fail('invalid_grant', 'OAU-140', REASONS[check.reason]));
  const user = registry.findUserById(check.subject);
  return user === undefined ? refused(fail('invalid_grant', 'OAU-140', 'The JWT credential names no user of this account')) : found(user);
};
