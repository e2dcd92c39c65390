import { Then, When } from '@cucumber/cucumber';
import type { OAuthErrorCode } from '../spec/oauth-errors';
import { randomValue, type TokenPlacement } from '../driver/driver';
import { ConformanceFailure, HarnessError, SkipScenario } from '../driver/errors';
import { expectBearerError, expectBearerTokens, expectChallenge, expectClientErrorStatus, expectStatus } from './expectations';
import { THROUGH_CLIENT } from './step-kinds';
import type { ConformanceWorld } from './world';

async function callWith(world: ConformanceWorld, token: string | undefined, placements: TokenPlacement[]): Promise<void> {
  if (world.client !== undefined) {
    // A client library picks the token itself and refreshes after a 401, so its call says nothing about this token.
    throw new SkipScenario(
      `the ${world.client.name} client decides which token it sends and retries after a refusal, so the resource's answer to this token is the harness's to ask for, not the client's`,
    );
  }
  world.resourceResponse = world.watch(await world.driver.callResource(token, placements));
}

When('the app calls the protected resource with the token in the {placement}', THROUGH_CLIENT, async function (this: ConformanceWorld, placement: TokenPlacement) {
  await callWith(this, this.currentTokens.accessToken, [placement]);
});

When(
  'the app calls the protected resource with the token in the {placement} and the {placement}',
  THROUGH_CLIENT,
  async function (this: ConformanceWorld, first: TokenPlacement, second: TokenPlacement) {
    await callWith(this, this.currentTokens.accessToken, [first, second]);
  },
);

When('the app calls the protected resource without a token', THROUGH_CLIENT, async function (this: ConformanceWorld) {
  await callWith(this, undefined, []);
});

When('the app calls the protected resource with a made-up token', THROUGH_CLIENT, async function (this: ConformanceWorld) {
  await callWith(this, randomValue(), ['header']);
});

Then("the protected resource answers with the user's data", function (this: ConformanceWorld) {
  const response = this.resourceAnswer();
  expectStatus(response, 200, 'RFC 6750 §2');
  if (typeof response.json !== 'object' || response.json === null) {
    throw new ConformanceFailure('RFC 6750 §2', 'the resource in the response body', 'the body was not a JSON object');
  }
});

/** RFC 6750 §3: a request that could not be let in gets a Bearer challenge, whatever else it carries. */
Then('the protected resource refuses with a Bearer challenge', function (this: ConformanceWorld) {
  const response = this.resourceAnswer();
  expectClientErrorStatus(response, 'RFC 6749 §7');
  expectChallenge(response, 'Bearer', 'RFC 6750 §3');
});

Then('the challenge carries no error code', function (this: ConformanceWorld) {
  const error = expectChallenge(this.resourceAnswer(), 'Bearer', 'RFC 6750 §3').params.get('error');
  if (error !== undefined) throw new ConformanceFailure('RFC 6750 §3.1', 'no error code when the request carried no token', `error="${error}"`);
});

Then('the protected resource refuses with a Bearer challenge naming {oauthError}', function (this: ConformanceWorld, code: OAuthErrorCode) {
  expectBearerError(this.resourceAnswer(), code);
});

Then('the protected resource refuses the request as {oauthError}', function (this: ConformanceWorld, code: OAuthErrorCode) {
  expectBearerError(this.resourceAnswer(), code);
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
