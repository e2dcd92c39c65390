// Rule: request parameters must not be included more than once (RFC 6749 §3.1, §3.2).
import { fail } from '../dialect';
import type { Params } from '../params';
import type { Rule } from '../rule';

export const rejectRepeatedParameters: Rule<{ readonly params: Params }> = ({ params }) => {
  const repeated = params.repeatedNames();
  return repeated.length === 0
    ? undefined
    : fail('invalid_request', 'OAU-111', `Parameter sent more than once: ${repeated.join(', ')}`);
};
