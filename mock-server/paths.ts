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
  requests: '/__mock/requests',
  faults: '/__mock/faults',
  jwks: '/jwks',
  discovery: '/.well-known/openid-configuration',
} as const;

/** The mock's endpoints by name; both protected resources answer through one, `resource`. */
export type RouteName = Exclude<keyof typeof PATHS, 'messages'>;

/** The mock's own controls: never recorded in the request log, never faulted. */
export const CONTROL_PATHS: readonly string[] = [PATHS.clock, PATHS.requests, PATHS.faults];

/** The endpoint a path of the mock belongs to, if any. */
export function routeOfPath(path: string): RouteName | undefined {
  if (path === PATHS.messages) return 'resource';
  const entry = Object.entries(PATHS).find(([, value]) => value === path);
  return entry === undefined ? undefined : (entry[0] as RouteName);
}
