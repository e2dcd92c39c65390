// Rule: an endpoint answers only its own methods (RFC 6749 §3.1 GET for authorization, §3.2 POST for tokens; RFC 7009 §2.1).
import { fail } from '../dialect';
import type { MockRequest } from '../request';
import type { Rule } from '../rule';

export function requireMethod(...allowed: readonly string[]): Rule<{ readonly request: MockRequest }> {
  return ({ request }) =>
    allowed.includes(request.method)
      ? undefined
      : fail('invalid_request', 'OAU-101', `Method ${request.method} is not allowed here; use ${allowed.join(' or ')}`, {
          status: 405,
          headers: { Allow: allowed.join(', ') },
        });
}
