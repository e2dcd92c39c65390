import { Given, Then, When } from '@cucumber/cucumber';
import type { OAuthErrorCode } from '../spec/oauth-errors';
import { randomValue } from '../driver/driver';
import { APP_KIND_WORDS, type AppKind } from '../spec/app-types';
import { ConformanceFailure, SkipScenario } from '../driver/errors';
import { describe, expectEndpointError } from './expectations';
import { THROUGH_CLIENT } from './step-kinds';
import type { ConformanceWorld } from './world';

When('the app revokes its access token', THROUGH_CLIENT, async function (this: ConformanceWorld) {
  this.revoked = 'access_token';
  const { accessToken } = this.currentTokens;
  const response = this.client === undefined ? await this.driver.revoke(this.app, accessToken, 'access_token') : await this.client.logout(this.app, accessToken);
  if (response === undefined) throw new ConformanceFailure('RFC 7009 §2.1', 'a revocation request for the access token', `the ${this.client?.name} client sent none`);
  this.revocationResponse = this.watch(response);
});

function refreshTokenOf(world: ConformanceWorld): string {
  const token = world.currentTokens.refreshToken;
  if (token === undefined) throw new ConformanceFailure('RFC 6749 §6', 'a refresh token', 'none was issued');
  return token;
}

When('the app revokes its refresh token', async function (this: ConformanceWorld) {
  this.revoked = 'refresh_token';
  this.revocationResponse = this.watch(await this.driver.revoke(this.app, refreshTokenOf(this), 'refresh_token'));
});

/** Every server revokes refresh tokens (RFC 7009 §2), so this precondition holds for any conformant one. */
Given('the app has revoked its refresh token', async function (this: ConformanceWorld) {
  const response = await this.driver.revoke(this.app, refreshTokenOf(this), 'refresh_token');
  if (response.status !== 200) throw new ConformanceFailure('RFC 7009 §2.2', 'HTTP 200', describe(response));
});

When('the app revokes its refresh token calling it an access token', async function (this: ConformanceWorld) {
  this.revoked = 'refresh_token';
  this.revocationResponse = this.watch(await this.driver.revoke(this.app, refreshTokenOf(this), 'access_token'));
});

When("a {appType} app revokes the app's access token", async function (this: ConformanceWorld, kind: AppKind) {
  const other = this.appOfKind(kind);
  if (other === undefined) throw new SkipScenario(`target ${this.parameters.target.name} has no ${APP_KIND_WORDS[kind]} app`);
  this.revocationResponse = this.watch(await this.driver.revoke(other, this.currentTokens.accessToken, 'access_token'));
});

When('the app revokes a made-up token', async function (this: ConformanceWorld) {
  this.revocationResponse = this.watch(await this.driver.revoke(this.app, randomValue()));
});

When('the app sends a revocation request without a token', async function (this: ConformanceWorld) {
  this.revocationResponse = this.watch(await this.driver.revoke(this.app, undefined));
});

When('the app revokes its access token without authenticating', async function (this: ConformanceWorld) {
  this.revocationResponse = this.watch(
    await this.driver.revoke(this.app, this.currentTokens.accessToken, 'access_token', 'id-only'),
  );
});

Then('the revocation succeeds', function (this: ConformanceWorld) {
  const response = this.examine(this.revocationResponse, 'revocation response');
  if (response.status !== 200) throw new ConformanceFailure('RFC 7009 §2.2', 'HTTP 200', describe(response));
});

// RFC 7009 §2.1 says the request is refused but names no error code for it.
Then('the revocation is refused', function (this: ConformanceWorld) {
  const response = this.examine(this.revocationResponse, 'revocation response');
  if (response.status < 400) throw new ConformanceFailure('RFC 7009 §2.1', 'the revocation to be refused', describe(response));
});

Then('the revocation fails with {oauthError}', function (this: ConformanceWorld, code: OAuthErrorCode) {
  expectEndpointError(this.examine(this.revocationResponse, 'revocation response'), code, 'RFC 7009 §2.2.1');
});
