/**
 * Steps about what the resource server's challenges say (RFC 6750 §3, §3.1), how long and how securely its
 * tokens work (RFC 6749 §7, §10.3; RFC 6750 §2.3, §5.2), and the revocation endpoint's rules and errors
 * (RFC 7009 §2.1, §2.2, §2.2.1).
 */
import { Given, Then, When } from '@cucumber/cucumber';
import type { OAuthErrorCode } from '../spec/oauth-errors';
import { alterOneCharacter, type EndpointResponse, isRecord, randomValue } from '../driver/driver';
import { ConformanceFailure } from '../driver/errors';
import { describe, expectBearerError, expectChallenge, expectEndpointError, expectWellFormedBearerChallenges } from './expectations';
import type { ConformanceWorld } from './world';

/** The refusals a scenario collected to check their challenges together. */
const collected = new WeakMap<ConformanceWorld, EndpointResponse[]>();

/** The target's resource that needs a scope the scenario's token lacks, or why there is none to call. */
function scopedResourceFor(world: ConformanceWorld): { scope: string } | { skip: string } {
  const scoped = world.parameters.target.scopedResource;
  if (scoped === undefined) return { skip: `target ${world.parameters.target.name} has no resource that needs a scope` };
  const granted = world.currentTokens.scope?.split(' ') ?? [];
  if (granted.includes(scoped.scope)) return { skip: `the token was granted ${scoped.scope}, the scope the resource needs` };
  return { scope: scoped.scope };
}

// Scope (RFC 6749 §7, RFC 6750 §3.1)

When('the app calls a resource its token has no scope for', async function (this: ConformanceWorld) {
  const scoped = scopedResourceFor(this);
  if ('skip' in scoped) {
    this.log(`skipped: ${scoped.skip}`);
    return 'skipped';
  }
  this.resourceResponse = this.watch(await this.driver.callScopedResource(this.currentTokens.accessToken));
  return undefined;
});

Then('the resource refuses the token with a Bearer challenge naming {oauthError}', function (this: ConformanceWorld, code: OAuthErrorCode) {
  expectBearerError(this.resourceAnswer(), code);
});

Then('the refusal has HTTP status {int}', function (this: ConformanceWorld, status: number) {
  const response = this.resourceAnswer();
  if (response.status !== status) throw new ConformanceFailure('RFC 6750 §3.1', `HTTP ${status}`, describe(response));
});

Then('the challenge names the scope the resource needs', function (this: ConformanceWorld) {
  const needed = this.parameters.target.scopedResource?.scope ?? '';
  const scope = expectChallenge(this.resourceAnswer(), 'Bearer', 'RFC 6750 §3').params.get('scope');
  if (!(scope?.split(' ') ?? []).includes(needed)) {
    throw new ConformanceFailure('RFC 6750 §3.1', `scope="${needed}" in the challenge`, scope === undefined ? 'it named no scope' : `scope was "${scope}"`);
  }
});

// The form of challenges (RFC 6750 §3)

When(
  'the app calls the resources without a token, with a made-up token and with a token lacking the needed scope',
  async function (this: ConformanceWorld) {
    const responses = [
      await this.driver.callResource(undefined, []),
      await this.driver.callResource(randomValue(), ['header']),
    ];
    const scoped = scopedResourceFor(this);
    if ('skip' in scoped) this.log(`no insufficient_scope challenge to check: ${scoped.skip}`);
    else responses.push(await this.driver.callScopedResource(this.currentTokens.accessToken));
    collected.set(this, responses.map((response) => this.watch(response)));
  },
);

/** Only the refusals carry challenges; whether each call should have been refused is other scenarios' business. */
Then('every Bearer challenge it received is well formed', function (this: ConformanceWorld) {
  const refusals = (collected.get(this) ?? []).map((response) => this.examine(response, 'resource response')).filter((response) => response.status >= 400);
  if (refusals.length === 0) throw new ConformanceFailure('RFC 6750 §3', 'at least one refusal with a Bearer challenge', 'the resource refused none of the calls');
  for (const response of refusals) expectWellFormedBearerChallenges(response);
});

// Tokens that must not work (RFC 6749 §7, §10.3; RFC 6750 §5.2)

When('the app calls the protected resource with its access token altered in one character', async function (this: ConformanceWorld) {
  this.resourceResponse = this.watch(await this.driver.callResource(alterOneCharacter(this.currentTokens.accessToken), ['header']));
});

Given('the token response states a finite lifetime for the access token', function (this: ConformanceWorld) {
  const body = this.examine(this.tokenResponse, 'token response').json;
  const expiresIn = isRecord(body) ? body['expires_in'] : undefined;
  if (expiresIn === undefined) {
    // RFC 6749 §5.1 only recommends expires_in; without it the lifetime can only be guessed.
    this.log('skipped: the token response states no expires_in, so there is no lifetime to wait out');
    return 'skipped';
  }
  if (typeof expiresIn !== 'number' || !Number.isInteger(expiresIn) || expiresIn <= 0) {
    throw new ConformanceFailure('RFC 6750 §5.2', 'expires_in as a positive number of seconds', `it was ${JSON.stringify(expiresIn)}`);
  }
  return undefined;
});

Then('the protected resource refuses the access token as {oauthError}', async function (this: ConformanceWorld, code: OAuthErrorCode) {
  const response = this.examine(await this.driver.callResource(this.currentTokens.accessToken, ['header']), 'resource response');
  expectBearerError(response, code);
});

// Caching (RFC 6750 §2.3)

Then('the answer is marked private for caches', function (this: ConformanceWorld) {
  const response = this.resourceAnswer();
  if (response.status < 200 || response.status >= 300) {
    // Accepting tokens in the query is optional (RFC 6750 §2.3), and the rule is about successful answers.
    this.log(`skipped: the resource answered HTTP ${response.status}, not a success`);
    return 'skipped';
  }
  const cacheControl = response.headers['cache-control'] ?? '';
  if (!/(^|,)\s*private\s*(=|,|$)/i.test(cacheControl)) {
    throw new ConformanceFailure('RFC 6750 §2.3', 'Cache-Control: private', cacheControl === '' ? 'there was no Cache-Control' : `Cache-Control was "${cacheControl}"`);
  }
  return undefined;
});

// Revocation (RFC 7009)

When('the app revokes its access token with the token type hint {string}', async function (this: ConformanceWorld, hint: string) {
  this.revoked = 'access_token';
  this.revocationResponse = this.watch(await this.driver.revoke(this.app, this.currentTokens.accessToken, hint));
});

When('the app revokes its access token with a wrong client secret', async function (this: ConformanceWorld) {
  this.revocationResponse = this.watch(
    await this.driver.revoke(this.app, this.currentTokens.accessToken, 'access_token', 'wrong-secret'),
  );
});

async function callWithAccessToken(world: ConformanceWorld): Promise<EndpointResponse> {
  return world.examine(await world.driver.callResource(world.currentTokens.accessToken, ['header']), 'resource response');
}

function refused(response: EndpointResponse): boolean {
  return response.status >= 400 && response.status < 500;
}

Then('the access token no longer works', async function (this: ConformanceWorld) {
  const response = await callWithAccessToken(this);
  if (!refused(response)) throw new ConformanceFailure('RFC 7009 §2.1', 'the revoked token to be refused at once', describe(response));
});

Then('the access token still works', async function (this: ConformanceWorld) {
  const response = await callWithAccessToken(this);
  if (response.status !== 200) throw new ConformanceFailure('RFC 7009 §2.1', 'the token to keep working', describe(response));
});

// §2.2.1 lets a server decline to revoke access tokens; then the token must not have been touched.
Then('the access token is either revoked at once or refused as an unsupported token type', async function (this: ConformanceWorld) {
  const revocation = this.examine(this.revocationResponse, 'revocation response');
  const after = await callWithAccessToken(this);
  if (revocation.status === 200) {
    if (!refused(after)) throw new ConformanceFailure('RFC 7009 §2.1', 'the revoked token to be refused at once', describe(after));
    return;
  }
  expectEndpointError(revocation, 'unsupported_token_type', 'RFC 7009 §2.2.1');
  if (after.status !== 200) {
    throw new ConformanceFailure('RFC 7009 §2.2.1', 'the token the server would not revoke to keep working', describe(after));
  }
});

Then('the revocation fails with an RFC 6749 error {oauthError}', function (this: ConformanceWorld, code: OAuthErrorCode) {
  const response = this.examine(this.revocationResponse, 'revocation response');
  // The shared check includes the field syntax of RFC 6749 §5.2.
  expectEndpointError(response, code, 'RFC 7009 §2.2.1');
});

Then('the failure challenges the client to authenticate with Basic', function (this: ConformanceWorld) {
  const response = this.examine(this.revocationResponse, 'revocation response');
  // §5.2: a client that authenticated through the Authorization header gets 401 and a challenge of its scheme.
  if (response.status !== 401) throw new ConformanceFailure('RFC 6749 §5.2', 'HTTP 401', describe(response));
  expectChallenge(response, 'Basic', 'RFC 6749 §5.2');
});
