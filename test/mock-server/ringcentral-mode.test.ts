import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { APP_KINDS } from '../../spec/app-types';
import { fail } from '../../mock-server/dialect';
import { JWT_BEARER } from '../../mock-server/grant-types';
import { startMockServer, type RunningMockServer } from '../../mock-server/index';
import { modePolicy } from '../../mock-server/mode';
import { RFC_ERROR_REPLIES, RINGCENTRAL_ERROR_REPLIES } from '../../mock-server/replies';
import { refuseRetiredGrantTypes } from '../../mock-server/rules/refuse-retired-grant-types';
import { requireTokenParameter } from '../../mock-server/rules/require-token-parameter';
import { appBasic, basic, codeFor, params, postForm, tokenRequest, type TokenBody } from './helpers';

const TOKEN = '/restapi/oauth/token';
const REVOKE = '/restapi/oauth/revoke';
const RESOURCE = '/restapi/v1.0/account/~/extension/~';
const MESSAGES = '/restapi/v1.0/account/~/extension/~/message-store';

const strict = modePolicy('strict');
const ringcentral = modePolicy('ringcentral');

interface RingCentralResourceError {
  errorCode: string;
  message: string;
  errors: { errorCode: string; message: string; permissionName?: string }[];
}

describe('mode policies', () => {
  test('strict is the reference; ringcentral drops the password grant and limits the Auth group', () => {
    assert.equal(strict.profileName, 'mock');
    assert.deepEqual(strict.capabilities, ['password-grant', 'jwt-grant']);
    assert.deepEqual(strict.grantTypes, ['authorization_code', 'password', 'refresh_token', JWT_BEARER]);
    assert.equal(strict.defaultAuthRateLimit, undefined);
    assert.equal(strict.errorReplies, RFC_ERROR_REPLIES);
    assert.equal(ringcentral.profileName, 'mock:ringcentral');
    assert.deepEqual(ringcentral.capabilities, ['jwt-grant']);
    assert.deepEqual(ringcentral.grantTypes, ['authorization_code', 'refresh_token', JWT_BEARER]);
    assert.deepEqual(ringcentral.defaultAuthRateLimit, { requests: 5, windowMs: 60_000 });
  });

  test('a mode that is none is refused', () => {
    assert.throws(() => modePolicy('lenient'), /mode must be strict or ringcentral, not lenient/);
  });
});

describe('rules that read the mode', () => {
  const verdict = (failure: ReturnType<typeof refuseRetiredGrantTypes>) =>
    failure === undefined ? 'pass' : `${failure.error} ${failure.vendorCode}`;

  test('refuse-retired-grant-types: the password grant for every app in ringcentral mode only', () => {
    assert.equal(verdict(refuseRetiredGrantTypes({ params: params('grant_type=password'), policy: ringcentral })), 'unauthorized_client OAU-251');
    assert.equal(verdict(refuseRetiredGrantTypes({ params: params('grant_type=password'), policy: strict })), 'pass');
    assert.equal(verdict(refuseRetiredGrantTypes({ params: params(`grant_type=${JWT_BEARER}`), policy: ringcentral })), 'pass');
    // An unknown grant type is require-grant-type's to refuse.
    assert.equal(verdict(refuseRetiredGrantTypes({ params: params('grant_type=client_credentials'), policy: ringcentral })), 'pass');
  });

  test('require-token-parameter: RingCentral answers a missing or empty token with CMN-101', () => {
    for (const query of ['', 'token=', 'token_type_hint=access_token']) {
      assert.equal(verdict(requireTokenParameter({ params: params(query), policy: ringcentral })), 'invalid_request CMN-101', query);
      assert.equal(verdict(requireTokenParameter({ params: params(query), policy: strict })), 'invalid_request OAU-101', query);
    }
  });
});

describe("RingCentral's error replies", () => {
  const { oauthError, resourceError } = RINGCENTRAL_ERROR_REPLIES;

  test('invalid_client is 400 without a challenge (strict: 401 with Basic)', () => {
    const failure = fail('invalid_client', 'OAU-123', 'Client authentication is required');
    const reply = oauthError(failure);
    assert.equal(reply.status, 400);
    assert.equal(reply.headers['WWW-Authenticate'], undefined);
    assert.equal(reply.headers['Cache-Control'], 'no-store');
    assert.deepEqual(JSON.parse(reply.body), {
      error: 'invalid_client',
      error_description: 'Client authentication is required',
      errors: [{ errorCode: 'OAU-123', message: 'Client authentication is required' }],
    });
    assert.equal(RFC_ERROR_REPLIES.oauthError(failure).status, 401);
    assert.equal(RFC_ERROR_REPLIES.oauthError(failure).headers['WWW-Authenticate'], 'Basic realm="mock"');
  });

  test('an unsupported grant type is invalid_request OAU-250', () => {
    const reply = oauthError(fail('unsupported_grant_type', 'OAU-250', 'grant_type x is not supported'));
    assert.equal(reply.status, 400);
    assert.equal(JSON.parse(reply.body).error, 'invalid_request');
    assert.equal(JSON.parse(reply.body).errors[0].errorCode, 'OAU-250');
  });

  test('statuses HTTP decides (405, 413) stay, other errors keep their names', () => {
    const reply = oauthError(fail('invalid_request', 'OAU-101', 'POST only', { status: 405, headers: { Allow: 'POST' } }));
    assert.equal(reply.status, 405);
    assert.equal(reply.headers['Allow'], 'POST');
    assert.equal(JSON.parse(oauthError(fail('invalid_grant', 'OAU-211', 'Token revoked')).body).error, 'invalid_grant');
  });

  test('resource errors: a category on top, the code inside, no WWW-Authenticate', () => {
    const invalid = resourceError(fail('invalid_token', 'OAU-149', 'bad', { bareChallenge: true }));
    assert.equal(invalid.status, 401);
    assert.equal(invalid.headers['WWW-Authenticate'], undefined);
    assert.deepEqual(JSON.parse(invalid.body), {
      errorCode: 'TokenInvalid',
      message: 'Unparsable access token',
      errors: [{ errorCode: 'OAU-149', message: 'Unparsable access token' }],
    });
    const scope = resourceError(fail('insufficient_scope', 'CMN-401', 'lacks ReadMessages', { challengeScope: 'ReadMessages' }));
    assert.equal(scope.status, 403);
    const body = JSON.parse(scope.body) as RingCentralResourceError;
    assert.equal(body.errorCode, 'InsufficientPermissions');
    assert.deepEqual(body.errors, [{ errorCode: 'CMN-401', message: body.errors[0]?.message, permissionName: 'ReadMessages' }]);
    assert.equal(JSON.parse(resourceError(fail('invalid_request', 'OAU-101', 'twice')).body).errorCode, 'OAU-101');
  });
});

describe('ringcentral mode end to end', () => {
  let server: RunningMockServer;
  // A budget no test here reaches; the Auth group's own limit has its tests below.
  before(async () => {
    server = await startMockServer({ mode: 'ringcentral', authRateLimit: { requests: 10_000, windowMs: 60_000 } });
  });
  after(() => server.stop());

  const alice = () => server.registry.users[0]!;
  const jwtTokens = async (kind: 'private-server-only' | 'private-desktop' = 'private-desktop', scope?: string): Promise<TokenBody> => {
    const response = await tokenRequest(server, server.registry.apps[kind], [
      ['grant_type', JWT_BEARER],
      ['assertion', alice().jwt],
      ...(scope === undefined ? [] : ([['scope', scope]] as [string, string][])),
    ]);
    assert.equal(response.status, 200, await response.clone().text());
    return (await response.json()) as TokenBody;
  };

  /** RingCentral's OAuth error: the RFC fields and the list, 400 unless said otherwise, never a challenge. */
  async function expectError(response: Response, error: string, vendorCode: string, status = 400): Promise<void> {
    const body = (await response.json()) as { error: string; errors: { errorCode: string }[] };
    assert.equal(response.status, status, JSON.stringify(body));
    assert.equal(body.error, error);
    assert.equal(body.errors[0]?.errorCode, vendorCode);
    assert.equal(response.headers.get('www-authenticate'), null);
    assert.equal(response.headers.get('cache-control'), 'no-store');
  }

  async function expectResourceError(path: string, token: string | undefined, status: number, category: string, vendorCode: string) {
    const response = await fetch(`${server.baseUrl}${path}`, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as RingCentralResourceError;
    assert.equal(response.status, status);
    assert.equal(response.headers.get('www-authenticate'), null);
    assert.equal(body.errorCode, category);
    assert.equal(body.errors[0]?.errorCode, vendorCode);
    assert.equal('error' in body, false);
    return body;
  }

  for (const kind of APP_KINDS) {
    test(`the password grant is refused for ${kind}: end of life, unauthorized_client OAU-251`, async () => {
      const response = await tokenRequest(server, server.registry.apps[kind], [
        ['grant_type', 'password'],
        ['username', alice().username],
        ['password', alice().password],
      ]);
      await expectError(response, 'unauthorized_client', 'OAU-251');
    });
  }

  test('an unsupported grant type is invalid_request OAU-250', async () => {
    await expectError(await tokenRequest(server, server.registry.apps['private-desktop'], [['grant_type', 'client_credentials']]), 'invalid_request', 'OAU-250');
  });

  test('failed client authentication is 400 invalid_client without WWW-Authenticate', async () => {
    const app = server.registry.apps['private-desktop'];
    const body: [string, string][] = [['grant_type', JWT_BEARER], ['assertion', alice().jwt]];
    await expectError(await postForm(server, TOKEN, [...body, ['client_id', app.clientId]]), 'invalid_client', 'OAU-123');
    await expectError(await postForm(server, TOKEN, body, { authorization: 'Basic %%%' }), 'invalid_client', 'OAU-123');
    await expectError(await postForm(server, TOKEN, body, { authorization: basic('nobody', 'x') }), 'invalid_client', 'OAU-120');
    await expectError(await postForm(server, TOKEN, body, { authorization: basic(app.clientId, 'wrong') }), 'invalid_client', 'OAU-120');
    await expectError(await postForm(server, REVOKE, [['token', 'whatever']]), 'invalid_client', 'OAU-123');
  });

  test('the JWT bearer grant works for confidential apps and is refused to public ones', async () => {
    const body = await jwtTokens('private-server-only');
    assert.equal(body.owner_id, alice().extensionId);
    const publicApp = server.registry.apps['public-desktop'];
    await expectError(await tokenRequest(server, publicApp, [['grant_type', JWT_BEARER], ['assertion', alice().jwt]]), 'unauthorized_client', 'OAU-251');
  });

  test("token responses carry RingCentral's fields", async () => {
    const body = await jwtTokens();
    assert.equal(body.token_type, 'bearer');
    assert.equal(body.expires_in, 3600);
    assert.equal(body.refresh_token_expires_in, 604800);
    assert.equal(body.scope, 'ReadAccounts ReadMessages');
    assert.equal(typeof body.owner_id, 'string');
    assert.ok(body.endpoint_id.length > 0);
    assert.ok(body.refresh_token.length > 0);
  });

  test('protected resource errors: TokenInvalid with OAU-123, OAU-149 and OAU-213, never a challenge', async () => {
    await expectResourceError(RESOURCE, undefined, 401, 'TokenInvalid', 'OAU-123');
    await expectResourceError(RESOURCE, 'garbage', 401, 'TokenInvalid', 'OAU-149');
    const { access_token: token } = await jwtTokens();
    await expectResourceError(RESOURCE, `${token.slice(0, -4)}AAAA`, 401, 'TokenInvalid', 'OAU-149');
    const revoked = await jwtTokens();
    assert.equal((await postForm(server, REVOKE, [['token', revoked.access_token]], { authorization: appBasic(server.registry.apps['private-desktop']) })).status, 200);
    await expectResourceError(RESOURCE, revoked.access_token, 401, 'TokenInvalid', 'OAU-213');
  });

  test('a token without the permission: 403 InsufficientPermissions, CMN-401 naming it', async () => {
    const { access_token: token } = await jwtTokens('private-desktop', 'ReadAccounts');
    const body = await expectResourceError(MESSAGES, token, 403, 'InsufficientPermissions', 'CMN-401');
    assert.equal(body.errors[0]?.permissionName, 'ReadMessages');
  });

  test('a refresh issues new access and refresh tokens; the old access token is OAU-129', async () => {
    const first = await jwtTokens();
    const app = server.registry.apps['private-desktop'];
    const response = await tokenRequest(server, app, [['grant_type', 'refresh_token'], ['refresh_token', first.refresh_token]]);
    assert.equal(response.status, 200);
    const second = (await response.json()) as TokenBody;
    assert.notEqual(second.access_token, first.access_token);
    assert.notEqual(second.refresh_token, first.refresh_token);
    await expectResourceError(RESOURCE, first.access_token, 401, 'TokenInvalid', 'OAU-129');
    assert.equal((await fetch(`${server.baseUrl}${RESOURCE}`, { headers: { authorization: `Bearer ${second.access_token}` } })).status, 200);
  });

  test('revoking either token ends the session; unknown tokens are 200; an empty token is CMN-101', async () => {
    const app = server.registry.apps['private-desktop'];
    const revoke = (token: string) => postForm(server, REVOKE, [['token', token]], { authorization: appBasic(app) });
    const refresh = (token: string) => tokenRequest(server, app, [['grant_type', 'refresh_token'], ['refresh_token', token]]);
    for (const which of ['access_token', 'refresh_token'] as const) {
      const tokens = await jwtTokens();
      assert.equal((await revoke(tokens[which])).status, 200);
      await expectResourceError(RESOURCE, tokens.access_token, 401, 'TokenInvalid', 'OAU-213');
      await expectError(await refresh(tokens.refresh_token), 'invalid_grant', 'OAU-211');
    }
    assert.equal((await revoke('never-issued')).status, 200);
    await expectError(await postForm(server, REVOKE, 'token=', { authorization: appBasic(app) }), 'invalid_request', 'CMN-101');
  });

  test('an authorization code lives 60 s', async () => {
    const app = server.registry.apps['private-server-web'];
    const redeem = (code: string) =>
      tokenRequest(server, app, [['grant_type', 'authorization_code'], ['code', code], ['redirect_uri', app.redirectUris[0] ?? '']]);
    const fresh = await codeFor(server, 'private-server-web');
    server.clock.advance(59);
    assert.equal((await redeem(fresh)).status, 200);
    const stale = await codeFor(server, 'private-server-web');
    server.clock.advance(61);
    await expectError(await redeem(stale), 'invalid_grant', 'OAU-108');
  });

  test('an expired access token is TokenInvalid OAU-128', async () => {
    const { access_token: token } = await jwtTokens();
    server.clock.advance(3601);
    await expectResourceError(RESOURCE, token, 401, 'TokenInvalid', 'OAU-128');
  });

  test('the target profile: mock:ringcentral, the JWT grant only, the Auth group', async () => {
    const profile = server.targetProfile();
    assert.equal(profile.name, 'mock:ringcentral');
    assert.deepEqual(profile.capabilities, ['jwt-grant']);
    assert.deepEqual(profile.rateLimits, [{ group: 'auth', endpoints: ['token', 'revoke'], requests: 10_000, windowSeconds: 60 }]);
    assert.equal(profile.users['alice']?.jwt, alice().jwt);
    assert.equal(server.mode, 'ringcentral');
    const metadata = (await (await fetch(`${server.baseUrl}/.well-known/openid-configuration`)).json()) as { grant_types_supported: string[] };
    assert.deepEqual(metadata.grant_types_supported, ['authorization_code', 'refresh_token', JWT_BEARER]);
  });
});

describe('the Auth group rate limit', () => {
  const RATE_LIMITED = {
    errorCode: 'CMN-301',
    message: 'Request rate exceeded',
    errors: [{ errorCode: 'CMN-301', message: 'Request rate exceeded' }],
  };

  test("ringcentral mode has RingCentral's budget: 5 requests a minute over token and revoke, then 429 CMN-301", async () => {
    const server = await startMockServer({ mode: 'ringcentral' });
    try {
      assert.deepEqual(server.targetProfile().rateLimits, [{ group: 'auth', endpoints: ['token', 'revoke'], requests: 5, windowSeconds: 60 }]);
      const app = server.registry.apps['private-desktop'];
      const jwt = server.registry.users[0]!.jwt;
      const answers = [
        await tokenRequest(server, app, [['grant_type', JWT_BEARER], ['assertion', jwt]]),
        await postForm(server, REVOKE, [['token', 'unknown']], { authorization: appBasic(app) }),
        // Refusals count too: the budget is on arrivals, whatever they ask.
        await tokenRequest(server, app, [['grant_type', 'client_credentials']]),
        await fetch(`${server.baseUrl}${TOKEN}`),
        await postForm(server, REVOKE, [['token', 'unknown']], { authorization: appBasic(app) }),
      ];
      assert.deepEqual(answers.map((answer) => answer.status), [200, 200, 400, 405, 200]);
      assert.deepEqual(answers.map((answer) => answer.headers.get('x-rate-limit-remaining')), ['4', '3', '2', '1', '0']);
      for (const answer of answers) {
        assert.equal(answer.headers.get('x-rate-limit-group'), 'auth');
        assert.equal(answer.headers.get('x-rate-limit-limit'), '5');
        assert.equal(answer.headers.get('x-rate-limit-window'), '60');
      }
      const refused = await tokenRequest(server, app, [['grant_type', JWT_BEARER], ['assertion', jwt]]);
      assert.equal(refused.status, 429);
      assert.deepEqual(await refused.json(), RATE_LIMITED);
      const retryAfter = Number(refused.headers.get('retry-after'));
      assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
      assert.equal(refused.headers.get('x-rate-limit-group'), 'auth');
      assert.equal(refused.headers.get('x-rate-limit-limit'), '5');
      assert.equal(refused.headers.get('x-rate-limit-remaining'), '0');
      assert.equal(refused.headers.get('x-rate-limit-window'), '60');
      assert.equal((await postForm(server, REVOKE, [['token', 'unknown']], { authorization: appBasic(app) })).status, 429);
      // Other endpoints are outside the group, and the mock's clock does not move the window.
      server.clock.advance(3600);
      const resource = await fetch(`${server.baseUrl}${RESOURCE}`);
      assert.equal(resource.status, 401);
      assert.equal(resource.headers.get('x-rate-limit-group'), null);
      assert.equal((await tokenRequest(server, app, [['grant_type', JWT_BEARER], ['assertion', jwt]])).status, 429);
    } finally {
      await server.stop();
    }
  });

  test('strict mode is unlimited unless given a budget, which the profile then names', async () => {
    const unlimited = await startMockServer();
    const limited = await startMockServer({ authRateLimit: { requests: 2, windowMs: 1000 } });
    try {
      const unlimitedAnswer = await fetch(`${unlimited.baseUrl}${TOKEN}`);
      assert.equal(unlimitedAnswer.headers.get('x-rate-limit-limit'), null);
      assert.deepEqual(limited.targetProfile().rateLimits, [{ group: 'auth', endpoints: ['token', 'revoke'], requests: 2, windowSeconds: 1 }]);
      const statuses = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await fetch(`${limited.baseUrl}${TOKEN}`)).status);
      assert.deepEqual(statuses, [405, 405, 429]);
      const refused = await fetch(`${limited.baseUrl}${REVOKE}`);
      assert.equal(refused.status, 429);
      assert.equal(refused.headers.get('retry-after'), '1');
      assert.equal(refused.headers.get('x-rate-limit-window'), '1');
    } finally {
      await unlimited.stop();
      await limited.stop();
    }
  });

  test('a budget or mode that cannot be used stops the start', async () => {
    await assert.rejects(startMockServer({ authRateLimit: { requests: 0, windowMs: 1000 } }), RangeError);
    await assert.rejects(startMockServer({ mode: 'lenient' as 'strict' }), RangeError);
  });
});
