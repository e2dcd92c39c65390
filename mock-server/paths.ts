/** The mock's URL paths: RingCentral's OAuth endpoints and one protected resource, plus the mock's own controls. */
export const PATHS = {
  authorize: '/restapi/oauth/authorize',
  signIn: '/restapi/oauth/authorize/login',
  consent: '/restapi/oauth/authorize/consent',
  token: '/restapi/oauth/token',
  revoke: '/restapi/oauth/revoke',
  resource: '/restapi/v1.0/account/~/extension/~',
  clock: '/__mock/clock',
  jwks: '/jwks',
  discovery: '/.well-known/openid-configuration',
} as const;
