/**
 * What the specs require of a response, as checks that throw a ConformanceFailure naming the rule.
 * Expected statuses come from the shared error table; expected outcomes come from the scenarios.
 */
import { OAUTH_ERRORS, type OAuthErrorCode } from '../spec/oauth-errors';
import { type AuthorizationOutcome, type EndpointResponse, isRecord, type TokenResponse } from '../driver/driver';
import { ConformanceFailure } from '../driver/errors';
import { type AuthChallenge, parseChallenge } from '../driver/challenge';

/** A successful token response (RFC 6749 §5.1) with a bearer token (RFC 6750 §4, type compared without case). */
export function expectBearerTokens(response: TokenResponse): void {
  if (response.status !== 200 || response.tokens === undefined) {
    throw new ConformanceFailure('RFC 6749 §5.1', 'a 200 response with an access token', describe(response));
  }
  if (response.tokens.tokenType.toLowerCase() !== 'bearer') {
    throw new ConformanceFailure('RFC 6749 §5.1', 'token_type "bearer"', `token_type was "${response.tokens.tokenType}"`);
  }
}

/** An error response at the token or revocation endpoint (RFC 6749 §5.2, RFC 7009 §2.2.1). */
export function expectEndpointError(response: TokenResponse, code: OAuthErrorCode, section: string): void {
  if (response.tokens !== undefined) {
    throw new ConformanceFailure(section, `error ${code}`, 'the server issued tokens');
  }
  if (response.error?.error !== code) {
    throw new ConformanceFailure(section, `error ${code}`, describe(response));
  }
  const definition: { status: number; alsoAllowed?: readonly number[] } = OAUTH_ERRORS[code];
  const allowed = [definition.status, ...(definition.alsoAllowed ?? [])];
  if (!allowed.includes(response.status)) {
    throw new ConformanceFailure(section, `HTTP ${allowed.join(' or ')} with ${code}`, `the status was ${response.status}`);
  }
  const type = response.headers['content-type'] ?? '';
  if (!type.includes('application/json')) {
    throw new ConformanceFailure('RFC 6749 §5.2', 'an application/json error body', `the content type was "${type}"`);
  }
}

/** Token responses must not be stored by caches (RFC 6749 §5.1). */
export function expectNoCaching(response: EndpointResponse, rule: string): void {
  const cacheControl = response.headers['cache-control'] ?? '';
  if (!/(^|,)\s*no-store\s*(,|$)/i.test(cacheControl)) {
    throw new ConformanceFailure(rule, 'Cache-Control: no-store', `Cache-Control was "${cacheControl}"`);
  }
  const pragma = response.headers['pragma'] ?? '';
  if (!/no-cache/i.test(pragma)) {
    throw new ConformanceFailure(rule, 'Pragma: no-cache', `Pragma was "${pragma}"`);
  }
}

export function expectNoTokens(response: TokenResponse, rule: string): void {
  if (response.tokens !== undefined || response.status < 400) {
    throw new ConformanceFailure(rule, 'a refusal without tokens', describe(response));
  }
}

export function expectVendorCode(response: EndpointResponse, vendorCode: string): void {
  const codes = response.error?.vendorCodes ?? [];
  if (!codes.includes(vendorCode)) {
    throw new ConformanceFailure(
      'RingCentral error dialect',
      `errors[].errorCode ${vendorCode}`,
      codes.length === 0 ? 'the body had no errors[] codes' : `the codes were ${codes.join(', ')}`,
    );
  }
}

/** The authorization endpoint reported an error to the client by redirecting back (RFC 6749 §4.1.2.1). */
export function expectRedirectedError(
  outcome: AuthorizationOutcome | undefined,
  redirectUri: string | undefined,
  code: OAuthErrorCode,
): void {
  if (outcome?.kind !== 'redirect' || redirectUri === undefined || !outcome.location?.startsWith(redirectUri)) {
    throw new ConformanceFailure(
      'RFC 6749 §4.1.2.1',
      `a redirect to ${redirectUri ?? 'the redirect URI'} with error=${code}`,
      describeOutcome(outcome),
    );
  }
  const error = outcome.params.get('error');
  if (error !== code) {
    throw new ConformanceFailure('RFC 6749 §4.1.2.1', `error=${code}`, `the redirect carried error=${error ?? '(none)'}`);
  }
}

/**
 * For a missing or invalid client or redirect URI the server must not redirect to the offered URI and
 * should tell the resource owner instead (RFC 6749 §4.1.2.1, §3.1.2.4).
 */
export function expectErrorPageInsteadOfRedirect(outcome: AuthorizationOutcome | undefined, offeredUri: string): void {
  if (outcome === undefined) throw new ConformanceFailure('RFC 6749 §4.1.2.1', 'an answer', 'none was recorded');
  if (outcome.kind === 'redirect' && outcome.location?.startsWith(offeredUri)) {
    throw new ConformanceFailure('RFC 6749 §4.1.2.1', `no redirect to ${offeredUri}`, `the server redirected there`);
  }
  if (outcome.kind !== 'page' || outcome.status < 400 || outcome.showsLogin) {
    throw new ConformanceFailure('RFC 6749 §4.1.2.1', 'an error page for the resource owner', describeOutcome(outcome));
  }
}

export function expectChallenge(response: EndpointResponse, scheme: string, rule: string): AuthChallenge {
  const raw = response.headers['www-authenticate'];
  const challenge = parseChallenge(raw);
  if (challenge === undefined || challenge.scheme.toLowerCase() !== scheme.toLowerCase()) {
    throw new ConformanceFailure(rule, `a WWW-Authenticate ${scheme} challenge`, raw === undefined ? 'there was none' : `it was "${raw}"`);
  }
  return challenge;
}

/** A resource server error: the status of its code and the code in a Bearer challenge (RFC 6750 §3, §3.1). */
export function expectBearerError(response: EndpointResponse, code: OAuthErrorCode): void {
  expectStatus(response, OAUTH_ERRORS[code].status, 'RFC 6750 §3.1');
  const challenge = expectChallenge(response, 'Bearer', 'RFC 6750 §3');
  if (challenge.params.get('error') !== code) {
    throw new ConformanceFailure('RFC 6750 §3.1', `error="${code}" in the challenge`, `error was ${challenge.params.get('error') ?? 'absent'}`);
  }
}

export function expectStatus(response: EndpointResponse, status: number, rule: string): void {
  if (response.status !== status) throw new ConformanceFailure(rule, `HTTP ${status}`, describe(response));
}

export function describe(response: EndpointResponse): string {
  const error = response.error === undefined ? '' : ` with error ${response.error.error}`;
  const tokens = isRecord(response.json) && 'access_token' in response.json ? ' with an access token' : '';
  return `the server answered HTTP ${response.status}${error}${tokens}`;
}

function describeOutcome(outcome: AuthorizationOutcome | undefined): string {
  if (outcome === undefined) return 'no answer was recorded';
  if (outcome.kind === 'redirect') return `the server redirected (${describeParams(outcome.params)})`;
  return `the server showed a ${outcome.showsLogin ? 'sign-in ' : ''}page with HTTP ${outcome.status}`;
}

export function describeParams(params: URLSearchParams | undefined): string {
  if (params === undefined || [...params.keys()].length === 0) return 'no parameters';
  return [...params.keys()].join(', ');
}
