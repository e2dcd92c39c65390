/** Replies as data (status, headers, body): endpoints return them, one function writes them to the socket. */
import type { ServerResponse } from 'node:http';
import { OAUTH_ERRORS, type OAuthErrorCode } from '../spec/oauth-errors';
import { type Failure, oauthErrorBody, resourceErrorBody, ringCentralResourceErrorBody, statusOf, vendorErrorBody } from './dialect';
import { errorPage } from './pages';

export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

type Headers = Readonly<Record<string, string>>;

/** RFC 6749 §5.1: responses carrying tokens or credentials must not be cached. */
export const NO_STORE: Headers = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

/** RFC 6749 §10.13: pages where the user signs in or approves access must not be framed. */
const PAGE_HEADERS: Headers = {
  ...NO_STORE,
  'X-Frame-Options': 'DENY',
  // No form-action: browsers apply it to the redirect that follows a form, and that goes to the client.
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
};

const BASIC_CHALLENGE = 'Basic realm="mock"';

export function jsonReply(status: number, body: unknown, headers: Headers = {}): Reply {
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

export function htmlReply(status: number, html: string, headers: Headers = {}): Reply {
  return { status, headers: { 'Content-Type': 'text/html; charset=utf-8', ...PAGE_HEADERS, ...headers }, body: html };
}

/** The client's redirect URI with response parameters added to its query, which is kept (RFC 6749 §3.1.2). */
export function redirectWith(redirectUri: string, params: Readonly<Record<string, string | undefined>>): Reply {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.append(name, value);
  }
  return { status: 302, headers: { Location: url.toString(), ...NO_STORE }, body: '' };
}

/** An error shown to the user rather than sent to the client. */
export function errorPageReply(failure: Failure): Reply {
  return htmlReply(statusOf(failure), errorPage(failure), failure.headers);
}

export function emptyReply(status: number, headers: Headers = {}): Reply {
  return { status, headers, body: '' };
}

/** An error from the token, revocation or control endpoints; RFC 6749 §5.2 asks for a challenge on 401. */
export function oauthErrorReply(failure: Failure): Reply {
  const status = statusOf(failure);
  const challenge: Headers = status === 401 ? { 'WWW-Authenticate': BASIC_CHALLENGE } : {};
  return jsonReply(status, oauthErrorBody(failure), { ...NO_STORE, ...challenge, ...failure.headers });
}

/** An error from the protected resource: RingCentral's envelope, RFC 6750 §3's challenge. */
export function resourceErrorReply(failure: Failure): Reply {
  const scope = failure.challengeScope === undefined ? '' : `, scope="${failure.challengeScope}"`;
  const attributes = failure.bareChallenge
    ? ''
    : `, error="${failure.error}", error_description="${failure.description}"${scope}`;
  return jsonReply(statusOf(failure), resourceErrorBody(failure), {
    'WWW-Authenticate': `Bearer realm="mock"${attributes}`,
    ...failure.headers,
  });
}

/** How a mode writes the errors of its token, revocation and resource endpoints. */
export interface ErrorReplies {
  readonly oauthError: (failure: Failure) => Reply;
  readonly resourceError: (failure: Failure) => Reply;
}

/** The strict mode: RFC 6749 §5.2 and RFC 6750 §3, challenges included. */
export const RFC_ERROR_REPLIES: ErrorReplies = { oauthError: oauthErrorReply, resourceError: resourceErrorReply };

/** Error names RingCentral uses instead of RFC 6749 §5.2's: an unknown grant type is invalid_request with OAU-250. */
const RINGCENTRAL_ERROR_NAMES: Partial<Record<OAuthErrorCode, OAuthErrorCode>> = { unsupported_grant_type: 'invalid_request' };

/**
 * The ringcentral mode, as the platform answers: a failed client authentication is 400 invalid_client without
 * a challenge (§5.2 asks for 401 and WWW-Authenticate when the client used the Authorization header), and
 * the protected resource sends its own envelope and no WWW-Authenticate at all.
 */
export const RINGCENTRAL_ERROR_REPLIES: ErrorReplies = {
  oauthError: (failure) => {
    const error = RINGCENTRAL_ERROR_NAMES[failure.error] ?? failure.error;
    const status = failure.status ?? (error === 'invalid_client' ? 400 : OAUTH_ERRORS[error].status);
    return oauthErrorReply({ ...failure, error, status });
  },
  resourceError: (failure) => jsonReply(statusOf(failure), ringCentralResourceErrorBody(failure), failure.headers),
};

/** 429 in RingCentral's envelope with CMN-301; the headers say when to come back. */
export function rateLimitedReply(headers: Headers): Reply {
  return jsonReply(429, vendorErrorBody('CMN-301'), { ...NO_STORE, ...headers });
}

export function withHeaders(reply: Reply, headers: Headers): Reply {
  return { ...reply, headers: { ...reply.headers, ...headers } };
}

export function writeReply(response: ServerResponse, reply: Reply): void {
  response.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(Buffer.byteLength(reply.body)) });
  response.end(reply.body);
}

