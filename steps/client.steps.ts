/**
 * The client-conformance suite (client-features/): the client under test acts as it sees fit, and the
 * checks read in the mock's request log what it sent. Every check names the catalog entry it judges, so a
 * failure reads as "<id> (<spec> §<section>): expected …, but …".
 */
import { createHash } from 'node:crypto';
import { Before, Then, When } from '@cucumber/cucumber';
import { ClientRefusal } from '../driver/client-adapter';
import { ConformanceFailure, HarnessError, SkipScenario } from '../driver/errors';
import type { EndpointResponse, TokenResponse } from '../driver/driver';
import { findRequirement } from '../spec/requirements/catalog';
import type { LoggedRequest } from '../mock-server/request-log';
import { describe } from './expectations';
import { NOT_THE_APP, THROUGH_CLIENT } from './step-kinds';
import type { ConformanceWorld } from './world';

/** What the client did in this scenario, beside what the mock's log says it sent. */
interface ClientRecord {
  /** The request number the mock had reached before the client's first action. */
  logStart: number;
  /** Marks set by steps, e.g. where time passed or where the client logged out. */
  readonly marks: Map<string, number>;
  /** Each code-flow login's outcome: the answer, or why the client refused. */
  readonly logins: (TokenResponse | { refused: string })[];
  lastCall?: EndpointResponse | { refused: string };
  /** The code of an authorization response the client never asked for. */
  forgedCode?: string;
  /** The refresh token the first of two refreshes returned. */
  firstRefreshAnswer?: string | undefined;
  /** Every token the client was issued in this scenario, newest last. */
  readonly issued: { accessToken: string; refreshToken?: string }[];
}

const records = new WeakMap<ConformanceWorld, ClientRecord>();

function recordOf(world: ConformanceWorld): ClientRecord {
  const record = records.get(world);
  if (record === undefined) throw new HarnessError('a client check ran outside a @client scenario');
  return record;
}

/** The requirement a check judges, as the rule a failure names. */
function rule(id: string): string {
  const requirement = findRequirement(id);
  if (requirement === undefined) throw new HarnessError(`client check names an unknown requirement ${id}`);
  return `${id} (${requirement.source}${requirement.section === '' ? '' : ` §${requirement.section}`})`;
}

function violated(id: string, expected: string, found: string): ConformanceFailure {
  return new ConformanceFailure(rule(id), expected, found);
}

async function readLog(world: ConformanceWorld): Promise<{ requests: LoggedRequest[]; last: number }> {
  const url = world.parameters.target.requestLogUrl;
  if (url === undefined) throw new SkipScenario(`target ${world.parameters.target.name} records no requests, so what a client sent cannot be checked: run the client suite against the mock`);
  const record = records.get(world);
  const response = await fetch(`${url}?since=${record?.logStart ?? 0}`, { signal: AbortSignal.timeout(world.parameters.timeoutMs) });
  if (response.status !== 200) throw new HarnessError(`the mock's request log answered HTTP ${response.status}`);
  return (await response.json()) as { requests: LoggedRequest[]; last: number };
}

/** What the client sent since the scenario began, optionally only after a mark; the harness's own probes (after the mark "probes") left out. */
async function sent(world: ConformanceWorld, after?: string): Promise<LoggedRequest[]> {
  const { requests } = await readLog(world);
  const { marks } = recordOf(world);
  const from = after === undefined ? 0 : (marks.get(after) ?? 0);
  const until = marks.get('probes') ?? Number.POSITIVE_INFINITY;
  return requests.filter((request) => request.seq > from && request.seq <= until);
}

async function mark(world: ConformanceWorld, name: string): Promise<void> {
  recordOf(world).marks.set(name, (await readLog(world)).last);
}

function param(pairs: readonly (readonly [string, string])[], name: string): string | undefined {
  return pairs.find(([key]) => key === name)?.[1];
}

function grantOf(request: LoggedRequest): string | undefined {
  return param(request.form, 'grant_type') ?? param(request.query, 'grant_type') ?? jsonMember(request.bodyText, 'grant_type');
}

function jsonMember(text: string, name: string): string | undefined {
  try {
    const value = (JSON.parse(text) as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A request in a few words for a failure message: method, path and the names (not values) of what it carried. */
function brief(request: LoggedRequest): string {
  const names = (pairs: readonly (readonly [string, string])[]): string => pairs.map(([name]) => name).join(', ');
  const query = request.query.length === 0 ? '' : ` with ${names(request.query)} in the query`;
  const body = request.form.length > 0 ? `, form body ${names(request.form)}` : request.bodyText === '' ? '' : `, ${request.mediaType ?? 'untyped'} body`;
  return `request #${request.seq} ${request.method} ${request.path}${query}${body}`;
}

function keepIssued(world: ConformanceWorld, response: TokenResponse): TokenResponse {
  world.tokenResponse = response;
  if (response.tokens !== undefined) {
    world.previousTokens = world.tokens;
    world.tokens = response.tokens;
    recordOf(world).issued.push({ accessToken: response.tokens.accessToken, ...(response.tokens.refreshToken === undefined ? {} : { refreshToken: response.tokens.refreshToken }) });
  }
  return response;
}

async function attempt<T>(action: () => Promise<T>): Promise<T | { refused: string }> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof ClientRefusal) return { refused: error.message };
    throw error;
  }
}

Before({ tags: '@client' }, async function (this: ConformanceWorld) {
  records.set(this, { logStart: 0, marks: new Map(), logins: [], issued: [] });
  const { last } = await readLog(this);
  recordOf(this).logStart = last;
  this.log(`client under test: ${this.clientUnderTest.description}`);
});

// What the client does

When("the client signs in with the user's password", THROUGH_CLIENT, async function (this: ConformanceWorld) {
  this.requireClientFeature('password-grant');
  keepIssued(this, await this.clientUnderTest.passwordGrant(this.app, this.passwordUser));
});

When("the client signs in with the user's JWT credential", THROUGH_CLIENT, async function (this: ConformanceWorld) {
  this.requireClientFeature('jwt-grant');
  keepIssued(this, await this.clientUnderTest.jwtGrant(this.app, this.userJwt));
});

/** For scenarios where the way in does not matter: the password grant, or the JWT grant for a client without it. */
When('the client signs in', THROUGH_CLIENT, async function (this: ConformanceWorld) {
  const client = this.clientUnderTest;
  const byPassword = client.cannot['password-grant'] === undefined && this.parameters.target.capabilities.includes('password-grant');
  if (!byPassword) this.requireClientFeature('jwt-grant');
  keepIssued(this, byPassword ? await client.passwordGrant(this.app, this.passwordUser) : await client.jwtGrant(this.app, this.userJwt));
});

/**
 * The tokens the client signed in with. The mock is the reference server, so a refused sign-in is the
 * client's mistake; the checks of what it sent name which one, this only stops what cannot go on.
 */
function signedIn(world: ConformanceWorld): NonNullable<ConformanceWorld['tokens']> {
  if (world.tokens === undefined) {
    const answer = world.tokenResponse === undefined ? 'it sent no token request' : `to its token request ${describe(world.tokenResponse)}`;
    // Not a finding against the rule this scenario checks: the client never got that far.
    throw new HarnessError(`the client did not sign in at the reference server (${answer}), so this scenario cannot judge what it checks; the scenarios about token requests say what the client sent`);
  }
  return world.tokens;
}

async function codeLogin(world: ConformanceWorld): Promise<void> {
  if (!world.browserTagged) throw new HarnessError('this scenario signs in through the browser, so it must be tagged @browser');
  const client = world.clientUnderTest;
  const pending = await client.beginLogin(world.app);
  const outcome = await world.driver.authorizeUrlInBrowser(pending.url, pending.redirectUri, world.browserUser, 'approve');
  if (outcome.location === undefined) throw new ConformanceFailure('RFC 6749 §4.1.2', 'the browser sent back to the client with a code', 'it was not sent back');
  const login = await attempt(() => client.finishLogin(world.app, outcome.location ?? ''));
  recordOf(world).logins.push(login);
  if (!('refused' in login)) keepIssued(world, login);
}

When('the client signs the user in with the code flow', THROUGH_CLIENT, async function (this: ConformanceWorld) {
  await codeLogin(this);
});

When('the client signs the user in with the code flow twice', THROUGH_CLIENT, async function (this: ConformanceWorld) {
  await codeLogin(this);
  await codeLogin(this);
});

When('an authorization response the client did not ask for reaches its redirect URI', THROUGH_CLIENT, async function (this: ConformanceWorld) {
  // An attacker signs in as themselves and keeps the code, then plants it, with a state of their own, on a
  // victim whose client has a login under way (RFC 6749 §10.12).
  const planted = await this.signInAndDecide('approve');
  const code = planted.params.get('code');
  const redirectUri = this.app.redirectUris[0];
  if (code === null || redirectUri === undefined) throw new HarnessError("the harness's own sign-in gave no code to plant");
  recordOf(this).forgedCode = code;
  await this.clientUnderTest.beginLogin(this.app);
  const forged = new URL(redirectUri);
  forged.searchParams.set('code', code);
  forged.searchParams.set('state', planted.params.get('state') ?? 'forged');
  const login = await attempt(() => this.clientUnderTest.finishLogin(this.app, forged.toString()));
  recordOf(this).logins.push(login);
});

When('the client calls the API', THROUGH_CLIENT, async function (this: ConformanceWorld) {
  if (!recordOf(this).marks.has('logout')) signedIn(this);
  recordOf(this).lastCall = await attempt(() => this.clientUnderTest.callApi(this.app));
});

When('the client refreshes its tokens twice', THROUGH_CLIENT, async function (this: ConformanceWorld) {
  await mark(this, 'refreshes');
  for (let round = 0; round < 2; round += 1) {
    const answer = await attempt(() => this.clientUnderTest.refresh(this.app));
    if ('refused' in answer) continue;
    keepIssued(this, answer);
    if (round === 0) recordOf(this).firstRefreshAnswer = answer.tokens?.refreshToken;
  }
});

When('the client logs out', THROUGH_CLIENT, async function (this: ConformanceWorld) {
  await this.clientUnderTest.logout(this.app);
  await mark(this, 'logout');
});

When("the access token's announced lifetime runs out", NOT_THE_APP, async function (this: ConformanceWorld) {
  const lifetime = signedIn(this).expiresIn;
  if (lifetime === undefined) throw new SkipScenario('the token response announced no lifetime (expires_in), so the client had no expiry to refresh ahead of');
  await mark(this, 'expiry');
  await this.passTime(lifetime + 1);
});

When("the API answers the client's next request with 429 and a Retry-After of {int} second(s)", NOT_THE_APP, async function (this: ConformanceWorld, seconds: number) {
  const url = this.parameters.target.faultControlUrl;
  if (url === undefined) throw new SkipScenario(`target ${this.parameters.target.name} takes no injected faults`);
  const body = JSON.stringify({ errorCode: 'CMN-301', message: 'Request rate exceeded', errors: [{ errorCode: 'CMN-301', message: 'Request rate exceeded' }] });
  const plan = { count: 1, path: this.parameters.target.paths.resource, status: 429, headers: { 'Retry-After': String(seconds) }, body };
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(plan) });
  if (response.status !== 201) throw new HarnessError(`the mock's fault control answered HTTP ${response.status}`);
  await mark(this, 'throttled');
});

// What the mock saw

Then('every token request of the client was sent by POST', async function (this: ConformanceWorld) {
  const token = (await sent(this)).filter((request) => request.route === 'token');
  if (token.length === 0) throw new ConformanceFailure('RFC 6749 §3.2', 'the client to send a token request', 'it sent none');
  const other = token.find((request) => request.method !== 'POST');
  if (other !== undefined) throw violated('6749-3.2-client-uses-post', 'every token request by POST', `${brief(other)} was not`);
});

Then('every token request of the client carried its parameters form-encoded in the body', async function (this: ConformanceWorld) {
  const token = (await sent(this)).filter((request) => request.route === 'token');
  const other = token.find((request) => request.mediaType !== 'application/x-www-form-urlencoded' || request.query.length > 0);
  if (other !== undefined) {
    throw violated('6749-4.1.3-client-form-encodes-token-requests', 'application/x-www-form-urlencoded parameters in the body, none in the URL', `${brief(other)} (${other.mediaType ?? 'no Content-Type'})`);
  }
});

/** The client's token requests; a check of how they were made needs at least one. */
async function tokenRequests(world: ConformanceWorld, rule: string): Promise<LoggedRequest[]> {
  const requests = await sent(world);
  const token = requests.filter((request) => request.route === 'token');
  if (token.length === 0) throw new ConformanceFailure(rule, 'the client to send a token request', 'it sent none');
  return [...token, ...requests.filter((request) => request.route === 'revoke')];
}

Then("the client's secret appeared in no request URL", async function (this: ConformanceWorld) {
  const secret = this.app.clientSecret;
  if (secret === undefined) throw new HarnessError('this check needs a confidential app');
  const leaked = (await tokenRequests(this, 'RFC 6749 §2.3.1')).find((request) => request.query.some(([name, value]) => name === 'client_secret' || value === secret));
  if (leaked !== undefined) throw violated('6749-2.3.1-credentials-not-in-uri', 'the client secret in no query string', `${brief(leaked)}`);
});

Then('the client authenticated with HTTP Basic rather than with its secret in the body', async function (this: ConformanceWorld) {
  const { clientId, clientSecret } = this.app;
  if (clientSecret === undefined) throw new HarnessError('this check needs a confidential app');
  for (const request of await tokenRequests(this, 'RFC 6749 §2.3.1')) {
    if (param(request.form, 'client_secret') !== undefined) {
      throw violated('6749-2.3.1-body-credentials-discouraged', 'the client secret in the Authorization header (Basic)', `${brief(request)} carried client_secret`);
    }
    if (basicCredentials(request.headers['authorization']) !== `${clientId}:${clientSecret}`) {
      throw violated('6749-4.3.2-client-authenticates', 'HTTP Basic with its client id and secret on every token request', `${brief(request)} carried ${request.headers['authorization'] === undefined ? 'no Authorization header' : 'other credentials'}`);
    }
  }
});

/** "id:secret" from a Basic header, each part form-decoded (RFC 6749 §2.3.1); undefined for anything else. */
function basicCredentials(header: string | undefined): string | undefined {
  const [scheme, value] = (header ?? '').trim().split(/\s+/, 2);
  if (scheme?.toLowerCase() !== 'basic' || value === undefined) return undefined;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const part = (text: string): string => decodeURIComponent(text.replace(/\+/g, ' '));
  try {
    return `${part(decoded.slice(0, colon))}:${part(decoded.slice(colon + 1))}`;
  } catch {
    return decoded;
  }
}

Then("the client's authorization request carried a PKCE challenge", async function (this: ConformanceWorld) {
  const requests = (await sent(this)).filter((request) => request.route === 'authorize');
  const without = requests.find((request) => param(request.query, 'code_challenge') === undefined);
  if (requests.length === 0) throw new HarnessError('the mock saw no authorization request');
  if (without !== undefined) throw violated('rc-public-client-sends-pkce', 'a code_challenge in the authorization request of an app without a secret', `${brief(without)}`);
});

Then('the challenge used the S256 method', async function (this: ConformanceWorld) {
  const requests = (await sent(this)).filter((request) => request.route === 'authorize' && param(request.query, 'code_challenge') !== undefined);
  const weak = requests.find((request) => param(request.query, 'code_challenge_method') !== 'S256');
  if (weak !== undefined) {
    throw violated('7636-4.2-client-uses-s256', 'code_challenge_method=S256', `${brief(weak)} named ${param(weak.query, 'code_challenge_method') ?? 'no method (plain)'}`);
  }
});

/** The client's first authorization request and code exchange; without both there is nothing to compare. */
async function loginRequests(world: ConformanceWorld, rule: string): Promise<{ authorize: LoggedRequest; exchange: LoggedRequest }> {
  const requests = await sent(world);
  const authorize = requests.find((request) => request.route === 'authorize');
  const exchange = requests.find((request) => request.route === 'token' && grantOf(request) === 'authorization_code');
  if (authorize === undefined || exchange === undefined) throw new ConformanceFailure(rule, 'an authorization request and a code exchange', 'the mock saw no code exchange');
  return { authorize, exchange };
}

Then('the code exchange carried a well-formed verifier that matches the challenge', async function (this: ConformanceWorld) {
  const { authorize, exchange } = await loginRequests(this, 'RFC 7636 §4.5');
  const verifier = param(exchange.form, 'code_verifier');
  if (verifier === undefined || !/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) {
    throw violated('7636-4.1-verifier-syntax', 'a code_verifier of 43 to 128 unreserved characters', verifier === undefined ? `${brief(exchange)} carried none` : `it had ${verifier.length} characters`);
  }
  const challenge = param(authorize.query, 'code_challenge');
  const method = param(authorize.query, 'code_challenge_method') ?? 'plain';
  const derived = method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  if (derived !== challenge) throw violated('7636-4.1-verifier-syntax', `the verifier to give the challenge by ${method}`, 'it does not');
});

Then('the client redeemed the code with the redirect URI it had sent', async function (this: ConformanceWorld) {
  const { authorize, exchange } = await loginRequests(this, 'RFC 6749 §4.1.3');
  const asked = param(authorize.query, 'redirect_uri');
  const redeemed = param(exchange.form, 'redirect_uri');
  if (asked !== undefined && redeemed !== asked) {
    throw violated('6749-4.1.3-client-same-redirect-uri', `redirect_uri=${asked} at the token endpoint too`, redeemed === undefined ? 'the code exchange carried none' : `it carried ${redeemed}`);
  }
});

Then('the client redeemed each code at most once', async function (this: ConformanceWorld) {
  const codes = (await sent(this)).filter((request) => grantOf(request) === 'authorization_code').map((request) => param(request.form, 'code'));
  const twice = codes.find((code, index) => code !== undefined && codes.indexOf(code) !== index);
  if (twice !== undefined) throw violated('6749-4.1.2-client-single-use', 'each code redeemed once', 'one code was redeemed twice');
});

Then('each authorization request of the client carried a state', async function (this: ConformanceWorld) {
  const without = (await sent(this)).find((request) => request.route === 'authorize' && param(request.query, 'state') === undefined);
  if (without !== undefined) throw violated('6749-10.12-client-sends-state', 'a state in every authorization request', `${brief(without)} carried none (an empty one counts as none, RFC 6749 §3.1)`);
});

Then('no two states were alike and none could be guessed', async function (this: ConformanceWorld) {
  const states = (await sent(this)).filter((request) => request.route === 'authorize').flatMap((request) => param(request.query, 'state') ?? []);
  if (new Set(states).size < states.length) throw violated('6749-10.12-state-unguessable', 'a fresh state for each request', 'the same state was sent twice');
  const weak = states.find((state) => guessBits(state) < 128);
  if (weak !== undefined) {
    throw violated('6749-10.12-state-unguessable', 'a state with at least 128 bits of randomness (RFC 6749 §10.10: a guess succeeds at most once in 2^128)', `a state of ${weak.length} characters holds at most ${Math.floor(guessBits(weak))} bits`);
  }
});

Then('the client refused it without redeeming the code', async function (this: ConformanceWorld) {
  const { forgedCode, logins } = recordOf(this);
  const redeemed = (await sent(this)).find((request) => grantOf(request) === 'authorization_code' && param(request.form, 'code') === forgedCode);
  if (redeemed !== undefined || !('refused' in (logins.at(-1) ?? {}))) {
    throw violated(
      '6749-10.12-client-csrf-protection',
      'the client to refuse an authorization response whose state it did not issue',
      redeemed === undefined ? 'it accepted the response' : `it redeemed the planted code (${brief(redeemed)}), so the victim would be signed in to the attacker's account`,
    );
  }
});

Then('the client refreshed before it presented the expired access token', async function (this: ConformanceWorld) {
  const after = await sent(this, 'expiry');
  const firstApi = after.findIndex((request) => request.route === 'resource');
  const firstRefresh = after.findIndex((request) => grantOf(request) === 'refresh_token');
  if (firstApi === -1) throw new ConformanceFailure('RFC 6750 §2', 'the client to call the API', 'it sent no request to it');
  if (firstRefresh === -1 || firstRefresh > firstApi) {
    const refused = after.find((request) => request.route === 'resource' && request.status === 401);
    throw violated(
      'rc-client-refreshes-before-expiry',
      'a refresh before the first API call after the announced expiry',
      `${brief(after[firstApi] as LoggedRequest)} came first${refused === undefined ? '' : ' and was refused with 401'}`,
    );
  }
});

Then("the client's API call succeeded", function (this: ConformanceWorld) {
  const call = recordOf(this).lastCall;
  if (call === undefined || 'refused' in call) throw new ConformanceFailure('RFC 6750 §2', 'the API call to succeed', call === undefined ? 'none was made' : `the client gave up: ${call.refused}`);
  if (call.status !== 200) throw new ConformanceFailure('RFC 6750 §2', 'HTTP 200 from the API', `it answered HTTP ${call.status}`);
});

Then("the client's second refresh presented the refresh token the first one returned", async function (this: ConformanceWorld) {
  const refreshes = (await sent(this, 'refreshes')).filter((request) => grantOf(request) === 'refresh_token');
  const firstAnswer = recordOf(this).firstRefreshAnswer;
  const second = refreshes[1];
  if (second === undefined || firstAnswer === undefined) throw new ConformanceFailure('RFC 6749 §6', 'two refreshes, the first answered with a refresh token', `${refreshes.length} refresh request(s) reached the mock`);
  if (param(second.form, 'refresh_token') !== firstAnswer) {
    throw violated('6749-6-client-replaces-refresh-token', 'the second refresh to present the new refresh token', 'it presented an older one');
  }
});

Then('the client waited at least {int} second(s) before it sent the API anything more', async function (this: ConformanceWorld, seconds: number) {
  const after = (await sent(this, 'throttled')).filter((request) => request.route === 'resource');
  const throttled = after.find((request) => request.fault && request.status === 429);
  if (throttled === undefined) throw new ConformanceFailure('RFC 6585 §4', 'the client to call the API (and meet the 429)', 'it did not');
  const next = after.find((request) => request.seq > throttled.seq);
  // The mock times arrivals; the client's wait starts later, when the 429 reached it, so this is a lower bound.
  if (next !== undefined && next.elapsedMs - throttled.elapsedMs < seconds * 1000 - 1) {
    throw violated('rc-client-honours-retry-after', `no request within ${seconds} s of the 429`, `the next came after ${Math.round(next.elapsedMs - throttled.elapsedMs)} ms`);
  }
});

Then('the client revoked a token of its session', async function (this: ConformanceWorld) {
  const revocations = (await sent(this)).filter((request) => request.route === 'revoke');
  const latest = recordOf(this).issued.at(-1);
  const ours = revocations.find((request) => [latest?.accessToken, latest?.refreshToken].includes(param(request.form, 'token')));
  if (ours === undefined) {
    throw violated('7009-1-client-revokes-on-logout', 'a revocation request for its access or refresh token at logout', revocations.length === 0 ? 'it sent none' : 'it revoked no token of its session');
  }
});

Then('no token of its session works any more', async function (this: ConformanceWorld) {
  const latest = recordOf(this).issued.at(-1);
  if (latest === undefined) throw new HarnessError('the client was never issued tokens');
  await mark(this, 'probes');
  const api = this.examine(await this.driver.callResource(latest.accessToken, ['header']), 'resource response');
  if (api.status === 200) throw violated('7009-1-client-revokes-on-logout', 'the access token refused after logout', 'the resource still accepts it');
  if (latest.refreshToken !== undefined) {
    const refreshed = this.examine(await this.driver.refresh(this.app, latest.refreshToken), 'token response');
    if (refreshed.tokens !== undefined) throw violated('7009-1-client-revokes-on-logout', 'the refresh token refused after logout', 'it still refreshes');
  }
});

Then('after logging out the client presented none of its revoked tokens', async function (this: ConformanceWorld) {
  const revoked = new Set(recordOf(this).issued.flatMap((tokens) => [tokens.accessToken, tokens.refreshToken ?? '']));
  const reused = (await sent(this, 'logout')).find(
    (request) => revoked.has((request.headers['authorization'] ?? '').replace(/^bearer\s+/i, '')) || revoked.has(param(request.form, 'refresh_token') ?? ''),
  );
  if (reused !== undefined) throw violated('7009-2.1-client-stops-using-revoked-token', 'no revoked token presented after logout', `${brief(reused)} presented one`);
});

Then('the client sent its access token in the Authorization header only', async function (this: ConformanceWorld) {
  const resource = (await sent(this)).filter((request) => request.route === 'resource');
  if (resource.length === 0) throw new ConformanceFailure('RFC 6750 §2', 'the client to call the API', 'it sent no request to it');
  const elsewhere = resource.find((request) => !/^bearer\s+\S+$/i.test(request.headers['authorization'] ?? '') || param(request.query, 'access_token') !== undefined);
  if (elsewhere !== undefined) throw violated('6750-2.1-client-prefers-header', 'Authorization: Bearer and no access_token parameter', `${brief(elsewhere)}`);
});

/**
 * At most how many bits of randomness a value can hold, from the alphabet its characters come from: hex
 * digits give 4 bits a character, base64url 6, any printable character about 6.55.
 */
function guessBits(value: string): number {
  const alphabet = /^[0-9a-f]*$/i.test(value) ? 16 : /^[A-Za-z0-9_-]*$/.test(value) ? 64 : 94;
  return value.length * Math.log2(alphabet);
}
