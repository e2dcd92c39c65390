// Rule: a bearer token travels in exactly one of header, form body or query (RFC 6750 §2); with none, the answer is a bare challenge (§3.1).
import { fail } from '../dialect';
import type { Params } from '../params';
import { isFormEncoded, type MockRequest } from '../request';
import { found, refused, type Outcome, type Resolver } from '../rule';

/** RFC 6750 §2.1: b64token. */
const B64TOKEN = /^[A-Za-z0-9._~+/-]+=*$/;

export const findBearerToken: Resolver<{ readonly request: MockRequest }, string> = ({ request }) => {
  const presented: string[] = [];
  const header = request.headers.authorization;
  if (header !== undefined) {
    const [scheme = '', ...credentials] = header.trim().split(/ +/);
    // Another scheme is not a bearer token at all; the request then has no bearer credentials.
    if (scheme.toLowerCase() === 'bearer') {
      const token = credentials.join(' ');
      if (!B64TOKEN.test(token)) return malformed('The Authorization header does not carry a well-formed bearer token');
      presented.push(token);
    }
  }
  const fromQuery = tokenParameter(request.query);
  if (!fromQuery.ok) return fromQuery;
  presented.push(...fromQuery.value);
  // §2.2: the form-encoded body counts only for a form-encoded request that is not a GET.
  if (request.method !== 'GET' && isFormEncoded(request)) {
    const fromBody = tokenParameter(request.form);
    if (!fromBody.ok) return fromBody;
    presented.push(...fromBody.value);
  }
  const [token, ...others] = presented;
  if (token === undefined) {
    return refused(fail('invalid_token', 'OAU-123', 'No access token was presented', { bareChallenge: true }));
  }
  return others.length === 0 ? found(token) : malformed('Send the access token in only one way: header, body or query');
};

function tokenParameter(params: Params): Outcome<string[]> {
  if (params.problem !== undefined) return malformed(params.problem);
  if (params.repeatedNames().includes('access_token')) return malformed('access_token was sent more than once');
  const token = params.get('access_token');
  return found(token === undefined ? [] : [token]);
}

function malformed(description: string): Outcome<never> {
  return refused(fail('invalid_request', 'OAU-101', description));
}
