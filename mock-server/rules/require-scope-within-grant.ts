// Rule: a token request may narrow the scope the resource owner granted but never widen it (RFC 6749 §3.3, §6).
import { fail } from '../dialect';
import type { Params } from '../params';
import type { Rule } from '../rule';
import { beyond, parseScope } from '../scope';

interface Context {
  readonly params: Params;
  readonly grantedScope: readonly string[];
}

export const requireScopeWithinGrant: Rule<Context> = ({ params, grantedScope }) => {
  const extra = beyond(parseScope(params.get('scope')) ?? [], grantedScope);
  return extra.length === 0 ? undefined : fail('invalid_scope', 'OAU-101', `Not part of the original grant: ${extra.join(' ')}`);
};
