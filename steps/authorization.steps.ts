import { Given, Then, When } from '@cucumber/cucumber';
import type { OAuthErrorCode } from '../spec/oauth-errors';
import { ConformanceFailure, HarnessError } from '../driver/errors';
import { randomValue } from '../driver/driver';
import { describeParams, expectBearerTokens, expectErrorPageInsteadOfRedirect, expectRedirectedError } from './expectations';
import type { Outcome } from './parameter-types';
import { NOT_THE_APP, THROUGH_CLIENT } from './step-kinds';
import type { ConformanceWorld } from './world';

/** A URI no app registers; loopback, so that a wrong redirect could never leave this machine. */
const UNREGISTERED_REDIRECT_URI = 'http://127.0.0.1:5999/not-registered/callback';

When('the user signs in and approves the app', NOT_THE_APP, async function (this: ConformanceWorld) {
  await this.signInAndDecide('approve');
});

When('the user signs in and declines the app', NOT_THE_APP, async function (this: ConformanceWorld) {
  await this.signInAndDecide('decline');
});

Given('the user has signed in and approved the app', async function (this: ConformanceWorld) {
  await this.signInAndDecide('approve');
  void this.code;
});

Given('the user has signed in and approved the app with a PKCE challenge', async function (this: ConformanceWorld) {
  await this.signInAndDecide('approve', 'S256');
  void this.code;
});

Given('the user has signed in and approved the app with a plain PKCE challenge', async function (this: ConformanceWorld) {
  await this.signInAndDecide('approve', 'plain');
  void this.code;
});

When('the app sends the user through the authorization code flow', THROUGH_CLIENT, async function (this: ConformanceWorld) {
  const outcome = await this.driver.requestAuthorization(this.newAuthorization());
  // Rows that expect a refusal run without a browser; a sign-in page there is itself the finding.
  if (outcome.showsLogin && this.browserTagged) await this.obtainTokens('authorization code');
  else this.authorization = outcome;
});

Then('the authorization code flow is {outcome}', async function (this: ConformanceWorld, outcome: Outcome) {
  if (outcome === 'allowed') {
    if (this.tokenResponse === undefined) {
      throw new ConformanceFailure('RingCentral app types', 'the sign-in page', `the authorization request was refused (${describeParams(this.authorization?.params)})`);
    }
    expectBearerTokens(this.tokenResponse);
    await this.expectResourceAccepts(this.currentTokens.accessToken);
    return;
  }
  if (this.tokens !== undefined) {
    throw new ConformanceFailure('RingCentral app types', 'the authorization request to be refused', 'the app obtained tokens');
  }
  const redirectUri = this.sentAuthorization?.redirectUri;
  // The profile names no redirect URI for the app: the server may still have one registered and send the
  // refusal there, or show it to the user (design: app-type rules).
  if (redirectUri === undefined) {
    if (this.authorization?.kind !== 'redirect') expectErrorPageInsteadOfRedirect(this.authorization, '');
    else if (this.authorization.params.get('error') !== 'unauthorized_client') {
      throw new ConformanceFailure('RFC 6749 §4.1.2.1', 'error=unauthorized_client', `the redirect carried ${describeParams(this.authorization.params)}`);
    }
  } else expectRedirectedError(this.authorization, redirectUri, 'unauthorized_client');
});

Then('the app receives an authorization code', function (this: ConformanceWorld) {
  const sent = this.sentAuthorization;
  if (this.authorization?.kind !== 'redirect' || sent?.redirectUri === undefined || !this.authorization.location?.startsWith(sent.redirectUri)) {
    throw new ConformanceFailure('RFC 6749 §4.1.2', 'a redirect to the registered redirect URI', 'none happened');
  }
  void this.code;
});

Then('the state the app sent comes back unchanged', function (this: ConformanceWorld) {
  const sent = this.sentAuthorization?.state;
  const returned = this.authorization?.params.get('state');
  if (sent === undefined) throw new HarnessError('the scenario sent no state');
  if (returned !== sent) {
    throw new ConformanceFailure(
      'RFC 6749 §4.1.2',
      'the state value exactly as sent',
      returned === null || returned === undefined ? 'the redirect carried no state' : 'the redirect carried a different state',
    );
  }
});

Then('the app is told {oauthError}', function (this: ConformanceWorld, code: OAuthErrorCode) {
  expectRedirectedError(this.authorization, this.sentAuthorization?.redirectUri, code);
});

Then('the authorization server shows an error instead of redirecting', function (this: ConformanceWorld) {
  expectErrorPageInsteadOfRedirect(this.authorization, this.sentAuthorization?.redirectUri ?? '');
});

async function askForAuthorization(world: ConformanceWorld, overrides: Parameters<ConformanceWorld['newAuthorization']>[0]): Promise<void> {
  world.authorization = await world.driver.requestAuthorization(world.newAuthorization(overrides));
}

When('the app asks for authorization with an unregistered redirect URI', async function (this: ConformanceWorld) {
  await askForAuthorization(this, { redirectUri: UNREGISTERED_REDIRECT_URI });
});

When('an unknown client asks for authorization', async function (this: ConformanceWorld) {
  await askForAuthorization(this, { clientId: `unknown-${randomValue().slice(0, 12)}` });
});

When('the app asks for authorization with response type {string}', async function (this: ConformanceWorld, type: string) {
  await askForAuthorization(this, { responseType: type });
});

When('the app asks for authorization without a response type', async function (this: ConformanceWorld) {
  await askForAuthorization(this, { responseType: null });
});

When('the app asks for authorization with the scope {string}', async function (this: ConformanceWorld, scope: string) {
  await askForAuthorization(this, { scope });
});
