import { Given } from '@cucumber/cucumber';
import { APP_KIND_WORDS, type AppKind } from '../spec/app-types';
import type { Flow } from './parameter-types';
import type { ConformanceWorld } from './world';

function chooseApp(world: ConformanceWorld, kind: AppKind): 'skipped' | undefined {
  const app = world.appOfKind(kind);
  if (app === undefined) {
    world.log(`skipped: target ${world.parameters.target.name} has no ${APP_KIND_WORDS[kind]} app`);
    return 'skipped';
  }
  world.useApp(app);
  return undefined;
}

Given('a {appType} app', function (this: ConformanceWorld, kind: AppKind) {
  return chooseApp(this, kind);
});

Given(
  'a {appType} app holding tokens from the {flow} flow',
  async function (this: ConformanceWorld, kind: AppKind, flow: Flow) {
    if (chooseApp(this, kind) === 'skipped') return 'skipped';
    await this.obtainTokens(flow);
    return undefined;
  },
);

// Where the way to the tokens does not matter: the app and the grant are the harness's choice for the target.
Given('an app', function (this: ConformanceWorld) {
  this.chooseAppForTokens();
});

Given('an app holding tokens', async function (this: ConformanceWorld) {
  await this.obtainTokens(this.chooseAppForTokens());
});

Given('an app holding tokens for the scope {string}', async function (this: ConformanceWorld, scope: string) {
  await this.obtainTokens(this.chooseAppForTokens(), scope);
});

Given('the app holds tokens', async function (this: ConformanceWorld) {
  await this.obtainTokens(this.grantForChosenApp());
});

Given('the app holds tokens for the scope {string}', async function (this: ConformanceWorld, scope: string) {
  await this.obtainTokens(this.grantForChosenApp(), scope);
});

Given('the app holds tokens from the {flow} flow', async function (this: ConformanceWorld, flow: Flow) {
  await this.obtainTokens(flow);
});

Given(
  'the app holds tokens from the password flow for the scope {string}',
  async function (this: ConformanceWorld, scope: string) {
    await this.obtainTokens('password', scope);
  },
);

Given('{int} minutes pass', async function (this: ConformanceWorld, minutes: number) {
  await this.passTime(minutes * 60);
});

/** Without expires_in the lifetime is unknown (RFC 6749 §5.1 only recommends it); an hour is the common default. */
const ASSUMED_LIFETIME_SECONDS = 3600;

Given('the access token has outlived its lifetime', async function (this: ConformanceWorld) {
  await this.passTime((this.currentTokens.expiresIn ?? ASSUMED_LIFETIME_SECONDS) + 60);
});
