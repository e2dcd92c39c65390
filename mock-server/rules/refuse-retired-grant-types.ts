// Rule: a grant type the mode no longer offers is refused (RingCentral's password grant, ended 2024-03-31; RFC 6749 §5.2 unauthorized_client).
import { fail } from '../dialect';
import { isGrantType } from '../grant-types';
import type { ModePolicy } from '../mode';
import type { Params } from '../params';
import type { Rule } from '../rule';

interface Context {
  readonly params: Params;
  readonly policy: Pick<ModePolicy, 'grantTypes'>;
}

/**
 * unauthorized_client with OAU-251, not unsupported_grant_type: the platform still knows the grant, and since
 * its end of life no app can be configured for it, so every app gets the answer of an app not configured for it.
 */
export const refuseRetiredGrantTypes: Rule<Context> = ({ params, policy }) => {
  const grantType = params.get('grant_type');
  return isGrantType(grantType) && !policy.grantTypes.includes(grantType)
    ? fail('unauthorized_client', 'OAU-251', `The ${grantType} grant has reached its end of life; use the JWT bearer grant`)
    : undefined;
};
