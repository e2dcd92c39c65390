/** The grant types the mock knows at its token endpoint (RFC 6749 §4.1.3, §4.3.2, §6; RFC 7523 §2.1). */
export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export const GRANT_TYPES = ['authorization_code', 'password', 'refresh_token', JWT_BEARER] as const;

export type GrantType = (typeof GRANT_TYPES)[number];

export function isGrantType(value: string | undefined): value is GrantType {
  return (GRANT_TYPES as readonly (string | undefined)[]).includes(value);
}
