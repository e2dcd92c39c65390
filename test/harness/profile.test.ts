import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { jsonProblem, parseProfile, ProfileError, requireCredentials } from '../../driver/profile';
import { RINGCENTRAL_PROFILE } from '../../cli/targets';

const LOGIN = { username: '#u', password: '#p', submit: 'text=Go' };

function minimal(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'mine',
    baseUrl: 'https://auth.example.test',
    paths: { authorize: '/a', token: '/t', revoke: '/r', resource: '/me' },
    apps: { 'private-desktop': { clientId: { env: 'MY_ID' }, clientSecret: { env: 'MY_SECRET' }, redirectUris: ['https://app.example.test/cb'] } },
    users: { main: { username: { env: 'MY_USER' }, password: { env: 'MY_PASSWORD', optional: true } } },
    loginPage: LOGIN,
    ...extra,
  };
}

const ENV = { MY_ID: 'id-1', MY_SECRET: 'secret-1', MY_USER: 'alice' };

function problem(data: unknown, env: Record<string, string> = ENV): string {
  try {
    parseProfile(data, 'mine.json', env);
  } catch (error) {
    assert.ok(error instanceof ProfileError, `expected a ProfileError, got ${String(error)}`);
    return error.message;
  }
  assert.fail('the profile was accepted');
}

describe('target profiles', () => {
  it('resolves environment references and derives tls from an https base URL', () => {
    const { profile } = parseProfile(minimal(), 'mine.json', ENV);
    assert.deepEqual(profile.apps['private-desktop'], { clientId: 'id-1', clientSecret: 'secret-1', redirectUris: ['https://app.example.test/cb'] });
    assert.deepEqual(profile.users['main'], { username: 'alice' });
    assert.deepEqual(profile.capabilities, ['tls']);
    assert.deepEqual(profile.rateLimits, []);
  });

  it('leaves out an app or a user whose variables are all unset', () => {
    const { profile } = parseProfile(minimal(), 'mine.json', {});
    assert.deepEqual(profile.apps, {});
    assert.deepEqual(profile.users, {});
  });

  for (const [what, data, env, pattern] of [
    ['a literal secret', minimal({ apps: { 'private-desktop': { clientId: 'x', clientSecret: 'literal' } } }), ENV, /apps\.private-desktop\.clientSecret: a secret must come from the environment/],
    ['an unknown app type', minimal({ apps: { 'private-toaster': { clientId: 'x' } } }), ENV, /apps\.private-toaster: not an app type/],
    ['a misspelt field', minimal({ rateLimit: [] }), ENV, /mine\.json: rateLimit: unknown field/],
    ['a relative path', minimal({ paths: { authorize: 'a', token: '/t', revoke: '/r', resource: '/me' } }), ENV, /paths\.authorize: "a" must start with a single \//],
    ['a base URL that is no URL', minimal({ baseUrl: 'auth.example' }), ENV, /baseUrl: "auth\.example" is not a URL/],
    ['an unknown capability', minimal({ capabilities: ['teleport'] }), ENV, /capabilities\[0\]: "teleport" is not a capability/],
    ['a bad rate limit', minimal({ rateLimits: [{ group: 'auth', endpoints: ['token'], requests: 0, windowSeconds: 60 }] }), ENV, /rateLimits\[0\]\.requests: must be a positive whole number/],
    ['a secret set without its app id', minimal(), { MY_ID: 'id-1', MY_USER: 'alice' }, /needs MY_SECRET \(for apps\.private-desktop\.clientSecret\) in the environment/],
    ['a login page without its submit button', minimal({ loginPage: { username: '#u', password: '#p' } }), ENV, /loginPage\.submit: missing; write a non-empty string/],
    ['no base URL', minimal({ baseUrl: undefined }), ENV, /mine\.json: baseUrl: missing; write the value, or \{ "env": "VARIABLE_NAME" \}/],
    ['no paths', minimal({ paths: undefined }), ENV, /paths: missing; write an object/],
    ['a secret given as a default', minimal({ apps: { 'private-desktop': { clientId: 'x', clientSecret: { env: 'S', default: 'literal' } } } }), ENV, /clientSecret\.default: a secret must come from the environment/],
    ['a private app without a secret', minimal({ apps: { 'private-desktop': { clientId: 'x' } } }), ENV, /apps\.private-desktop\.clientSecret: a private app needs its client secret/],
    ['a path naming another host', minimal({ paths: { authorize: '/a', token: '//evil.example/t', revoke: '/r', resource: '/me' } }), ENV, /paths\.token: "\/\/evil\.example\/t" must start with a single \//],
    ['a base URL with a path', minimal({ baseUrl: 'https://auth.example.test/restapi' }), ENV, /baseUrl: must be an origin such as https:\/\/auth\.example\.test; put the path \/restapi in front/],
    ['a base URL with a password', minimal({ baseUrl: 'https://u:pw@auth.example.test' }), ENV, /baseUrl: must not carry a user name or password/],
    ['tls claimed over plain http', minimal({ baseUrl: 'http://127.0.0.1:1', capabilities: ['tls'] }), ENV, /capabilities: tls follows from an https baseUrl/],
    ['a window too long to wait', minimal({ rateLimits: [{ group: 'auth', endpoints: ['token'], requests: 5, windowSeconds: 1e12 }] }), ENV, /windowSeconds: must be a positive number up to 86400/],
    ['a description that is no text', minimal({ description: 42 }), ENV, /description: must be a non-empty string/],
  ] as const) {
    it(`names the field for ${what}`, () => {
      assert.match(problem(data, env), pattern);
    });
  }

  it('takes a profile without a login page: only the scenarios that sign in skip', () => {
    const { profile } = parseProfile(minimal({ loginPage: undefined }), 'mine.json', ENV);
    assert.equal(profile.loginPage, undefined);
  });

  it('says where invalid JSON breaks, by line and column', () => {
    assert.equal(jsonProblem(new SyntaxError("Expected property name or '}' in JSON at position 12"), '{\n  "a": 1,\n}'), "Expected property name or '}' in JSON at position 12 (line 3, column 1)");
  });

  it('without any credentials, names every variable the shipped ringcentral profile reads', () => {
    const data: unknown = JSON.parse(readFileSync(RINGCENTRAL_PROFILE, 'utf8'));
    const loaded = parseProfile(data, RINGCENTRAL_PROFILE, {});
    assert.equal(loaded.profile.baseUrl, 'https://platform.ringcentral.com');
    assert.throws(
      () => requireCredentials(loaded, data, {}, 'see .env.example'),
      (error: Error) =>
        error instanceof ProfileError &&
        /^target ringcentral has no app and no user credentials: set RINGCENTRAL_PUBLIC_BROWSER_BASED_CLIENT_ID, .*RINGCENTRAL_PRIVATE_SERVER_ONLY_CLIENT_ID, .*RINGCENTRAL_USERNAME /.test(error.message) &&
        !error.message.includes('RINGCENTRAL_SERVER_URL') &&
        !error.message.includes('\n'),
    );
  });

  it('accepts the shipped ringcentral profile with credentials, and without a password the user still counts', () => {
    const env = { RINGCENTRAL_PRIVATE_SERVER_ONLY_CLIENT_ID: 'id', RINGCENTRAL_PRIVATE_SERVER_ONLY_CLIENT_SECRET: 's', RINGCENTRAL_USERNAME: 'u', RINGCENTRAL_JWT: 'j.w.t' };
    const { profile, baseline } = parseProfile(JSON.parse(readFileSync(RINGCENTRAL_PROFILE, 'utf8')), RINGCENTRAL_PROFILE, env);
    assert.deepEqual(Object.keys(profile.apps), ['private-server-only']);
    assert.deepEqual(profile.users['main'], { username: 'u', jwt: 'j.w.t' });
    assert.deepEqual(profile.capabilities, ['jwt-grant', 'tls']);
    assert.equal(profile.rateLimits[0]?.requests, 5);
    assert.match(baseline ?? '', /targets\/ringcentral\/baseline\.json$/);
  });
});
