/**
 * The OAuth error codes the harness knows, where each may appear and which section defines it.
 * The mock answers with these statuses and the expectations check against them, so the two cannot drift.
 */

export type ErrorChannel = 'authorization' | 'token' | 'resource' | 'revocation';

export interface OAuthErrorDefinition {
  /** The HTTP status of a direct (non-redirect) error response carrying this code. */
  readonly status: number;
  /** Other statuses the defining section allows, when it allows a choice. */
  readonly alsoAllowed?: readonly number[];
  /** Where the code may appear. At the authorization endpoint errors travel in the redirect. */
  readonly channels: readonly ErrorChannel[];
  /** Where the code is defined, e.g. "RFC 6749 §5.2". */
  readonly definedIn: string;
}

export const OAUTH_ERRORS = {
  invalid_request: {
    status: 400,
    channels: ['authorization', 'token', 'resource', 'revocation'],
    definedIn: 'RFC 6749 §4.1.2.1, §5.2; RFC 6750 §3.1',
  },
  // §5.2: 401 is required only when the client authenticated through the Authorization header.
  invalid_client: { status: 401, alsoAllowed: [400], channels: ['token', 'revocation'], definedIn: 'RFC 6749 §5.2' },
  invalid_grant: { status: 400, channels: ['token'], definedIn: 'RFC 6749 §5.2' },
  unauthorized_client: {
    status: 400,
    channels: ['authorization', 'token', 'revocation'],
    definedIn: 'RFC 6749 §4.1.2.1, §5.2',
  },
  unsupported_grant_type: { status: 400, channels: ['token'], definedIn: 'RFC 6749 §5.2' },
  invalid_scope: { status: 400, channels: ['authorization', 'token'], definedIn: 'RFC 6749 §4.1.2.1, §5.2' },
  access_denied: { status: 400, channels: ['authorization'], definedIn: 'RFC 6749 §4.1.2.1' },
  unsupported_response_type: { status: 400, channels: ['authorization'], definedIn: 'RFC 6749 §4.1.2.1' },
  server_error: { status: 500, channels: ['authorization'], definedIn: 'RFC 6749 §4.1.2.1' },
  temporarily_unavailable: { status: 503, channels: ['authorization'], definedIn: 'RFC 6749 §4.1.2.1' },
  invalid_token: { status: 401, channels: ['resource'], definedIn: 'RFC 6750 §3.1' },
  insufficient_scope: { status: 403, channels: ['resource'], definedIn: 'RFC 6750 §3.1' },
  unsupported_token_type: { status: 400, channels: ['revocation'], definedIn: 'RFC 7009 §2.2.1' },
} as const satisfies Record<string, OAuthErrorDefinition>;

export type OAuthErrorCode = keyof typeof OAUTH_ERRORS;

export function isOAuthErrorCode(value: string): value is OAuthErrorCode {
  return Object.hasOwn(OAUTH_ERRORS, value);
}
