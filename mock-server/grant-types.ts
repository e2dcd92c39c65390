/** The grant types the mock offers at its token endpoint (RFC 6749 §4.1.3, §4.3.2, §6). */
export const GRANT_TYPES = ['authorization_code', 'password', 'refresh_token'] as const;

export type GrantType = (typeof GRANT_TYPES)[number];

export function isGrantType(value: string | undefined): value is GrantType {
  return (GRANT_TYPES as readonly (string | undefined)[]).includes(value);
}
