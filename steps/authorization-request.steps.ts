/**
 * How the authorization endpoint treats the request itself (RFC 6749 §3.1, §3.1.2, §4.1.2.1, §10.13,
 * §10.14, Appendix B) and the PKCE challenge methods (RFC 7636 §4.3-§4.6), with the well-formedness check
 * every error redirect asserted here goes through.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import type { OAuthErrorCode } from '../spec/oauth-errors';
import { type AuthorizationOutcome, randomValue, s256Challenge } from '../driver/driver';
import { ConformanceFailure, HarnessError, SkipScenario } from '../driver/errors';
import { describeOutcome, expectErrorFields, expectRedirectedError } from './expectations';
import { NOT_THE_APP } from './step-kinds';
import type { ConformanceWorld } from './world';

/** A URI no app registers; loopback, so that a wrong redirect could never leave this machine. */
const UNREGISTERED_REDIRECT_URI = 'http://127.0.0.1:5999/not-registered/callback';

/** Breaks out of an attribute and opens a script: it must reach a page only escaped (RFC 6749 §10.14). */
const MARKUP = '"><script>conformance_probe()</script>';

/**
 * What every error redirect must look like, whatever its code: each parameter once (§3.1), one error
 * code and an error_description and error_uri, when present, in the characters §4.1.2.1 allows.
 */
export function expectWellFormedErrorRedirect(outcome: AuthorizationOutcome | undefined): void {
  const params = outcome?.params ?? new URLSearchParams();
  const names = [...params.keys()];
  const repeated = [...new Set(names.filter((name, index) => names.indexOf(name) !== index))];
  if (repeated.length > 0) {
    throw new ConformanceFailure('RFC 6749 §3.1', 'each response parameter at most once', `the redirect repeated ${repeated.join(', ')}`);
  }
  expectErrorFields(Object.fromEntries(params), 'RFC 6749 §4.1.2.1');
}

/** The query of a URL as the server wrote it, each value as the octets its percent-escapes stand for. */
function rawQueryOctets(location: string, name: string): Buffer[] {
  const query = location.split('#')[0]?.split('?').slice(1).join('?') ?? '';
  return query
    .split('&')
    .map((pair) => pair.split('='))
    .filter(([key]) => key === name)
    .map(([, value = '']) => octets(value.replaceAll('+', ' ')));
}

function octets(escaped: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < escaped.length; i++) {
    const hex = escaped.slice(i + 1, i + 3);
    if (escaped[i] === '%' && /^[0-9a-f]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(escaped[i] ?? '', 'latin1'));
    }
  }
  return Buffer.from(bytes);
}

async function askForAuthorization(world: ConformanceWorld, overrides: Parameters<ConformanceWorld['newAuthorization']>[0]): Promise<void> {
  world.authorization = await world.driver.requestAuthorization(world.newAuthorization(overrides));
}

/** The registered URI with one difference a lenient comparison would forgive. */
function alteredRedirectUri(uri: string, difference: string): string {
  const { origin, pathname, search, hash } = new URL(uri);
  if (difference === 'a trailing slash') return `${origin}${pathname}/${search}${hash}`;
  const upper = `${origin}${pathname.toUpperCase()}${search}${hash}`;
  // A path without letters leaves the scheme, which a string comparison must not fold either.
  return upper === uri ? uri.replace(/^[a-z]+/, (scheme) => scheme.toUpperCase()) : upper;
}

// Requests (RFC 6749 §3.1, §4.1.1)

When('the app asks for authorization', async function (this: ConformanceWorld) {
  await askForAuthorization(this, {});
});

When('the app asks for authorization sending the response type twice', async function (this: ConformanceWorld) {
  await askForAuthorization(this, { extraParams: [['response_type', 'code']] });
});

When('the app asks for authorization adding a parameter the server does not know', async function (this: ConformanceWorld) {
  await askForAuthorization(this, { extraParams: [['conformance_unknown_parameter', randomValue().slice(0, 8)]] });
});

When('the app asks for authorization with an empty response type', async function (this: ConformanceWorld) {
  await askForAuthorization(this, { responseType: '' });
});

When('the app asks for authorization without its client id', async function (this: ConformanceWorld) {
  await askForAuthorization(this, { clientId: null });
});

When(
  /^the app asks for authorization with its registered redirect URI altered by (letter case|a trailing slash)$/,
  async function (this: ConformanceWorld, difference: string) {
    const registered = this.app.redirectUris[0];
    if (registered === undefined) throw new SkipScenario(`target ${this.parameters.target.name} names no redirect URI for the app`);
    await askForAuthorization(this, { redirectUri: alteredRedirectUri(registered, difference) });
  },
);

When(
  'the app asks for authorization with response type {string} through its redirect URI that has a query',
  async function (this: ConformanceWorld, type: string) {
    const withQuery = this.app.redirectUris.find((uri) => new URL(uri).search !== '');
    if (withQuery === undefined) {
      this.log(`skipped: target ${this.parameters.target.name} registers no redirect URI with a query for this app`);
      return 'skipped';
    }
    await askForAuthorization(this, { responseType: type, redirectUri: withQuery });
    return undefined;
  },
);

When('the app asks for authorization with response type {string} and the state {string}', async function (this: ConformanceWorld, type: string, state: string) {
  await askForAuthorization(this, { responseType: type, state });
});

When('the user signs in and approves the app sending the state {string}', async function (this: ConformanceWorld, state: string) {
  await this.signInAndDecide('approve', undefined, { state });
});

When('the app asks for authorization with markup in an unregistered redirect URI and in the state', async function (this: ConformanceWorld) {
  await askForAuthorization(this, { redirectUri: `${UNREGISTERED_REDIRECT_URI}?next=${MARKUP}`, state: `${randomValue()}${MARKUP}` });
});

// What the endpoint answers (RFC 6749 §3.1, §3.1.2, §4.1.2.1)

Then('the app is told {oauthError} in a well-formed error redirect', function (this: ConformanceWorld, code: OAuthErrorCode) {
  expectRedirectedError(this.authorization, this.sentAuthorization?.redirectUri, code);
  expectWellFormedErrorRedirect(this.authorization);
});

Then('the authorization server asks the user to sign in', function (this: ConformanceWorld) {
  if (this.authorization?.kind !== 'page' || !this.authorization.showsLogin) {
    throw new ConformanceFailure('RFC 6749 §3.1', 'the sign-in page, the request accepted as sent', describeOutcome(this.authorization));
  }
});

/**
 * The MUST part of §3.1.2.4 and §4.1.2.1: the request is not carried out and nobody is sent to the URI
 * it names. Telling the user on a page is only a SHOULD, checked in a scenario of its own.
 */
Then('the authorization server refuses the request without redirecting to the redirect URI', function (this: ConformanceWorld) {
  const outcome = this.authorization;
  const offered = this.sentAuthorization?.redirectUri;
  if (outcome === undefined || offered === undefined) throw new HarnessError('the scenario sent no authorization request');
  if (outcome.kind === 'redirect' && outcome.location?.startsWith(offered)) {
    throw new ConformanceFailure('RFC 6749 §4.1.2.1', `no redirect to ${offered}`, 'the server redirected there');
  }
  if (outcome.showsLogin) {
    throw new ConformanceFailure('RFC 6749 §4.1.2.1', 'the request refused', 'the server accepted it and asked the user to sign in');
  }
});

Then('the redirect keeps the query of the registered redirect URI', function (this: ConformanceWorld) {
  const registered = new URL(this.sentAuthorization?.redirectUri ?? '');
  const returned = this.authorization?.params ?? new URLSearchParams();
  const lost = [...registered.searchParams].filter(([name, value]) => !returned.getAll(name).includes(value));
  if (lost.length > 0) {
    throw new ConformanceFailure(
      'RFC 6749 §3.1.2',
      `the redirect URI's own query (${registered.search}) kept`,
      `the redirect lost ${lost.map(([name]) => name).join(', ')}`,
    );
  }
});

/** Appendix B: the state's characters travel as their UTF-8 octets, percent-escaped, and come back unchanged. */
Then('the state comes back as the same UTF-8 bytes', function (this: ConformanceWorld) {
  const sent = this.sentAuthorization?.state;
  const location = this.authorization?.location;
  if (sent === undefined) throw new HarnessError('the scenario sent no state');
  if (location === undefined) throw new ConformanceFailure('RFC 6749 §4.1.2', 'a redirect carrying the state', describeOutcome(this.authorization));
  if (/[^\x21-\x7e]/.test(location)) {
    throw new ConformanceFailure('RFC 6749 Appendix B', 'the redirect URI with every non-ASCII octet percent-escaped', 'it carried raw non-ASCII characters');
  }
  const returned = rawQueryOctets(location, 'state');
  const expected = Buffer.from(sent, 'utf8');
  if (returned.length !== 1 || !returned[0]?.equals(expected)) {
    throw new ConformanceFailure(
      'RFC 6749 Appendix B, §4.1.2',
      `state as the UTF-8 octets ${expected.toString('hex')}`,
      returned.length === 0 ? 'the redirect carried no state' : `it came back as ${returned.map((bytes) => bytes.toString('hex')).join(' and ')}`,
    );
  }
});

Then('the answer carries the markup only escaped', function (this: ConformanceWorld) {
  const outcome = this.authorization;
  if (outcome === undefined) throw new HarnessError('the scenario sent no authorization request');
  const places: [string, string][] = [
    ...Object.entries(outcome.page?.headers ?? {}).map(([name, value]): [string, string] => [`the ${name} header`, value]),
    ['the page', outcome.page?.html ?? ''],
    ['the redirect', outcome.location ?? ''],
  ];
  const raw = places.find(([, text]) => text.includes(MARKUP) || text.toLowerCase().includes('<script>conformance_probe'));
  if (raw !== undefined) {
    throw new ConformanceFailure('RFC 6749 §10.14', 'request values echoed only escaped', `${raw[0]} carried the markup as sent`);
  }
});

/** X-Frame-Options DENY or SAMEORIGIN, or a CSP frame-ancestors list that does not allow every origin. */
Then('the sign-in page forbids other sites to frame it', function (this: ConformanceWorld) {
  const outcome = this.authorization;
  if (outcome?.page === undefined || !outcome.showsLogin) {
    throw new ConformanceFailure('RFC 6749 §10.13', 'a sign-in page to check', describeOutcome(outcome));
  }
  const frameOptions = (outcome.page.headers['x-frame-options'] ?? '').trim().toLowerCase();
  const ancestors = (outcome.page.headers['content-security-policy'] ?? '')
    .split(';')
    .map((directive) => directive.trim().split(/\s+/))
    .find(([name]) => name?.toLowerCase() === 'frame-ancestors');
  const restricted = frameOptions === 'deny' || frameOptions === 'sameorigin' || (ancestors !== undefined && !ancestors.slice(1).includes('*'));
  if (!restricted) {
    throw new ConformanceFailure(
      'RFC 6749 §10.13',
      'X-Frame-Options DENY or SAMEORIGIN, or Content-Security-Policy frame-ancestors',
      frameOptions === '' && ancestors === undefined ? 'the page set neither' : 'the page allows framing by any site',
    );
  }
});

// PKCE challenge methods (RFC 7636 §4.3-§4.6)

When('the app asks for authorization with a PKCE challenge using the method {string}', async function (this: ConformanceWorld, method: string) {
  await askForAuthorization(this, { codeChallenge: s256Challenge(randomValue()), codeChallengeMethod: method });
});

Given('the user has signed in and approved the app with a PKCE challenge but no method', async function (this: ConformanceWorld) {
  await this.signInAndDecide('approve', 'unnamed plain');
  void this.code;
});

When('the user signs in and approves the app with a plain PKCE challenge', async function (this: ConformanceWorld) {
  await this.signInAndDecide('approve', 'plain');
});

/** Presenting the S256 challenge itself would pass if the server compared as plain. */
When('the app redeems the code presenting the challenge itself as the verifier', async function (this: ConformanceWorld) {
  const verifier = this.sentAuthorization?.codeVerifier;
  if (verifier === undefined) throw new HarnessError('the scenario sent no PKCE challenge');
  this.keepTokenResponse(await this.redeemCode({ codeVerifier: s256Challenge(verifier) }));
});

/** A plain challenge is the verifier: readable in the code, in the clear or merely base64-encoded, it is lost. */
Then('the code does not reveal the challenge', function (this: ConformanceWorld) {
  const challenge = this.sentAuthorization?.codeVerifier;
  if (challenge === undefined) throw new HarnessError('the scenario sent no PKCE challenge');
  const code = this.code;
  const decoded = code
    .split('.')
    .flatMap((part) => (['base64url', 'base64'] as const).map((encoding) => Buffer.from(part, encoding).toString('latin1')));
  const readings = [code, ...decoded];
  if (readings.some((reading) => reading.includes(challenge))) {
    throw new ConformanceFailure('RFC 7636 §4.4, §7.2', 'a code from which the challenge cannot be read', 'the code carries the challenge readably');
  }
});

// Who the resource owner is (RFC 6749 §3.1)

When('the user signs in with a wrong password', NOT_THE_APP, async function (this: ConformanceWorld) {
  await this.signInAndDecide('stop', undefined, {}, { ...this.browserUser, password: `${this.browserUser.password}-wrong` });
});

Then('the user is neither asked to approve the app nor sent back with a code', function (this: ConformanceWorld) {
  const outcome = this.authorization;
  if (outcome?.kind === 'redirect' && outcome.params.has('code')) {
    throw new ConformanceFailure('RFC 6749 §3.1', 'no code for a user who failed to sign in', 'the browser was sent back with a code');
  }
  if (outcome?.offersConsent === true) {
    throw new ConformanceFailure('RFC 6749 §3.1', 'no approval page for a user who failed to sign in', 'the server asked the user to approve the app');
  }
});
