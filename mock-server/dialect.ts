/**
 * RingCentral's error dialect. OAuth endpoints answer with the RFC 6749 §5.2 fields plus RingCentral's
 * `errors: [{ errorCode, message }]`; the protected resource uses RingCentral's envelope without `error`,
 * the RFC 6750 §3 code travelling in WWW-Authenticate (strict mode), or, as the platform sends it, with a
 * category such as TokenInvalid on top and no challenge (ringcentral mode). Statuses come from the shared table in spec/.
 */
import { OAUTH_ERRORS, type OAuthErrorCode } from '../spec/oauth-errors';

/** RingCentral's codes the mock uses, with the platform's messages (developer guide, observed responses). */
export const VENDOR_CODES = {
  'OAU-101': 'Invalid parameter',
  'OAU-106': 'Invalid authorization code',
  'OAU-108': 'Authorization code is expired',
  'OAU-109': 'Redirect URIs do not match',
  'OAU-110': 'Authorization code was not issued for this application',
  'OAU-111': 'Request parameter duplication detected',
  'OAU-113': 'No redirect uri is registered for the client',
  'OAU-120': 'Wrong Application ID',
  'OAU-123': 'Client authentication is required',
  'OAU-128': 'Access token expired',
  'OAU-129': 'Access token corrupted',
  'OAU-140': 'Invalid resource owner credentials',
  'OAU-149': 'Unparsable access token',
  'OAU-211': 'Token revoked',
  'OAU-213': 'Token not found',
  'OAU-250': 'Unsupported grant type',
  'OAU-251': 'Unauthorized for this grant type',
  'CMN-101': 'Parameter value is invalid',
  'CMN-102': 'Resource not found',
  'CMN-301': 'Request rate exceeded',
  'CMN-401': 'In order to call this API endpoint, application needs to have permission',
} as const;

export type VendorCode = keyof typeof VENDOR_CODES;

/** Why a request was refused, as data: rules return these, the endpoints render them. */
export interface Failure {
  readonly error: OAuthErrorCode;
  readonly vendorCode: VendorCode;
  /** Specific to this request; printable ASCII without quotes, so it fits a redirect and a header. */
  readonly description: string;
  /** Overrides the table's status where HTTP has a more precise one (405, 413, 404). */
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** RFC 6750 §3.1: a request without any credentials gets a challenge without error attributes. */
  readonly bareChallenge?: true;
  /** RFC 6750 §3: the scope an insufficient_scope refusal names in its challenge. */
  readonly challengeScope?: string;
}

type FailureExtras = Pick<Failure, 'status' | 'headers' | 'bareChallenge' | 'challengeScope'>;

export function fail(error: OAuthErrorCode, vendorCode: VendorCode, description: string, extras: FailureExtras = {}): Failure {
  return { error, vendorCode, description: printable(description), ...extras };
}

/**
 * RFC 6749 §4.1.2.1, §5.2 and RFC 6750 §3 allow only printable ASCII other than '"' and '\' in
 * error_description; descriptions may quote what the client sent, so anything else is replaced.
 */
function printable(text: string): string {
  return text.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '?');
}

export function statusOf(failure: Failure): number {
  return failure.status ?? OAUTH_ERRORS[failure.error].status;
}

export interface VendorError {
  readonly errorCode: string;
  readonly message: string;
}

export interface OAuthErrorBody {
  readonly error: OAuthErrorCode;
  readonly error_description: string;
  readonly errors: readonly VendorError[];
}

export function oauthErrorBody(failure: Failure): OAuthErrorBody {
  return {
    error: failure.error,
    error_description: failure.description,
    errors: [{ errorCode: failure.vendorCode, message: VENDOR_CODES[failure.vendorCode] }],
  };
}

export interface ResourceErrorBody {
  readonly errorCode: string;
  readonly message: string;
  readonly errors: readonly VendorError[];
}

export function resourceErrorBody(failure: Failure): ResourceErrorBody {
  return vendorErrorBody(failure.vendorCode);
}

/** RingCentral's envelope for one of its own codes, e.g. CMN-301 for a request over the rate limit. */
export function vendorErrorBody(vendorCode: VendorCode): ResourceErrorBody {
  const message = VENDOR_CODES[vendorCode];
  return { errorCode: vendorCode, message, errors: [{ errorCode: vendorCode, message }] };
}

/** RingCentral's category codes above the detail for the RFC 6750 §3.1 errors (observed responses). */
const RESOURCE_ERROR_CATEGORIES: Partial<Record<OAuthErrorCode, string>> = {
  invalid_token: 'TokenInvalid',
  insufficient_scope: 'InsufficientPermissions',
};

export interface PermissionError extends VendorError {
  readonly permissionName?: string;
}

export interface RingCentralResourceErrorBody {
  readonly errorCode: string;
  readonly message: string;
  readonly errors: readonly PermissionError[];
}

/** The platform's own envelope: a category on top, the OAU or CMN code (and a missing permission) in the detail. */
export function ringCentralResourceErrorBody(failure: Failure): RingCentralResourceErrorBody {
  const message = VENDOR_CODES[failure.vendorCode];
  const permission = failure.challengeScope === undefined ? {} : { permissionName: failure.challengeScope };
  return {
    errorCode: RESOURCE_ERROR_CATEGORIES[failure.error] ?? failure.vendorCode,
    message,
    errors: [{ errorCode: failure.vendorCode, message, ...permission }],
  };
}
