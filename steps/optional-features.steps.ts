/**
 * What a server may offer and what it is recommended to do, beyond what it must (RFC 6749, RFC 6750,
 * RFC 7009, RFC 7636): optional response fields and challenge attributes, other ways of sending a request,
 * refresh tokens and narrowed scopes, token length and lifetime, CORS and JSONP. The scenarios citing
 * these steps cite only SHOULD- or MAY-level requirements, so a check that fails here warns or reports a
 * feature absent; it never blocks.
 */
import { Then, When } from '@cucumber/cucumber';
import { isRecord, randomValue, type TokenResponse } from '../driver/driver';
import { parseChallenges } from '../driver/challenge';
import { ConformanceFailure, HarnessError, SkipScenario } from '../driver/errors';
import { describe, describeOutcome, expectChallenge } from './expectations';
import { capacityBits, requestedScope, scopeList } from './token-request.steps';
import type { ConformanceWorld } from './world';

/** The auth-params RFC 6750 §3 defines for a Bearer challenge; any other is an extension it allows. */
const BEARER_ATTRIBUTES = ['realm', 'scope', 'error', 'error_description', 'error_uri'];

/** RFC 6749 §10.10 recommends that a token be guessable with a probability of at most 2^-160. */
const RECOMMENDED_TOKEN_BITS = 160;

/** RFC 6750 §5.3 recommends access tokens valid for an hour or less. */
const RECOMMENDED_MAX_LIFETIME_SECONDS = 3600;

function lastTokenResponse(world: ConformanceWorld): TokenResponse {
  return world.examine(world.tokenResponse, 'token response');
}

/** A field carried with a non-empty value; its syntax is the MUST-level scenarios' business. */
function expectField(value: unknown, name: string, where: string, rule: string): void {
  if (typeof value !== 'string' || value === '') {
    const actual = value === undefined || value === null ? 'there was none' : `it was ${JSON.stringify(value)}`;
    throw new ConformanceFailure(rule, `${name} in ${where}`, actual);
  }
}

/** The parameters of an error redirect; anything else leaves nothing to look for. */
function errorRedirectParams(world: ConformanceWorld): URLSearchParams {
  const outcome = world.authorization;
  if (outcome?.kind !== 'redirect' || !outcome.params.has('error')) {
    throw new ConformanceFailure('RFC 6749 §4.1.2.1', 'an error redirect', describeOutcome(outcome));
  }
  return outcome.params;
}

/** RFC 7636 §4.4.1: the invalid_request says why, through error_description or error_uri (a human judges the words). */
function expectExplainedErrorRedirect(world: ConformanceWorld): void {
  const params = errorRedirectParams(world);
  if (!params.get('error_description') && !params.get('error_uri')) {
    throw new ConformanceFailure('RFC 7636 §4.4.1', 'error_description or error_uri explaining the error', 'the redirect carried neither');
  }
}

/** The origin of the app's pages: a browser-based app is served from where it gets its redirects. */
function appOrigin(world: ConformanceWorld): string {
  const redirectUri = world.app.redirectUris[0];
  if (redirectUri === undefined) throw new SkipScenario(`target ${world.parameters.target.name} names no redirect URI for the app to tell its origin by`);
  return new URL(redirectUri).origin;
}

/** The registered redirect URI with its scheme, host or path replaced, or with a query parameter added. */
function changedRedirectUri(uri: string, change: string): string {
  const url = new URL(uri);
  if (change === 'scheme') url.protocol = url.protocol === 'https:' ? 'http:' : 'https:';
  // .invalid never resolves (RFC 6761 §6.4), and the driver never follows a redirect anyway.
  else if (change === 'host') url.hostname = 'conformance-other-host.invalid';
  else if (change === 'path') url.pathname = `/conformance-other-path${url.pathname}`;
  else if (change === 'query') url.searchParams.append('conformance_added', '1');
  else throw new HarnessError(`no way to change a redirect URI's ${change}`);
  return url.toString();
}

// Requests (RFC 6749 §3.1, §3.1.2.2; RFC 6750 §3; RFC 7009 §2.3)

When('the app asks for authorization by POST', async function (this: ConformanceWorld) {
  this.authorization = await this.driver.requestAuthorization(this.newAuthorization(), 'POST');
});

async function askWithChangedRedirectUri(world: ConformanceWorld, change: string): Promise<void> {
  const registered = world.app.redirectUris[0];
  if (registered === undefined) throw new SkipScenario(`target ${world.parameters.target.name} names no redirect URI for the app`);
  world.authorization = await world.driver.requestAuthorization(world.newAuthorization({ redirectUri: changedRedirectUri(registered, change) }));
}

When(/^the app asks for authorization with its registered redirect URI on another (scheme|host|path)$/, async function (this: ConformanceWorld, part: string) {
  await askWithChangedRedirectUri(this, part);
});

When('the app asks for authorization with its registered redirect URI and a query added', async function (this: ConformanceWorld) {
  await askWithChangedRedirectUri(this, 'query');
});

When('the app calls a resource that does not exist with its access token', async function (this: ConformanceWorld) {
  this.resourceResponse = this.watch(await this.driver.callMissingResource(this.currentTokens.accessToken));
});

When('the app revokes a made-up token from a page of its own origin', async function (this: ConformanceWorld) {
  this.revocationResponse = this.watch(await this.driver.revokeFromOrigin(this.app, randomValue(), appOrigin(this)));
});

When('the app revokes a made-up token by JSONP with the callback {string}', async function (this: ConformanceWorld, callback: string) {
  this.revocationResponse = this.watch(await this.driver.revokeByJsonp(this.app, randomValue(), callback));
});

// Optional error fields (RFC 6749 §4.1.2.1, §5.2; RFC 6750 §3; RFC 7636 §4.4.1)

Then(/^the error redirect carries an (error_description|error_uri)$/, function (this: ConformanceWorld, name: string) {
  expectField(errorRedirectParams(this).get(name), name, 'the error redirect', 'RFC 6749 §4.1.2.1');
});

Then(/^the token error carries an (error_description|error_uri)$/, function (this: ConformanceWorld, name: string) {
  const response = lastTokenResponse(this);
  if (response.status < 400 || !isRecord(response.json)) {
    throw new ConformanceFailure('RFC 6749 §5.2', 'an error response in JSON', describe(response));
  }
  expectField(response.json[name], name, 'the error response', 'RFC 6749 §5.2');
});

Then(/^the Bearer challenge carries (?:a|an) (realm|error_description|error_uri)$/, function (this: ConformanceWorld, name: string) {
  const challenge = expectChallenge(this.resourceAnswer(), 'Bearer', 'RFC 6750 §3');
  expectField(challenge.params.get(name), name, 'the Bearer challenge', 'RFC 6750 §3');
});

Then('the Bearer challenge carries an attribute RFC 6750 does not define', function (this: ConformanceWorld) {
  const challenge = expectChallenge(this.resourceAnswer(), 'Bearer', 'RFC 6750 §3');
  const names = [...challenge.params.keys()];
  if (!names.some((name) => !BEARER_ATTRIBUTES.includes(name))) {
    throw new ConformanceFailure('RFC 6750 §3', 'an auth-param beyond realm, scope and the error attributes', `it carried only ${names.join(', ') || 'none'}`);
  }
});

Then('the answer carries a Bearer challenge all the same', function (this: ConformanceWorld) {
  const response = this.resourceAnswer();
  if (response.status < 400) {
    this.log(`skipped: the probe path answered HTTP ${response.status}, so there was no refusal to look at`);
    return 'skipped';
  }
  expectChallenge(response, 'Bearer', 'RFC 6750 §3');
  return undefined;
});

Then('the error redirect explains the error in error_description or error_uri', function (this: ConformanceWorld) {
  expectExplainedErrorRedirect(this);
});

Then('a refusal of the missing challenge explains the error in error_description or error_uri', function (this: ConformanceWorld) {
  if (this.authorization?.kind === 'page' && this.authorization.showsLogin) {
    this.log('skipped: the server accepted the request without a PKCE challenge, so it has no refusal to explain');
    return 'skipped';
  }
  expectExplainedErrorRedirect(this);
  return undefined;
});

// The client's status and challenge for invalid_client (RFC 6749 §5.2)

Then('the refusal has status 401 and a challenge naming the schemes the server accepts', function (this: ConformanceWorld) {
  const response = lastTokenResponse(this);
  if (response.status !== 401) throw new ConformanceFailure('RFC 6749 §5.2', 'HTTP 401 for invalid_client', describe(response));
  const raw = response.headers['www-authenticate'];
  if (raw === undefined || parseChallenges(raw).challenges.length === 0) {
    throw new ConformanceFailure('RFC 6749 §5.2', 'a WWW-Authenticate challenge with the 401', raw === undefined ? 'there was none' : `it was "${raw}"`);
  }
});

// What a refused resource request says (RFC 6749 §7.2)

Then('the refusal tells the app what went wrong', function (this: ConformanceWorld) {
  const response = this.resourceAnswer();
  if (response.status < 400) throw new ConformanceFailure('RFC 6749 §7.2', 'a refusal', describe(response));
  const raw = response.headers['www-authenticate'];
  const inChallenge = raw !== undefined && parseChallenges(raw).challenges.some((challenge) => challenge.params.get('error'));
  // The body's shape is the resource server's own (§7.2): an OAuth error member, or a vendor's error code.
  const body = isRecord(response.json) ? response.json : {};
  const inBody = [body['error'], body['errorCode']].some((value) => typeof value === 'string' && value !== '');
  if (!inChallenge && !inBody) {
    throw new ConformanceFailure('RFC 6749 §7.2', 'an error code in the challenge or the body', 'the refusal carried neither');
  }
});

// Refresh tokens and scope (RFC 6749 §5.1, §3.3, §10.3, §10.4; RFC 6750 §5.2)

Then('the token response carries a refresh token', function (this: ConformanceWorld) {
  const response = lastTokenResponse(this);
  if (response.status !== 200 || !isRecord(response.json)) throw new ConformanceFailure('RFC 6749 §5.1', 'a token response', describe(response));
  expectField(response.json['refresh_token'], 'refresh_token', 'the token response', 'RFC 6749 §5.1, §10.4');
});

Then('the token response leaves out the scope, granted as asked', function (this: ConformanceWorld) {
  const response = lastTokenResponse(this);
  if (response.status !== 200 || !isRecord(response.json)) throw new ConformanceFailure('RFC 6749 §5.1', 'a token response', describe(response));
  const stated = response.json['scope'];
  if (stated === undefined) return undefined;
  const requested = requestedScope(this);
  const granted = typeof stated === 'string' ? scopeList(stated) : [];
  if (granted.length !== requested.length || !requested.every((item) => granted.includes(item))) {
    this.log(`skipped: the server granted "${String(stated)}" instead of the scope asked for, so it had to state it`);
    return 'skipped';
  }
  throw new ConformanceFailure('RFC 6749 §5.1', 'no scope member, the scope being the one asked for', `the response repeats scope "${stated}"`);
});

Then('the server grants part of the scope instead of refusing', function (this: ConformanceWorld) {
  const response = lastTokenResponse(this);
  const requested = requestedScope(this);
  const stated = response.tokens?.scope;
  if (response.tokens === undefined) {
    throw new ConformanceFailure('RFC 6749 §3.3', `tokens for part of "${requested.join(' ')}"`, describe(response));
  }
  // Without a scope member the response claims the whole request was granted (§5.1).
  const granted = stated === undefined ? requested : scopeList(stated);
  if (requested.every((item) => granted.includes(item))) {
    throw new ConformanceFailure('RFC 6749 §3.3', 'a grant narrower than the request', `the server granted all of "${requested.join(' ')}"`);
  }
});

Then('the token response states the scope the token is limited to', function (this: ConformanceWorld) {
  const response = lastTokenResponse(this);
  if (response.tokens === undefined) throw new ConformanceFailure('RFC 6750 §5.2', 'a token response', describe(response));
  expectField(response.tokens.scope, 'scope', 'the token response', 'RFC 6750 §5.2');
});

// Token strength and lifetime (RFC 6749 §10.10; RFC 6750 §5.3)

Then('the access and refresh tokens are long enough to carry 160 bits', function (this: ConformanceWorld) {
  const tokens = lastTokenResponse(this).tokens;
  if (tokens === undefined) throw new ConformanceFailure('RFC 6749 §5.1', 'a token response', describe(lastTokenResponse(this)));
  for (const [kind, value] of [['access token', tokens.accessToken], ['refresh token', tokens.refreshToken]] as const) {
    if (value === undefined) continue;
    const bits = capacityBits(value);
    if (bits < RECOMMENDED_TOKEN_BITS) {
      const actual = `one of ${value.length} characters holds at most ${Math.floor(bits)} bits`;
      throw new ConformanceFailure('RFC 6749 §10.10', `a ${kind} able to hold ${RECOMMENDED_TOKEN_BITS} random bits`, actual);
    }
  }
});

Then('the access token is announced to live an hour or less', function (this: ConformanceWorld) {
  const response = lastTokenResponse(this);
  if (response.tokens === undefined) throw new ConformanceFailure('RFC 6749 §5.1', 'a token response', describe(response));
  const lifetime = response.tokens.expiresIn;
  if (lifetime === undefined) {
    // Without expires_in the lifetime shows only by waiting it out, which a live target's clock does not allow.
    this.log('skipped: the token response states no expires_in, so the lifetime cannot be read');
    return 'skipped';
  }
  if (lifetime > RECOMMENDED_MAX_LIFETIME_SECONDS) {
    throw new ConformanceFailure('RFC 6750 §5.3', `an access token lifetime of ${RECOMMENDED_MAX_LIFETIME_SECONDS} s or less`, `expires_in was ${lifetime}`);
  }
  return undefined;
});

// Browser-based apps at the revocation endpoint (RFC 7009 §2.3)

Then('the answer lets that origin read it', function (this: ConformanceWorld) {
  const response = this.examine(this.revocationResponse, 'revocation response');
  const origin = appOrigin(this);
  const allowed = response.headers['access-control-allow-origin'];
  if (allowed !== '*' && allowed !== origin) {
    throw new ConformanceFailure('RFC 7009 §2.3', `Access-Control-Allow-Origin: ${origin} (or *)`, allowed === undefined ? 'there was none' : `it was "${allowed}"`);
  }
});

Then('the answer calls {string} as JavaScript', function (this: ConformanceWorld, callback: string) {
  const response = this.examine(this.revocationResponse, 'revocation response');
  const type = response.headers['content-type'] ?? '';
  if (response.status !== 200 || !/javascript/i.test(type) || !response.text.trimStart().startsWith(`${callback}(`)) {
    throw new ConformanceFailure('RFC 7009 §2.3', `HTTP 200 with JavaScript calling ${callback}(...)`, `${describe(response)}, Content-Type "${type}"`);
  }
});
