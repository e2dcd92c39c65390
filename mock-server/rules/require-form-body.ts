// Rule: parameters travel form-encoded in the body (RFC 6749 §3.2 and Appendix B; RFC 7009 §2.1).
import { fail } from '../dialect';
import { isFormEncoded, type MockRequest } from '../request';
import type { Rule } from '../rule';

export const requireFormBody: Rule<{ readonly request: MockRequest }> = ({ request }) =>
  isFormEncoded(request)
    ? undefined
    : fail('invalid_request', 'OAU-101', 'The request body must be application/x-www-form-urlencoded');
