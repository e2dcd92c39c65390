import { Then, When } from '@cucumber/cucumber';
import type { OAuthErrorCode } from '../spec/oauth-errors';
import { randomValue, type TokenPlacement } from '../driver/driver';
import { ConformanceFailure, HarnessError } from '../driver/errors';
import { expectBearerError, expectBearerTokens, expectChallenge, expectStatus } from './expectations';
import type { ConformanceWorld } from './world';

function lastResourceResponse(world: ConformanceWorld) {
  return world.examine(world.resourceResponse, 'resource response');
}

async function callWith(world: ConformanceWorld, token: string | undefined, placements: TokenPlacement[]): Promise<void> {
  world.resourceResponse = world.watch(await world.driver.callResource(token, placements));
}

When('the app calls the protected resource with the token in the {placement}', async function (this: ConformanceWorld, placement: TokenPlacement) {
  await callWith(this, this.currentTokens.accessToken, [placement]);
});

When(
  'the app calls the protected resource with the token in the {placement} and the {placement}',
  async function (this: ConformanceWorld, first: TokenPlacement, second: TokenPlacement) {
    await callWith(this, this.currentTokens.accessToken, [first, second]);
  },
);

When('the app calls the protected resource without a token', async function (this: ConformanceWorld) {
  await callWith(this, undefined, []);
});

When('the app calls the protected resource with a made-up token', async function (this: ConformanceWorld) {
  await callWith(this, randomValue(), ['header']);
});

Then("the protected resource answers with the user's data", function (this: ConformanceWorld) {
  const response = lastResourceResponse(this);
  expectStatus(response, 200, 'RFC 6750 §2');
  if (typeof response.json !== 'object' || response.json === null) {
    throw new ConformanceFailure('RFC 6750 §2', 'the resource in the response body', 'the body was not a JSON object');
  }
});

Then(
  'the protected resource refuses with 401 and a Bearer challenge without an error code',
  function (this: ConformanceWorld) {
    const response = lastResourceResponse(this);
    expectStatus(response, 401, 'RFC 6750 §3');
    const challenge = expectChallenge(response, 'Bearer', 'RFC 6750 §3');
    if (challenge.params.has('error')) {
      throw new ConformanceFailure('RFC 6750 §3.1', 'no error code when the request carried no token', `error="${challenge.params.get('error')}"`);
    }
  },
);

Then(
  'the protected resource refuses with 401 and a Bearer challenge naming {oauthError}',
  function (this: ConformanceWorld, code: OAuthErrorCode) {
    expectStatus(lastResourceResponse(this), 401, 'RFC 6750 §3.1');
    expectBearerError(lastResourceResponse(this), code);
  },
);

Then('the protected resource refuses the request as {oauthError}', function (this: ConformanceWorld, code: OAuthErrorCode) {
  expectBearerError(lastResourceResponse(this), code);
});

Then('the protected resource accepts the access token', async function (this: ConformanceWorld) {
  await this.expectResourceAccepts(this.currentTokens.accessToken);
});

Then('the protected resource accepts the new access token', async function (this: ConformanceWorld) {
  await this.expectResourceAccepts(this.currentTokens.accessToken);
});

Then('the protected resource refuses the access token', async function (this: ConformanceWorld) {
  await this.expectResourceRefuses(this.currentTokens.accessToken, 'RFC 6750 §3.1');
});

Then('the protected resource refuses the previous access token', async function (this: ConformanceWorld) {
  // Only a refresh that worked has a previous token to check.
  expectBearerTokens(this.examine(this.tokenResponse, 'token response'));
  const previous = this.previousTokens?.accessToken;
  if (previous === undefined) throw new HarnessError('the scenario holds no previous access token');
  await this.expectResourceRefuses(previous, 'RingCentral refresh semantics');
});
