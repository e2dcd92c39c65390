// Rule: the token request repeats the redirect URI of the authorization request, identically (RFC 6749 §4.1.3).
import { fail } from '../dialect';
import type { Params } from '../params';
import type { Rule } from '../rule';
import type { IssuedCode } from '../stores/codes';

interface Context {
  readonly params: Params;
  readonly code: IssuedCode;
}

export const requireSameRedirectUri: Rule<Context> = ({ params, code }) =>
  params.get('redirect_uri') === code.redirectUri
    ? undefined
    : fail('invalid_grant', 'OAU-109', 'redirect_uri must be identical to the one in the authorization request');
