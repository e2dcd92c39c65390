// Rule: a code issued with a PKCE challenge needs the matching code_verifier, and one issued without needs none (RFC 7636 §4.5, §4.6; RFC 9700 §4.8.2).
import { fail } from '../dialect';
import type { Params } from '../params';
import { verifierMatches } from '../pkce';
import type { Rule } from '../rule';
import type { IssuedCode } from '../stores/codes';

interface Context {
  readonly params: Params;
  readonly code: IssuedCode;
}

export const requireCodeVerifier: Rule<Context> = ({ params, code }) => {
  const verifier = params.get('code_verifier');
  if (code.challenge === undefined) {
    // A verifier without a challenge would let an attacker strip PKCE from the authorization request.
    return verifier === undefined ? undefined : fail('invalid_grant', 'OAU-106', 'code_verifier was sent but the code has no code_challenge');
  }
  if (verifier === undefined) return fail('invalid_grant', 'OAU-106', 'code_verifier is required for this code');
  return verifierMatches(verifier, code.challenge)
    ? undefined
    : fail('invalid_grant', 'OAU-106', 'code_verifier does not match the code_challenge');
};
