// Rule: a token request names a grant type the server offers (RFC 6749 §4.1.3, §4.3.2, §6; invalid_request or unsupported_grant_type per §5.2).
import { fail } from '../dialect';
import { GRANT_TYPES, type GrantType, isGrantType } from '../grant-types';
import type { Params } from '../params';
import { found, refused, type Resolver } from '../rule';

export const requireGrantType: Resolver<{ readonly params: Params }, GrantType> = ({ params }) => {
  const grantType = params.get('grant_type');
  if (grantType === undefined) return refused(fail('invalid_request', 'OAU-101', 'grant_type is required'));
  return isGrantType(grantType)
    ? found(grantType)
    : refused(fail('unsupported_grant_type', 'OAU-250', `grant_type ${grantType} is not supported; use ${GRANT_TYPES.join(', ')}`));
};
