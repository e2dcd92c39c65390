// Rule: parameters must decode as UTF-8 percent-encoding (RFC 6749 Appendix B); otherwise invalid_request (§4.1.2.1, §5.2).
import { fail } from '../dialect';
import type { Params } from '../params';
import type { Rule } from '../rule';

export const requireWellFormedParameters: Rule<{ readonly params: Params }> = ({ params }) =>
  params.problem === undefined ? undefined : fail('invalid_request', 'OAU-101', params.problem);
