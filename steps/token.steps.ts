import { Given, Then, When } from '@cucumber/cucumber';
import { APP_KIND_WORDS, type AppKind } from '../spec/app-types';
import type { OAuthErrorCode } from '../spec/oauth-errors';
import { ConformanceFailure, HarnessError, SkipScenario } from '../driver/errors';
import { alterOneCharacter, type ClientAuthentication, type FormParams, randomValue, type TokenResponse } from '../driver/driver';
import type { AppCredentials } from '../driver/target';
import {
  expectBearerTokens,
  expectChallenge,
  expectEndpointError,
  expectNoCaching,
  expectNoTokens,
  expectStatus,
  expectVendorCode,
} from './expectations';
import type { Outcome } from './parameter-types';
import { THROUGH_CLIENT } from './step-kinds';
import type { ConformanceWorld } from './world';

function otherApp(world: ConformanceWorld, kind: AppKind): AppCredentials {
  const app = world.appOfKind(kind);
  if (app === undefined) throw new SkipScenario(`target ${world.parameters.target.name} has no ${APP_KIND_WORDS[kind]} app`);
  return app;
}

function passwordParams(world: ConformanceWorld): FormParams {
  return [
    ['grant_type', 'password'],
    ['username', world.passwordUser.username],
    ['password', world.passwordUser.password],
  ];
}

function lastTokenResponse(world: ConformanceWorld): TokenResponse {
  return world.examine(world.tokenResponse, 'token response');
}

// Password grant (RFC 6749 §4.3)

When("the app requests a token with the user's password", THROUGH_CLIENT, async function (this: ConformanceWorld) {
  this.keepTokenResponse(await this.passwordGrant(this.app, this.passwordUser));
});

When('the app requests a token with a wrong password', THROUGH_CLIENT, async function (this: ConformanceWorld) {
  this.keepTokenResponse(await this.passwordGrant(this.app, { ...this.passwordUser, password: `${this.passwordUser.password}-wrong` }));
});

// JWT bearer grant (RFC 7523 §2.1)

When("the app requests a token with the user's JWT credential", THROUGH_CLIENT, async function (this: ConformanceWorld) {
  this.keepTokenResponse(await this.jwtGrant(this.app, this.userJwt));
});

When("the app requests a token with the user's JWT credential altered in one character", THROUGH_CLIENT, async function (this: ConformanceWorld) {
  this.keepTokenResponse(await this.jwtGrant(this.app, alterOneCharacter(this.userJwt)));
});

When('the app requests a token by the JWT grant without an assertion', async function (this: ConformanceWorld) {
  this.requireCapability('jwt-grant');
  this.keepTokenResponse(await this.driver.jwtGrant(this.app, undefined));
});

When('the app requests a token for an unknown user', THROUGH_CLIENT, async function (this: ConformanceWorld) {
  this.keepTokenResponse(await this.passwordGrant(this.app, { username: '+15550000000', password: this.passwordUser.password }));
});

When('the app requests a token without the password', async function (this: ConformanceWorld) {
  this.keepTokenResponse(await this.driver.passwordGrant(this.app, { username: this.passwordUser.username }));
});

Then('the password flow is {outcome}', async function (this: ConformanceWorld, outcome: Outcome) {
  const response = lastTokenResponse(this);
  if (outcome === 'allowed') {
    expectBearerTokens(response);
    await this.expectResourceAccepts(this.currentTokens.accessToken);
  } else {
    expectEndpointError(response, 'unauthorized_client', 'RingCentral app types');
    expectVendorCode(response, 'OAU-251');
  }
});

// Authorization code redemption (RFC 6749 §4.1.3, RFC 7636 §4.5)

When('the app redeems the code', THROUGH_CLIENT, async function (this: ConformanceWorld) {
  this.keepTokenResponse(await this.redeemCode());
});

Given('the app has redeemed the code', async function (this: ConformanceWorld) {
  const response = this.keepTokenResponse(await this.redeemCode());
  expectBearerTokens(this.examine(response, 'token response'));
});

When('the app redeems the code a second time', THROUGH_CLIENT, async function (this: ConformanceWorld) {
  this.keepTokenResponse(await this.redeemCode());
});

When('the app redeems a made-up authorization code', THROUGH_CLIENT, async function (this: ConformanceWorld) {
  const redirectUri = this.app.redirectUris[0];
  const actor = this.client ?? this.driver;
  this.keepTokenResponse(await actor.redeemCode(this.app, randomValue(), redirectUri));
});

When('the app redeems a made-up authorization code without a grant type', async function (this: ConformanceWorld) {
  const params: FormParams = [['code', randomValue()], ['redirect_uri', this.app.redirectUris[0] ?? '']];
  this.keepTokenResponse(await this.driver.requestToken(this.app, params, { title: 'token request: a code without grant_type' }));
});

When("a {appType} app redeems the app's code", async function (this: ConformanceWorld, kind: AppKind) {
  this.keepTokenResponse(await this.redeemCode({ app: otherApp(this, kind) }));
});

When('the app redeems the code with its other registered redirect URI', async function (this: ConformanceWorld) {
  const other = this.app.redirectUris.find((uri) => uri !== this.sentAuthorization?.redirectUri);
  if (other === undefined) throw new SkipScenario(`target ${this.parameters.target.name} registers only one redirect URI for this app`);
  this.keepTokenResponse(await this.redeemCode({ redirectUri: other }));
});

When('the app redeems the code without a redirect URI', async function (this: ConformanceWorld) {
  this.keepTokenResponse(await this.redeemCode({ redirectUri: null }));
});

When('the app redeems the code with its code verifier', THROUGH_CLIENT, async function (this: ConformanceWorld) {
  if (this.sentAuthorization?.codeVerifier === undefined) throw new HarnessError('the scenario sent no PKCE challenge');
  this.keepTokenResponse(await this.redeemCode());
});

When('the app redeems the code without a code verifier', async function (this: ConformanceWorld) {
  this.keepTokenResponse(await this.redeemCode({ codeVerifier: null }));
});

When('the app redeems the code with a wrong code verifier', async function (this: ConformanceWorld) {
  this.keepTokenResponse(await this.redeemCode({ codeVerifier: randomValue() }));
});

// Token endpoint request handling (RFC 6749 §3.2, §5.2)

When('the app requests a token with grant type {string}', async function (this: ConformanceWorld, grantType: string) {
  const response = await this.driver.requestToken(this.app, [['grant_type', grantType]], { title: `token request: grant type ${grantType}` });
  this.keepTokenResponse(response);
});

When('the app requests a token without a grant type', async function (this: ConformanceWorld) {
  const params = passwordParams(this).filter(([name]) => name !== 'grant_type');
  this.keepTokenResponse(await this.driver.requestToken(this.app, params, { title: 'token request: no grant type' }));
});

When('the app requests a token sending the grant type twice', async function (this: ConformanceWorld) {
  const params: FormParams = [['grant_type', 'password'], ...passwordParams(this)];
  this.keepTokenResponse(await this.driver.requestToken(this.app, params, { title: 'token request: grant type repeated' }));
});

When("the app requests a token with the user's password by GET", async function (this: ConformanceWorld) {
  const response = await this.driver.requestToken(this.app, passwordParams(this), { title: 'token request by GET', method: 'GET' });
  this.keepTokenResponse(response);
});

When("the app requests a token with the user's password as JSON", async function (this: ConformanceWorld) {
  const response = await this.driver.requestToken(this.app, passwordParams(this), {
    title: 'token request as JSON',
    encoding: 'json',
  });
  this.keepTokenResponse(response);
});

Then('no token is issued', function (this: ConformanceWorld) {
  expectNoTokens(lastTokenResponse(this), 'RFC 6749 §3.2');
});

// Client authentication (RFC 6749 §2.3)

/** How a scenario words each way of (not) authenticating, and how the transcript titles the request. */
const CLIENT_AUTHENTICATION_WORDS: ReadonlyArray<readonly [string, ClientAuthentication, string]> = [
  ['with a wrong client secret', 'wrong-secret', 'wrong client secret'],
  ['with a malformed Basic header', 'malformed-basic', 'malformed Basic header'],
  ['without authenticating', 'id-only', 'client_id without a secret'],
  ['without identifying itself', 'none', 'no client identification'],
  ['authenticating both by header and in the body', 'basic-and-body', 'two authentication methods'],
  ['with its client id and secret in the body', 'body-credentials', 'client id and secret in the body'],
];

for (const [words, auth, title] of CLIENT_AUTHENTICATION_WORDS) {
  When(`the app requests a token ${words}`, async function (this: ConformanceWorld) {
    const response = await this.driver.requestToken(this.app, passwordParams(this), { title: `token request: ${title}`, auth });
    this.keepTokenResponse(response);
  });
  When(`the app redeems the code ${words}`, async function (this: ConformanceWorld) {
    this.keepTokenResponse(await this.redeemCode({ auth }));
  });
}

/** Where a spec leaves the server a choice of two codes (e.g. a client that names no client_id, §3.2.1 and §5.2). */
Then('the token request fails with {oauthError} or {oauthError}', function (this: ConformanceWorld, one: OAuthErrorCode, other: OAuthErrorCode) {
  const response = lastTokenResponse(this);
  expectEndpointError(response, response.error?.error === other ? other : one, 'RFC 6749 §5.2');
});

Then('the response challenges the client to authenticate with Basic', function (this: ConformanceWorld) {
  const response = lastTokenResponse(this);
  expectStatus(response, 401, 'RFC 6749 §5.2');
  expectChallenge(response, 'Basic', 'RFC 6749 §5.2');
});

// Refresh (RFC 6749 §6)

When('the app refreshes its access token', THROUGH_CLIENT, async function (this: ConformanceWorld) {
  this.keepTokenResponse(await this.refreshTokens(this.app, refreshTokenOf(this)));
});

When('the app refreshes its access token asking for the scope {string}', THROUGH_CLIENT, async function (this: ConformanceWorld, scope: string) {
  this.keepTokenResponse(await this.refreshTokens(this.app, refreshTokenOf(this), scope));
});

When('the app refreshes with a made-up refresh token', THROUGH_CLIENT, async function (this: ConformanceWorld) {
  this.keepTokenResponse(await this.refreshTokens(this.app, randomValue()));
});

When("a {appType} app uses the app's refresh token", async function (this: ConformanceWorld, kind: AppKind) {
  this.keepTokenResponse(await this.driver.refresh(otherApp(this, kind), refreshTokenOf(this)));
});

Then('the refresh token no longer works', async function (this: ConformanceWorld) {
  const response = this.examine(await this.driver.refresh(this.app, refreshTokenOf(this)), 'token response');
  // RFC 7009 §2.1 only allows a server to end the refresh token with its access token; RingCentral does.
  const rule = this.revoked === 'refresh_token' ? 'RFC 7009 §2.2' : 'RingCentral: revocation ends the whole session';
  expectEndpointError(response, 'invalid_grant', rule);
});

function refreshTokenOf(world: ConformanceWorld): string {
  const token = world.currentTokens.refreshToken;
  if (token === undefined) throw new ConformanceFailure('RFC 6749 §6', 'a refresh token with the access token', 'none was issued');
  return token;
}

// Outcomes

Then('the app receives a bearer access token', function (this: ConformanceWorld) {
  expectBearerTokens(lastTokenResponse(this));
});

Then('the app receives a new bearer access token', function (this: ConformanceWorld) {
  const response = lastTokenResponse(this);
  expectBearerTokens(response);
  if (response.tokens?.accessToken === this.previousTokens?.accessToken) {
    throw new ConformanceFailure('RFC 6749 §6', 'a new access token', 'the refresh returned the same access token');
  }
});

Then('the token request fails with {oauthError}', function (this: ConformanceWorld, code: OAuthErrorCode) {
  expectEndpointError(lastTokenResponse(this), code, 'RFC 6749 §5.2');
});

Then('the token response forbids caching', function (this: ConformanceWorld) {
  expectNoCaching(lastTokenResponse(this), 'RFC 6749 §5.1');
});

Then("the error carries RingCentral's error code {vendorCode}", function (this: ConformanceWorld, code: string) {
  expectVendorCode(lastTokenResponse(this), code);
});

Then('the error lists RingCentral error codes', function (this: ConformanceWorld) {
  const response = lastTokenResponse(this);
  if ((response.error?.vendorCodes.length ?? 0) === 0) {
    throw new ConformanceFailure('RingCentral error dialect', 'errors[] with an errorCode beside error', 'there was none');
  }
});
