/** The mock's URL paths: RingCentral's OAuth endpoints and one protected resource, plus the mock's own controls. */
export const PATHS = {
  authorize: '/restapi/oauth/authorize',
  signIn: '/restapi/oauth/authorize/login',
  consent: '/restapi/oauth/authorize/consent',
  token: '/restapi/oauth/token',
  revoke: '/restapi/oauth/revoke',
  resource: '/restapi/v1.0/account/~/extension/~',
  /** A resource that needs the ReadMessages permission, for insufficient_scope (RFC 6750 §3.1). */
  messages: '/restapi/v1.0/account/~/extension/~/message-store',
  clock: '/__mock/clock',
  jwks: '/jwks',
  discovery: '/.well-known/openid-configuration',
} as const;
