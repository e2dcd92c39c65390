// Rule: the authorization request asks for response_type=code, the only type offered (RFC 6749 §3.1.1, §4.1.1, §4.1.2.1).
import { fail } from '../dialect';
import type { Params } from '../params';
import type { Rule } from '../rule';

export const requireCodeResponseType: Rule<{ readonly params: Params }> = ({ params }) => {
  const responseType = params.get('response_type');
  if (responseType === undefined) return fail('invalid_request', 'OAU-101', 'response_type is required');
  return responseType === 'code'
    ? undefined
    : fail('unsupported_response_type', 'OAU-101', `response_type ${responseType} is not supported; use code`);
};
