// Rule: a revocation request names the token to revoke (RFC 7009 §2.1; invalid_request per RFC 6749 §5.2).
import { fail } from '../dialect';
import type { Params } from '../params';
import type { Rule } from '../rule';

export const requireTokenParameter: Rule<{ readonly params: Params }> = ({ params }) =>
  params.has('token') ? undefined : fail('invalid_request', 'OAU-101', 'token is required');
