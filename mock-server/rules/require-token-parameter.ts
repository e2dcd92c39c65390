// Rule: a revocation request names the token to revoke (RFC 7009 §2.1; invalid_request per RFC 6749 §5.2).
import { fail } from '../dialect';
import type { ModePolicy } from '../mode';
import type { Params } from '../params';
import type { Rule } from '../rule';

interface Context {
  readonly params: Params;
  readonly policy: Pick<ModePolicy, 'codes'>;
}

export const requireTokenParameter: Rule<Context> = ({ params, policy }) =>
  params.has('token') ? undefined : fail('invalid_request', policy.codes.missingRevocationToken, 'token is required');
