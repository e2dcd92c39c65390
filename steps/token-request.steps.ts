/**
 * Token endpoint requests and responses beyond the happy paths: what a request may leave out or add
 * (RFC 6749 §3.2, §4.1.3, §4.3.2, §6), what a successful response must look like (§5.1, §3.3, §8.2) and
 * how the issued tokens resist guessing and forgery (§10.4, §10.10).
 */
import { Given, Then, When } from '@cucumber/cucumber';
import {
  alterOneCharacter,
  type ClientAuthentication,
  type EndpointResponse,
  type FormParams,
  isRecord,
  type TokenResponse,
  type TokenSet,
} from '../driver/driver';
import { repeatedMembers } from '../driver/json-members';
import { ConformanceFailure, HarnessError, SkipScenario } from '../driver/errors';
import { describe, expectBearerTokens, expectEndpointError, expectStatus } from './expectations';
import type { ConformanceWorld } from './world';

function passwordParams(world: ConformanceWorld, overrides: Readonly<Record<string, string | null>> = {}): FormParams {
  const params: [string, string][] = [];
  const base: Readonly<Record<string, string>> = { grant_type: 'password', username: world.passwordUser.username, password: world.passwordUser.password };
  for (const [name, value] of Object.entries({ ...base, ...overrides })) {
    if (value !== null) params.push([name, value]);
  }
  return params;
}

/** The password grant with some parameters replaced, or left out where the override is null. */
async function sendPassword(world: ConformanceWorld, title: string, overrides: Readonly<Record<string, string | null>> = {}): Promise<void> {
  const params = passwordParams(world, overrides);
  world.keepTokenResponse(await world.driver.requestToken(world.app, params, { title: `token request: ${title}` }));
}

function lastTokenResponse(world: ConformanceWorld): TokenResponse {
  return world.examine(world.tokenResponse, 'token response');
}

function refreshTokenOf(tokens: TokenSet | undefined): string {
  const token = tokens?.refreshToken;
  if (token === undefined) throw new ConformanceFailure('RFC 6749 §6', 'a refresh token with the access token', 'none was issued');
  return token;
}

/** Both answers of a "twice" step, kept apart from the World's single current response. */
const issues = new WeakMap<ConformanceWorld, readonly TokenResponse[]>();
/** The scope a password-grant request asked for, to compare with what the token can reach. */
const requestedScopes = new WeakMap<ConformanceWorld, string[]>();

// Requests (RFC 6749 §3.2, §4.3.2)

When("the app requests a token with the user's password and a parameter the server does not know", async function (this: ConformanceWorld) {
  await sendPassword(this, 'password grant with an unknown parameter', { x_conformance_probe: 'ignore-me' });
});

When('the app requests a token with an empty password', async function (this: ConformanceWorld) {
  await sendPassword(this, 'password grant, password sent empty', { password: '' });
});

When('the app requests a token without the username', async function (this: ConformanceWorld) {
  await sendPassword(this, 'password grant without username', { username: null });
});

When("the app requests a token with the user's password for the scope {string}", async function (this: ConformanceWorld, scope: string) {
  requestedScopes.set(this, scopeList(scope));
  await sendPassword(this, `password grant for the scope ${scope}`, { scope });
});

When("the app requests a token with the user's password twice", async function (this: ConformanceWorld) {
  const first = this.keepTokenResponse(await this.driver.passwordGrant(this.app, this.passwordUser));
  const second = this.keepTokenResponse(await this.driver.passwordGrant(this.app, this.passwordUser));
  issues.set(this, [first, second]);
});

When('the app requests a token with its Basic credentials percent-encoded', async function (this: ConformanceWorld) {
  if (this.app.clientSecret === undefined) throw new SkipScenario(`target ${this.parameters.target.name} names no client secret for the app to send by Basic`);
  const response = await this.driver.requestToken(this.app, passwordParams(this), {
    title: 'token request: Basic credentials percent-encoded',
    auth: 'basic-percent-encoded',
  });
  this.keepTokenResponse(response);
});

// Code redemption (RFC 6749 §4.1.3)

When('the app redeems an authorization code without sending the code', async function (this: ConformanceWorld) {
  const redirectUri = this.app.redirectUris[0];
  const params: FormParams = [
    ['grant_type', 'authorization_code'],
    ...(redirectUri === undefined ? [] : [['redirect_uri', redirectUri] as const]),
  ];
  this.keepTokenResponse(await this.driver.requestToken(this.app, params, { title: 'token request: code redemption without code' }));
});

// Refresh (RFC 6749 §6)

async function sendRefresh(world: ConformanceWorld, params: FormParams, title: string, auth?: ClientAuthentication): Promise<void> {
  const options = { title: `token request: ${title}`, ...(auth === undefined ? {} : { auth }) };
  world.keepTokenResponse(await world.driver.requestToken(world.app, params, options));
}

When('the app refreshes its access token without authenticating', async function (this: ConformanceWorld) {
  const params: FormParams = [['grant_type', 'refresh_token'], ['refresh_token', refreshTokenOf(this.tokens)]];
  await sendRefresh(this, params, 'refresh, client_id without a secret', 'id-only');
});

When('the app asks for a refresh without sending a refresh token', async function (this: ConformanceWorld) {
  await sendRefresh(this, [['grant_type', 'refresh_token']], 'refresh without refresh_token');
});

When('the app sends its refresh token without a grant type', async function (this: ConformanceWorld) {
  await sendRefresh(this, [['refresh_token', refreshTokenOf(this.tokens)]], 'refresh token without grant_type');
});

When('the app refreshes with its refresh token altered in one character', async function (this: ConformanceWorld) {
  const altered = alterOneCharacter(refreshTokenOf(this.tokens));
  await sendRefresh(this, [['grant_type', 'refresh_token'], ['refresh_token', altered]], 'refresh with an altered refresh token');
});

Given('the app has refreshed its access token for the scope {string}', async function (this: ConformanceWorld, scope: string) {
  const response = this.keepTokenResponse(await this.driver.refresh(this.app, refreshTokenOf(this.tokens), scope));
  expectBearerTokens(this.examine(response, 'token response'));
});

// The successful response (RFC 6749 §5.1, §3.2, §8.2)

Then('the token response is a single JSON object with access_token and token_type', function (this: ConformanceWorld) {
  const response = lastTokenResponse(this);
  expectStatus(response, 200, 'RFC 6749 §5.1');
  const type = response.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ConformanceFailure('RFC 6749 §5.1', 'Content-Type application/json', `it was "${type}"`);
  }
  const body = topLevelObject(response);
  for (const name of ['access_token', 'token_type']) {
    if (typeof body[name] !== 'string' || body[name] === '') {
      const actual = !(name in body) ? 'it was absent' : body[name] === '' ? 'it was empty' : `it was a JSON ${jsonType(body[name])}`;
      throw new ConformanceFailure('RFC 6749 §5.1', `${name} as a non-empty JSON string`, actual);
    }
  }
});

Then('each member of it is named once, with a valid name and a value of the right JSON type', function (this: ConformanceWorld) {
  const response = lastTokenResponse(this);
  const body = topLevelObject(response);
  const repeated = repeatedMembers(response.text);
  if (repeated.length > 0) {
    throw new ConformanceFailure('RFC 6749 §3.2', 'each response parameter at most once', `the body names ${repeated.join(', ')} more than once`);
  }
  // RFC 6749 Appendix A.1 and §8.2: param-name = 1*( ALPHA / DIGIT / "-" / "." / "_" ).
  const badNames = Object.keys(body).filter((name) => !/^[A-Za-z0-9._-]+$/.test(name));
  if (badNames.length > 0) {
    const names = badNames.map((name) => JSON.stringify(name)).join(', ');
    throw new ConformanceFailure('RFC 6749 §8.2', 'parameter names of letters, digits, "-", "." and "_"', `the body has ${names}`);
  }
  for (const name of ['access_token', 'token_type', 'refresh_token', 'scope']) {
    if (name in body && typeof body[name] !== 'string') {
      throw new ConformanceFailure('RFC 6749 §5.1', `${name} as a JSON string`, `it was a JSON ${jsonType(body[name])}`);
    }
  }
  if ('expires_in' in body && typeof body['expires_in'] !== 'number') {
    throw new ConformanceFailure('RFC 6749 §5.1', 'expires_in as a JSON number', `it was a JSON ${jsonType(body['expires_in'])}`);
  }
});

Then("the token response states the access token's lifetime in expires_in", function (this: ConformanceWorld) {
  const response = lastTokenResponse(this);
  expectBearerTokens(response);
  const lifetime = topLevelObject(response)['expires_in'];
  if (typeof lifetime !== 'number' || !Number.isInteger(lifetime) || lifetime <= 0) {
    const actual = lifetime === undefined ? 'it was absent' : `it was ${JSON.stringify(lifetime)}`;
    throw new ConformanceFailure('RFC 6749 §5.1', 'expires_in, a positive number of seconds', actual);
  }
});

// Scope (RFC 6749 §3.3, §5.1, §6)

Then('the server grants its default scope or refuses with invalid_scope', function (this: ConformanceWorld) {
  const response = lastTokenResponse(this);
  if (response.tokens !== undefined) {
    expectBearerTokens(response);
    return;
  }
  if (response.error?.error !== 'invalid_scope') {
    throw new ConformanceFailure('RFC 6749 §3.3', 'tokens for the default scope, or invalid_scope', describe(response));
  }
  expectEndpointError(response, 'invalid_scope', 'RFC 6749 §3.3');
});

Then('the token reaches no resource beyond the scope the response states', async function (this: ConformanceWorld) {
  const response = lastTokenResponse(this);
  expectBearerTokens(response);
  const scoped = this.parameters.target.scopedResource;
  if (scoped === undefined) {
    this.log(`skipped: target ${this.parameters.target.name} names no scoped resource, so the token's real scope cannot be seen`);
    return 'skipped';
  }
  const requested = requestedScope(this);
  if (requested.includes(scoped.scope)) {
    throw new HarnessError(`the scenario asks for ${scoped.scope}, the very scope the scoped resource needs`);
  }
  // Without scope in the response the server says it granted what was asked (RFC 6749 §5.1).
  const stated = response.tokens?.scope === undefined ? requested : scopeList(response.tokens.scope);
  if (stated.includes(scoped.scope)) {
    this.log(`the response states that ${scoped.scope} was granted, so a token reaching the scoped resource would be reported`);
    return undefined;
  }
  const answer = this.examine(await this.driver.callScopedResource(this.currentTokens.accessToken), 'scoped resource response');
  if (answer.status < 400) {
    throw new ConformanceFailure(
      'RFC 6749 §3.3',
      `a token limited to "${stated.join(' ')}", as the response ${response.tokens?.scope === undefined ? 'implies by leaving scope out' : 'states'}`,
      `the resource needing ${scoped.scope} accepted it with HTTP ${answer.status}`,
    );
  }
  return undefined;
});

Then('the new access token carries the scope {string}', async function (this: ConformanceWorld, scope: string) {
  const response = lastTokenResponse(this);
  expectBearerTokens(response);
  const expected = scopeList(scope);
  const stated = response.tokens?.scope;
  if (stated !== undefined && !sameItems(scopeList(stated), expected)) {
    throw new ConformanceFailure('RFC 6749 §6', `the scope originally granted, "${scope}"`, `the response states "${stated}"`);
  }
  const scoped = this.parameters.target.scopedResource;
  if (scoped === undefined) {
    if (stated !== undefined) return undefined;
    this.log(`skipped: target ${this.parameters.target.name} neither states the scope nor names a scoped resource to try it on`);
    return 'skipped';
  }
  const answer = this.examine(await this.driver.callScopedResource(this.currentTokens.accessToken), 'scoped resource response');
  const shouldReach = expected.includes(scoped.scope);
  if (shouldReach !== (answer.status === 200)) {
    throw new ConformanceFailure(
      'RFC 6749 §6',
      `the scoped resource (needs ${scoped.scope}) to ${shouldReach ? 'accept' : 'refuse'} a token for "${scope}"`,
      `it answered HTTP ${answer.status}`,
    );
  }
  return undefined;
});

// Guessing and forgery (RFC 6749 §10.10, §10.4)

Then('every access and refresh token issued is long enough to carry 128 bits', function (this: ConformanceWorld) {
  for (const response of issuesOf(this)) {
    expectBearerTokens(this.examine(response, 'token response'));
    const tokens = response.tokens as TokenSet;
    for (const [kind, value] of [['access token', tokens.accessToken], ['refresh token', tokens.refreshToken]] as const) {
      if (value === undefined) continue;
      const bits = capacityBits(value);
      if (bits < 128) {
        const actual = `one of ${value.length} characters holds at most ${Math.floor(bits)} bits`;
        throw new ConformanceFailure('RFC 6749 §10.10', `a ${kind} able to hold 128 random bits`, actual);
      }
    }
  }
});

Then('no token of the second issue repeats one of the first', function (this: ConformanceWorld) {
  const [first, second] = issuesOf(this).map((response) => this.examine(response, 'token response').tokens);
  if (first === undefined || second === undefined) {
    throw new ConformanceFailure('RFC 6749 §10.10', 'two token issues', 'the server did not issue tokens twice');
  }
  const earlier = new Set([first.accessToken, first.refreshToken]);
  const again = ([['access token', second.accessToken], ['refresh token', second.refreshToken]] as const)
    .filter(([, value]) => value !== undefined && earlier.has(value))
    .map(([kind]) => kind);
  if (again.length > 0) {
    throw new ConformanceFailure('RFC 6749 §10.10', 'fresh tokens at every issue', `the second issue repeated the ${again.join(' and ')}`);
  }
});

Then('the app receives a new refresh token', function (this: ConformanceWorld) {
  const response = lastTokenResponse(this);
  expectBearerTokens(response);
  const fresh = response.tokens?.refreshToken;
  if (fresh === undefined || fresh === this.previousTokens?.refreshToken) {
    const actual = fresh === undefined ? 'none was issued' : 'the old one came back';
    throw new ConformanceFailure('RFC 6749 §6', 'a new refresh token with the refresh', actual);
  }
});

Then('the previous refresh token no longer works', async function (this: ConformanceWorld) {
  const previous = refreshTokenOf(this.previousTokens);
  const response = this.examine(await this.driver.refresh(this.app, previous), 'token response');
  expectEndpointError(response, 'invalid_grant', 'RFC 6749 §6, §10.4');
});

function issuesOf(world: ConformanceWorld): readonly TokenResponse[] {
  const kept = issues.get(world);
  if (kept === undefined) throw new HarnessError('the scenario did not request tokens twice');
  return kept;
}

function topLevelObject(response: EndpointResponse): Record<string, unknown> {
  if (!isRecord(response.json)) {
    const actual = response.json === undefined ? 'the body was not JSON' : `it was a JSON ${jsonType(response.json)}`;
    throw new ConformanceFailure('RFC 6749 §5.1', 'a body that is one JSON object', actual);
  }
  return response.json;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The scope the scenario's password-grant request asked for. */
export function requestedScope(world: ConformanceWorld): string[] {
  const scope = requestedScopes.get(world);
  if (scope === undefined) throw new HarnessError('the scenario requested no particular scope');
  return scope;
}

export function scopeList(scope: string): string[] {
  return scope.split(' ').filter((item) => item !== '');
}

function sameItems(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}

/**
 * How many bits a value of this length could hold at most, taking the smallest common alphabet its
 * characters fit in (digits, hex, alphanumerics, base64, printable ASCII). Only an upper bound: a
 * structured token (a JWT) holds far less randomness than its length suggests.
 */
export function capacityBits(value: string): number {
  const alphabets: readonly [RegExp, number][] = [
    [/^[0-9]*$/, 10],
    [/^[0-9a-f]*$/i, 16],
    [/^[0-9A-Za-z]*$/, 62],
    // Both base64 alphabets with padding, and the dots between the parts of a JWT.
    [/^[0-9A-Za-z_\-+/=.]*$/, 68],
    [/^[\x21-\x7e]*$/, 94],
  ];
  const size = alphabets.find(([pattern]) => pattern.test(value))?.[1] ?? 256;
  return value.length * Math.log2(size);
}

