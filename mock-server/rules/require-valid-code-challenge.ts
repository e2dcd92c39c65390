// Rule: a PKCE challenge is well-formed and uses S256 or plain (RFC 7636 §4.2, §4.3; invalid_request per §4.4.1).
import { fail } from '../dialect';
import type { Params } from '../params';
import { isChallengeMethod, PKCE_VALUE_SYNTAX } from '../pkce';
import type { Rule } from '../rule';

export const requireValidCodeChallenge: Rule<{ readonly params: Params }> = ({ params }) => {
  const challenge = params.get('code_challenge');
  const method = params.get('code_challenge_method');
  if (method !== undefined && !isChallengeMethod(method)) {
    return fail('invalid_request', 'OAU-101', 'code_challenge_method must be S256 or plain');
  }
  if (challenge === undefined) {
    return method === undefined ? undefined : fail('invalid_request', 'OAU-101', 'code_challenge_method was sent without code_challenge');
  }
  return PKCE_VALUE_SYNTAX.test(challenge)
    ? undefined
    : fail('invalid_request', 'OAU-101', 'code_challenge must be 43 to 128 unreserved characters');
};
