// Rule: each grant carries its required parameters (RFC 6749 §4.1.3 code, §4.3.2 username and password, §6 refresh_token; RFC 7523 §2.1 assertion).
import { fail } from '../dialect';
import { type GrantType, isGrantType, JWT_BEARER } from '../grant-types';
import type { Params } from '../params';
import type { Rule } from '../rule';

/** redirect_uri is checked against the code instead, since RingCentral answers its absence with invalid_grant. */
const REQUIRED: Readonly<Record<GrantType, readonly string[]>> = {
  authorization_code: ['code'],
  password: ['username', 'password'],
  refresh_token: ['refresh_token'],
  [JWT_BEARER]: ['assertion'],
};

export const requireGrantParameters: Rule<{ readonly params: Params }> = ({ params }) => {
  const grantType = params.get('grant_type');
  const required = isGrantType(grantType) ? REQUIRED[grantType] : [];
  const missing = required.filter((name) => !params.has(name));
  return missing.length === 0 ? undefined : fail('invalid_request', 'OAU-101', `Missing parameter: ${missing.join(', ')}`);
};
