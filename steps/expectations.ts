/**
 * What the specs require of a response, as checks that throw a ConformanceFailure naming the rule.
 * Expected statuses come from the shared error table; expected outcomes come from the scenarios.
 */
import { OAUTH_ERRORS, type OAuthErrorCode } from '../spec/oauth-errors';
import { type AuthorizationOutcome, type EndpointResponse, isRecord, type TokenResponse } from '../driver/driver';
import { ConformanceFailure } from '../driver/errors';
import { type AuthChallenge, parseChallenges } from '../driver/challenge';

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
  if (isRecord(response.json)) expectErrorFields(response.json, 'RFC 6749 §5.2');
}

/** error and error_description: %x20-21 / %x23-5B / %x5D-7E (RFC 6749 §4.1.2.1, §5.2, Appendix A.7-A.8; RFC 6750 §3). */
const ERROR_TEXT = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
/** error_uri: a URI reference of %x21 / %x23-5B / %x5D-7E (RFC 6749 Appendix A.9; RFC 6750 §3). */
const ERROR_URI_TEXT = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

export function isErrorUri(value: string): boolean {
  return ERROR_URI_TEXT.test(value) && URL.canParse(value, 'https://base.invalid/');
}

/**
 * The error fields of an error response, wherever it travels (redirect query, JSON body, challenge): a
 * non-empty error code, and error_description and error_uri, when present, within the characters allowed.
 * A value that is not a string (a JSON number, say) is as wrong as one with a forbidden character.
 */
export function expectErrorFields(fields: Readonly<Record<string, unknown>>, rule: string): void {
  const { error, error_description: description, error_uri: uri } = fields;
  if (typeof error !== 'string' || error === '' || !ERROR_TEXT.test(error)) {
    throw new ConformanceFailure(rule, 'an error code of printable ASCII without " or \\', error === undefined || error === null ? 'there was none' : `it was ${JSON.stringify(error)}`);
  }
  if (description !== undefined && description !== null && (typeof description !== 'string' || !ERROR_TEXT.test(description))) {
    throw new ConformanceFailure(rule, 'an error_description of printable ASCII without " or \\', `it was ${JSON.stringify(description)}`);
  }
  if (uri !== undefined && uri !== null && (typeof uri !== 'string' || !isErrorUri(uri))) {
    throw new ConformanceFailure(rule, 'an error_uri that is a URI reference without spaces, " or \\', `it was ${JSON.stringify(uri)}`);
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
  // One header may hold several challenges (RFC 9110 §11.6.1); the one of the expected scheme counts.
  const challenge = raw === undefined ? undefined : parseChallenges(raw).challenges.find((c) => c.scheme.toLowerCase() === scheme.toLowerCase());
  if (challenge === undefined) {
    throw new ConformanceFailure(rule, `a WWW-Authenticate ${scheme} challenge`, raw === undefined ? 'there was none' : `it was "${raw}"`);
  }
  return challenge;
}

/**
 * A resource server refusal: a client error (not a success, not a crash) with a Bearer challenge naming the
 * code (RFC 6749 §7, RFC 6750 §3, §3.1). The exact status of each code is only a SHOULD in §3.1, so the
 * scenarios that check it do so on their own.
 */
export function expectBearerError(response: EndpointResponse, code: OAuthErrorCode): void {
  expectClientErrorStatus(response, 'RFC 6749 §7');
  const challenge = expectChallenge(response, 'Bearer', 'RFC 6750 §3');
  if (challenge.params.get('error') !== code) {
    throw new ConformanceFailure('RFC 6750 §3.1', `error="${code}" in the challenge`, `error was ${challenge.params.get('error') ?? 'absent'}`);
  }
}

/** RFC 6750 §3: scope tokens of %x21 / %x23-5B / %x5D-7E, one space between two of them. */
const CHALLENGE_SCOPE = /^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/;
const ONCE_PER_CHALLENGE = ['realm', 'scope', 'error', 'error_description', 'error_uri'] as const;

/**
 * Every Bearer challenge in the response is well formed (RFC 6750 §3): the header follows the HTTP grammar,
 * each challenge has at least one auth-param, names realm, scope and the error attributes at most once, and
 * keeps their values within the characters §3 allows.
 */
export function expectWellFormedBearerChallenges(response: EndpointResponse): void {
  expectChallenge(response, 'Bearer', 'RFC 6750 §3');
  const raw = response.headers['www-authenticate'] ?? '';
  const parsed = parseChallenges(raw);
  if (parsed.unparsed !== undefined) {
    throw new ConformanceFailure('RFC 6750 §3', 'a WWW-Authenticate value following RFC 9110 §11.6.1', `it breaks off at "${parsed.unparsed}"`);
  }
  for (const challenge of parsed.challenges.filter((c) => c.scheme.toLowerCase() === 'bearer')) {
    if (challenge.attributes.length === 0) {
      const sent = challenge.token68 === undefined ? 'there was none' : 'it carried token68 credentials instead';
      throw new ConformanceFailure('RFC 6750 §3', 'at least one auth-param after the Bearer scheme', sent);
    }
    for (const name of ONCE_PER_CHALLENGE) {
      const count = challenge.attributes.filter(([attribute]) => attribute === name).length;
      if (count > 1) throw new ConformanceFailure('RFC 6750 §3', `the ${name} attribute at most once`, `it appeared ${count} times in "${raw}"`);
    }
    for (const [name, value] of challenge.attributes) {
      const allowed =
        name === 'scope' ? CHALLENGE_SCOPE.test(value)
        : name === 'error' || name === 'error_description' ? ERROR_TEXT.test(value)
        : name === 'error_uri' ? isErrorUri(value)
        : true;
      if (!allowed) throw new ConformanceFailure('RFC 6750 §3', `the ${name} value within the characters §3 allows`, `it was "${value}"`);
    }
  }
}

export function expectClientErrorStatus(response: EndpointResponse, rule: string): void {
  if (response.status < 400 || response.status >= 500) throw new ConformanceFailure(rule, 'a refusal with a 4xx status', describe(response));
}

export function expectStatus(response: EndpointResponse, status: number, rule: string): void {
  if (response.status !== status) throw new ConformanceFailure(rule, `HTTP ${status}`, describe(response));
}

export function describe(response: EndpointResponse): string {
  const error = response.error === undefined ? '' : ` with error ${response.error.error}`;
  const tokens = isRecord(response.json) && 'access_token' in response.json ? ' with an access token' : '';
  return `the server answered HTTP ${response.status}${error}${tokens}${response.json === undefined ? describeNonJson(response) : ''}`;
}

/** A body that is no JSON, as a finding states it: empty, cut off or malformed JSON, or another media type. */
function describeNonJson(response: EndpointResponse): string {
  if (response.text.trim() === '') return ' with an empty body';
  const type = (response.headers['content-type'] ?? '').split(';')[0]?.trim() || 'untyped';
  if (/^\s*[[{]/.test(response.text)) return ` with a ${type} body that starts as JSON but does not parse (cut off or malformed)`;
  return ` with a ${type} body that is not JSON`;
}

export function describeOutcome(outcome: AuthorizationOutcome | undefined): string {
  if (outcome === undefined) return 'no answer was recorded';
  if (outcome.kind === 'redirect') return `the server redirected (${describeParams(outcome.params)})`;
  return `the server showed a ${outcome.showsLogin ? 'sign-in ' : ''}page with HTTP ${outcome.status}`;
}

export function describeParams(params: URLSearchParams | undefined): string {
  if (params === undefined || [...params.keys()].length === 0) return 'no parameters';
  return [...params.keys()].join(', ');
}
