import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { APP_KINDS, type AppKind } from '../../spec/app-types';
import { runCommandLine } from '../../mock-server/cli';
import { parseCliOptions, UsageError } from '../../mock-server/cli-options';
import { startMockServer, type RunningMockServer } from '../../mock-server/index';
import {
  appBasic,
  basic,
  codeFor,
  expectOAuthError,
  FORM,
  passwordTokens,
  postForm,
  resourceStatus,
  tokenRequest,
  type TokenBody,
} from './helpers';

let server: RunningMockServer;
const logged: unknown[][] = [];
const originalError = console.error;

before(async () => {
  server = await startMockServer();
  // The catch-all logs unexpected errors; no request in this file may cause one.
  console.error = (...args: unknown[]) => {
    logged.push(args);
  };
});
after(async () => {
  console.error = originalError;
  await server.stop();
});

const TOKEN = '/restapi/oauth/token';
const RESOURCE = '/restapi/v1.0/account/~/extension/~';
const REVOKE = '/restapi/oauth/revoke';

function resourceWith(init: { token?: string; query?: string; body?: string }): Promise<Response> {
  const headers: Record<string, string> = {};
  if (init.token !== undefined) headers['authorization'] = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = FORM;
  return fetch(`${server.baseUrl}${RESOURCE}${init.query === undefined ? '' : `?${init.query}`}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers,
    ...(init.body === undefined ? {} : { body: init.body }),
  });
}

interface ResourceError {
  errorCode: string;
  message: string;
  errors: { errorCode: string; message: string }[];
}

async function expectInvalidToken(response: Response, vendorCode: string): Promise<void> {
  assert.equal(response.status, 401);
  assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer realm="mock", error="invalid_token", error_description="[^"]+"$/);
  const body = (await response.json()) as ResourceError;
  assert.equal(body.errorCode, vendorCode);
  assert.equal(body.errors[0]?.errorCode, vendorCode);
  assert.equal('error' in body, false);
}

describe('token endpoint: transport and client authentication', () => {
  test('only POST, with Allow', async () => {
    const response = await fetch(`${server.baseUrl}${TOKEN}`);
    await expectOAuthError(response, 'invalid_request', 'OAU-101', 405);
    assert.equal(response.headers.get('allow'), 'POST');
  });

  test('only form-encoded bodies', async () => {
    const app = server.registry.apps['private-desktop'];
    const response = await fetch(`${server.baseUrl}${TOKEN}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: appBasic(app) },
      body: JSON.stringify({ grant_type: 'password' }),
    });
    await expectOAuthError(response, 'invalid_request', 'OAU-101');
  });

  test('a repeated parameter is invalid_request', async () => {
    const app = server.registry.apps['private-desktop'];
    const response = await tokenRequest(server, app, [['grant_type', 'password'], ['grant_type', 'password']]);
    await expectOAuthError(response, 'invalid_request', 'OAU-111');
  });

  test('a malformed Basic header, an unknown client and a wrong secret are 401 invalid_client', async () => {
    const app = server.registry.apps['private-desktop'];
    for (const authorization of ['Basic %%%', basic('nobody', 'x'), basic(app.clientId, 'wrong')]) {
      const response = await postForm(server, TOKEN, [['grant_type', 'password']], { authorization });
      await expectOAuthError(response, 'invalid_client', authorization === 'Basic %%%' ? 'OAU-123' : 'OAU-120');
    }
  });

  test('Basic and body credentials together are invalid_request', async () => {
    const app = server.registry.apps['private-desktop'];
    const response = await postForm(server, TOKEN, [['grant_type', 'password'], ['client_id', app.clientId]], {
      authorization: appBasic(app),
    });
    await expectOAuthError(response, 'invalid_request', 'OAU-101');
  });

  test('a confidential client without Basic is 401 invalid_client', async () => {
    const app = server.registry.apps['private-desktop'];
    const response = await postForm(server, TOKEN, [
      ['grant_type', 'password'],
      ['client_id', app.clientId],
      ['client_secret', app.clientSecret ?? ''],
    ]);
    await expectOAuthError(response, 'invalid_client', 'OAU-123');
  });

  test('grant_type missing, then unsupported', async () => {
    const app = server.registry.apps['private-desktop'];
    await expectOAuthError(await tokenRequest(server, app, [['username', 'u']]), 'invalid_request', 'OAU-101');
    await expectOAuthError(await tokenRequest(server, app, [['grant_type', 'client_credentials']]), 'unsupported_grant_type', 'OAU-250');
  });
});

describe('token endpoint: password grant', () => {
  test('success carries RingCentral fields, a JWT access token and no-store headers', async () => {
    const app = server.registry.apps['private-desktop'];
    const user = server.registry.users[0]!;
    const response = await tokenRequest(server, app, [
      ['grant_type', 'password'],
      ['username', user.username],
      ['extension', user.extension],
      ['password', user.password],
      ['scope', 'ReadAccounts'],
    ]);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/json');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('pragma'), 'no-cache');
    const body = (await response.json()) as TokenBody;
    assert.equal(body.token_type, 'bearer');
    assert.equal(body.expires_in, 3600);
    assert.equal(body.refresh_token_expires_in, 604800);
    assert.equal(body.scope, 'ReadAccounts');
    assert.equal(body.owner_id, user.extensionId);
    assert.ok(body.refresh_token.length >= 32);
    assert.ok(body.endpoint_id.length > 0);
    assert.equal(body.access_token.split('.').length, 3);
    assert.ok(server.issuedSecrets().includes(body.access_token));
    assert.ok(server.issuedSecrets().includes(body.refresh_token));
  });

  test('wrong credentials are invalid_grant OAU-140', async () => {
    const app = server.registry.apps['private-desktop'];
    const user = server.registry.users[0]!;
    const response = await tokenRequest(server, app, [['grant_type', 'password'], ['username', user.username], ['password', 'nope']]);
    await expectOAuthError(response, 'invalid_grant', 'OAU-140');
  });

  test('missing credentials are invalid_request', async () => {
    const app = server.registry.apps['private-desktop'];
    await expectOAuthError(await tokenRequest(server, app, [['grant_type', 'password'], ['username', 'u']]), 'invalid_request', 'OAU-101');
  });

  test('a scope beyond the app permissions is invalid_scope', async () => {
    const app = server.registry.apps['private-desktop'];
    const user = server.registry.users[0]!;
    const response = await tokenRequest(server, app, [
      ['grant_type', 'password'],
      ['username', user.username],
      ['password', user.password],
      ['scope', 'ReadAccounts EditExtensions'],
    ]);
    await expectOAuthError(response, 'invalid_scope', 'OAU-101');
  });

  const allowed: readonly AppKind[] = ['private-server-only', 'private-desktop', 'private-mobile'];
  for (const kind of APP_KINDS) {
    test(`app type rule: password grant for ${kind} is ${allowed.includes(kind) ? 'allowed' : 'refused'}`, async () => {
      const user = server.registry.users[0]!;
      const response = await tokenRequest(server, server.registry.apps[kind], [
        ['grant_type', 'password'],
        ['username', user.username],
        ['password', user.password],
      ]);
      if (allowed.includes(kind)) assert.equal(response.status, 200, await response.text());
      else await expectOAuthError(response, 'unauthorized_client', 'OAU-251');
    });
  }
});

describe('token endpoint: refresh token grant', () => {
  const kind = 'private-mobile';
  const refresh = (token: string, extra: [string, string][] = [], app = server.registry.apps[kind]) =>
    tokenRequest(server, app, [['grant_type', 'refresh_token'], ['refresh_token', token], ...extra]);

  test('rotates both tokens; the old ones stop working', async () => {
    const first = await passwordTokens(server, kind);
    const response = await refresh(first.refresh_token);
    assert.equal(response.status, 200);
    const second = (await response.json()) as TokenBody;
    assert.notEqual(second.refresh_token, first.refresh_token);
    assert.notEqual(second.access_token, first.access_token);
    assert.equal(second.endpoint_id, first.endpoint_id);
    assert.equal(await resourceStatus(server, first.access_token), 401);
    assert.equal(await resourceStatus(server, second.access_token), 200);
    await expectOAuthError(await refresh(first.refresh_token), 'invalid_grant', 'OAU-211');
  });

  test('a refresh token works only for its own client', async () => {
    const tokens = await passwordTokens(server, kind);
    await expectOAuthError(await refresh(tokens.refresh_token, [], server.registry.apps['private-desktop']), 'invalid_grant', 'OAU-213');
    assert.equal((await refresh(tokens.refresh_token)).status, 200, 'a refused attempt does not use the token up');
  });

  test('a refresh token expires after 604800 s on the clock', async () => {
    const tokens = await passwordTokens(server, kind);
    server.clock.advance(604_801);
    await expectOAuthError(await refresh(tokens.refresh_token), 'invalid_grant', 'OAU-213');
  });

  test('scope may narrow but not widen the original grant', async () => {
    const user = server.registry.users[0]!;
    const narrow = await tokenRequest(server, server.registry.apps[kind], [
      ['grant_type', 'password'],
      ['username', user.username],
      ['password', user.password],
      ['scope', 'ReadAccounts'],
    ]);
    const tokens = (await narrow.json()) as TokenBody;
    await expectOAuthError(await refresh(tokens.refresh_token, [['scope', 'ReadAccounts ReadMessages']]), 'invalid_scope', 'OAU-101');
    const same = await refresh(tokens.refresh_token, [['scope', 'ReadAccounts']]);
    assert.equal(((await same.json()) as TokenBody).scope, 'ReadAccounts');
  });

  test('refresh works for every app type that obtained tokens', async () => {
    for (const refreshKind of ['private-server-only', 'private-desktop'] as const) {
      const tokens = await passwordTokens(server, refreshKind);
      assert.equal((await refresh(tokens.refresh_token, [], server.registry.apps[refreshKind])).status, 200);
    }
    const code = await codeFor(server, 'public-browser-based');
    const app = server.registry.apps['public-browser-based'];
    const issued = await tokenRequest(server, app, [['grant_type', 'authorization_code'], ['code', code], ['redirect_uri', app.redirectUris[0] ?? '']]);
    const tokens = (await issued.json()) as TokenBody;
    assert.equal((await refresh(tokens.refresh_token, [], app)).status, 200);
  });
});

describe('protected resource (RFC 6750)', () => {
  test('accepts the token in the header, the form body or the query', async () => {
    const { access_token: token } = await passwordTokens(server);
    for (const response of [
      await resourceWith({ token }),
      await resourceWith({ body: `access_token=${token}` }),
      await resourceWith({ query: `access_token=${token}` }),
    ]) {
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { id: '1001', extensionNumber: '101', name: 'Alice Example', account: { id: '9001' } });
    }
  });

  test('no token: a bare challenge without error attributes (§3.1)', async () => {
    const response = await resourceWith({});
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('www-authenticate'), 'Bearer realm="mock"');
    assert.equal(((await response.json()) as ResourceError).errorCode, 'OAU-123');
  });

  test('more than one method is invalid_request', async () => {
    const { access_token: token } = await passwordTokens(server);
    const response = await resourceWith({ token, query: `access_token=${token}` });
    assert.equal(response.status, 400);
    assert.match(response.headers.get('www-authenticate') ?? '', /error="invalid_request"/);
  });

  test('a malformed or forged token is invalid_token OAU-129', async () => {
    await expectInvalidToken(await resourceWith({ token: 'garbage' }), 'OAU-129');
    const { access_token: token } = await passwordTokens(server);
    await expectInvalidToken(await resourceWith({ token: `${token.slice(0, -4)}AAAA` }), 'OAU-129');
  });

  test('an access token expires after 3600 s on the clock (OAU-128)', async () => {
    const { access_token: token } = await passwordTokens(server);
    server.clock.advance(3590);
    assert.equal((await resourceWith({ token })).status, 200);
    server.clock.advance(11);
    await expectInvalidToken(await resourceWith({ token }), 'OAU-128');
  });

  test('only GET and POST', async () => {
    const response = await fetch(`${server.baseUrl}${RESOURCE}`, { method: 'DELETE' });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'GET, POST');
  });
});

describe('revocation endpoint (RFC 7009)', () => {
  const kind = 'private-desktop';
  const revoke = (token: string | undefined, app = server.registry.apps[kind], extra: [string, string][] = []) =>
    postForm(server, REVOKE, [...(token === undefined ? [] : [['token', token] as [string, string]]), ...extra], {
      authorization: appBasic(app),
    });

  test('revoking the refresh token ends the whole session', async () => {
    const tokens = await passwordTokens(server, kind);
    const response = await revoke(tokens.refresh_token, undefined, [['token_type_hint', 'refresh_token']]);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), '');
    await expectInvalidToken(await resourceWith({ token: tokens.access_token }), 'OAU-213');
    const refresh = await tokenRequest(server, server.registry.apps[kind], [['grant_type', 'refresh_token'], ['refresh_token', tokens.refresh_token]]);
    assert.equal(refresh.status, 400);
    assert.equal(((await refresh.json()) as { errors: { errorCode: string }[] }).errors[0]?.errorCode, 'OAU-211');
  });

  test('revoking the access token ends the whole session; an unusual hint is ignored', async () => {
    const tokens = await passwordTokens(server, kind);
    assert.equal((await revoke(tokens.access_token, undefined, [['token_type_hint', 'id_token']])).status, 200);
    await expectInvalidToken(await resourceWith({ token: tokens.access_token }), 'OAU-213');
    const refresh = await tokenRequest(server, server.registry.apps[kind], [['grant_type', 'refresh_token'], ['refresh_token', tokens.refresh_token]]);
    assert.equal(refresh.status, 400);
  });

  test('unknown and already revoked tokens are answered 200', async () => {
    assert.equal((await revoke('never-issued')).status, 200);
    const tokens = await passwordTokens(server, kind);
    assert.equal((await revoke(tokens.refresh_token)).status, 200);
    assert.equal((await revoke(tokens.refresh_token)).status, 200);
  });

  test("another client's token is unauthorized_client and stays valid", async () => {
    const tokens = await passwordTokens(server, kind);
    const response = await revoke(tokens.refresh_token, server.registry.apps['private-mobile']);
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { error: string }).error, 'unauthorized_client');
    assert.equal((await resourceWith({ token: tokens.access_token })).status, 200);
  });

  test('a missing token is invalid_request; missing client authentication is 401', async () => {
    const missing = await revoke(undefined);
    assert.equal(missing.status, 400);
    assert.equal(((await missing.json()) as { error: string }).error, 'invalid_request');
    const tokens = await passwordTokens(server, kind);
    const anonymous = await postForm(server, REVOKE, [['token', tokens.refresh_token]]);
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.headers.get('www-authenticate'), 'Basic realm="mock"');
    assert.equal((await resourceWith({ token: tokens.access_token })).status, 200);
  });

  test('only POST', async () => {
    const response = await fetch(`${server.baseUrl}${REVOKE}`);
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'POST');
  });
});

describe('clock control and discovery', () => {
  test('GET reads the clock; POST advances it (form or JSON)', async () => {
    const read = async () => ((await (await fetch(`${server.baseUrl}/__mock/clock`)).json()) as { now: number }).now;
    const before = await read();
    const form = await postForm(server, '/__mock/clock', [['advanceSeconds', '120']]);
    assert.equal(form.status, 200);
    const json = await fetch(`${server.baseUrl}/__mock/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: 30 }),
    });
    const { now } = (await json.json()) as { now: number };
    assert.ok(now - before >= 150_000 && now - before < 151_000);
    assert.ok((await read()) >= now);
  });

  test('invalid advances are invalid_request', async () => {
    for (const body of ['advanceSeconds=-5', 'advanceSeconds=0', 'advanceSeconds=abc', 'advanceSeconds=1e400', 'other=1']) {
      const response = await postForm(server, '/__mock/clock', body);
      assert.equal(response.status, 400, body);
      assert.equal(((await response.json()) as { error: string }).error, 'invalid_request');
    }
    const badJson = await fetch(`${server.baseUrl}/__mock/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    assert.equal(badJson.status, 400);
  });

  test('JWKS and discovery describe this server', async () => {
    const jwks = (await (await fetch(`${server.baseUrl}/jwks`)).json()) as { keys: { kty: string; crv?: string; d?: string }[] };
    assert.equal(jwks.keys[0]?.kty, 'EC');
    assert.equal(jwks.keys[0]?.crv, 'P-256');
    assert.equal(jwks.keys[0]?.d, undefined);
    const metadata = (await (await fetch(`${server.baseUrl}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    assert.equal(metadata['issuer'], server.baseUrl);
    assert.equal(metadata['token_endpoint'], `${server.baseUrl}/restapi/oauth/token`);
    assert.equal(metadata['jwks_uri'], `${server.baseUrl}/jwks`);
  });
});

interface Case {
  readonly name: string;
  readonly path: string;
  readonly init: RequestInit;
}

const TOKEN_PATH = '/restapi/oauth/token';
const RESOURCE_PATH = '/restapi/v1.0/account/~/extension/~';

function cases(): Case[] {
  const auth = appBasic(server.registry.apps['private-desktop']);
  const post = (body: NonNullable<RequestInit['body']>, headers: Record<string, string> = {}): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': FORM, ...headers },
    body,
  });
  const toToken = (name: string, init: RequestInit): Case => ({ name, path: TOKEN_PATH, init });
  const bearer = (name: string, token: string): Case => ({ name, path: RESOURCE_PATH, init: { headers: { authorization: `Bearer ${token}` } } });
  const basicOf = (text: string): string => `Basic ${Buffer.from(text).toString('base64')}`;
  return [
    toToken('bad percent-encoding in the token body', post('grant_type=%zz', { authorization: auth })),
    toToken('non-UTF-8 token body', post(new Uint8Array([0x67, 0x3d, 0xc3, 0x28]), { authorization: auth })),
    toToken('a 100 KiB body', post(`grant_type=password&x=${'a'.repeat(100 * 1024)}`, { authorization: auth })),
    toToken('invalid JSON to the token endpoint', post('{', { 'content-type': 'application/json', authorization: auth })),
    toToken('bad base64 in Basic', post('grant_type=password', { authorization: 'Basic ###' })),
    toToken('Basic without a colon', post('grant_type=password', { authorization: basicOf('abc') })),
    toToken('Basic with bad percent-encoding inside', post('grant_type=password', { authorization: basicOf('a%zz:b') })),
    toToken('no content type', { method: 'POST', body: 'grant_type=password', headers: { authorization: auth } }),
    { name: 'bad percent-encoding in the authorization query', path: '/restapi/oauth/authorize?client_id=%E0%A4%A', init: {} },
    { name: 'an empty authorization query', path: '/restapi/oauth/authorize', init: {} },
    bearer('a garbage bearer token', '....'),
    bearer('a JWT-shaped token with a bad payload', 'eyJhbGciOiJSUzI1NiJ9.e30.AAAA'),
    bearer('an unsigned JWT', `${Buffer.from('{"alg":"none"}').toString('base64url')}.e30.`),
    { name: 'a bad percent-encoded access_token query', path: `${RESOURCE_PATH}?access_token=%`, init: {} },
    { name: 'non-UTF-8 sign-in form', path: '/restapi/oauth/authorize/login', init: post(new Uint8Array([0x72, 0x3d, 0xff])) },
    { name: 'a consent form without anything', path: '/restapi/oauth/authorize/consent', init: post('') },
    { name: 'revocation with a repeated token', path: '/restapi/oauth/revoke', init: post('token=a&token=b', { authorization: auth }) },
    { name: 'clock control with a JSON array', path: '/__mock/clock', init: post('[1,2]', { 'content-type': 'application/json' }) },
    { name: 'clock control with a huge number', path: '/__mock/clock', init: post('{"advanceSeconds":1e308}', { 'content-type': 'application/json' }) },
    { name: 'a prototype-named path', path: '/constructor', init: {} },
  ];
}

describe('malformed input never reaches the catch-all', () => {
  test('a dozen and more malformed requests are answered 4xx', async () => {
    for (const { name, path, init } of cases()) {
      const response = await fetch(`${server.baseUrl}${path}`, { redirect: 'manual', ...init });
      await response.arrayBuffer();
      assert.ok(response.status >= 400 && response.status < 500, `${name}: ${response.status}`);
    }
    assert.deepEqual(logged, []);
  });

  test('a body over 64 KiB is 413 invalid_request', async () => {
    const response = await fetch(`${server.baseUrl}/restapi/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: 'a'.repeat(65 * 1024),
    });
    assert.equal(response.status, 413);
    assert.equal(((await response.json()) as { error: string }).error, 'invalid_request');
  });

  test('an unknown path is 404 in the dialect', async () => {
    const response = await fetch(`${server.baseUrl}/restapi/oauth/nothing`);
    assert.equal(response.status, 404);
    const body = (await response.json()) as { error: string; errors: { errorCode: string }[] };
    assert.equal(body.error, 'invalid_request');
    assert.equal(body.errors[0]?.errorCode, 'CMN-102');
  });

  test("the library's own endpoints are not reachable", async () => {
    for (const path of ['/token', '/authorize', '/userinfo', '/revoke', '/introspect', '/endsession']) {
      const response = await fetch(`${server.baseUrl}${path}`, { method: path === '/token' ? 'POST' : 'GET', redirect: 'manual' });
      await response.arrayBuffer();
      assert.equal(response.status, 404, path);
    }
  });
});

describe('instances', () => {
  test('bind to 127.0.0.1 and get fresh secrets each start', async () => {
    const other = await startMockServer();
    try {
      assert.match(other.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
      const secret = (s: RunningMockServer) => s.registry.apps['private-server-web'].clientSecret;
      assert.notEqual(secret(other), secret(server));
      assert.notEqual(other.registry.users[0]?.password, server.registry.users[0]?.password);
      assert.ok((other.registry.users[0]?.password.length ?? 0) >= 16);
      assert.ok((secret(other)?.length ?? 0) >= 24);
    } finally {
      await other.stop();
    }
  });

  test('the target profile describes the apps, the user and the clock control', () => {
    const profile = server.targetProfile();
    assert.equal(profile.name, 'mock');
    assert.equal(profile.baseUrl, server.baseUrl);
    assert.equal(profile.clockControlUrl, `${server.baseUrl}/__mock/clock`);
    assert.deepEqual(profile.paths, {
      authorize: '/restapi/oauth/authorize',
      token: '/restapi/oauth/token',
      revoke: '/restapi/oauth/revoke',
      resource: '/restapi/v1.0/account/~/extension/~',
    });
    assert.equal(Object.keys(profile.apps).length, 7);
    assert.equal(profile.apps['public-browser-based']?.clientSecret, undefined);
    assert.equal('clientSecret' in (profile.apps['public-browser-based'] ?? {}), false);
    assert.deepEqual(profile.apps['private-server-only']?.redirectUris, ['http://127.0.0.1:5999/private-server-only/callback']);
    assert.deepEqual(profile.apps['private-mobile']?.redirectUris, [
      'http://127.0.0.1:5999/private-mobile/callback',
      'http://127.0.0.1:5999/private-mobile/alt-callback',
    ]);
    assert.equal(profile.users['alice']?.username, '+16505550100');
    assert.equal(profile.users['alice']?.extension, '101');
    const secrets = server.issuedSecrets();
    assert.ok(secrets.includes(profile.users['alice']?.password ?? ''));
    assert.ok(secrets.includes(profile.apps['private-desktop']?.clientSecret ?? ''));
  });
});

describe('standalone command line (npm run mock)', () => {
  const ROOT = join(__dirname, '..', '..');
  const CLI = ['-r', 'ts-node/register/transpile-only', 'mock-server/cli.ts'];

  test('options: --port, --host, --help, in both spellings', () => {
    assert.deepEqual(parseCliOptions([]), { help: false });
    assert.deepEqual(parseCliOptions(['--port', '8080', '--host=0.0.0.0']), { help: false, port: 8080, host: '0.0.0.0' });
    assert.deepEqual(parseCliOptions(['--port=0']), { help: false, port: 0 });
    assert.deepEqual(parseCliOptions(['--help']), { help: true });
    assert.deepEqual(parseCliOptions(['-h']), { help: true });
  });

  test('options: mistakes are usage errors', () => {
    for (const args of [['--port'], ['--port='], ['--port', 'x'], ['--port', '65536'], ['--port', '-1'], ['--host'], ['--what'], ['extra']]) {
      assert.throws(() => parseCliOptions(args), UsageError, args.join(' '));
    }
  });

  function capture() {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, output: { out: (text: string) => out.push(text), err: (text: string) => err.push(text) } };
  }

  test('--help prints the usage; a bad option prints one line and means exit code 2', async () => {
    const help = capture();
    assert.equal(await runCommandLine(['--help'], help.output), 0);
    assert.match(help.out.join('\n'), /^Usage: npm run mock/);
    const bad = capture();
    assert.equal(await runCommandLine(['--port', 'x'], bad.output), 2);
    assert.deepEqual(bad.err, ['mock: --port must be a whole number from 0 to 65535, not x (try --help)']);
  });

  test('the banner lists endpoints, apps with credentials and users; a port in use means exit code 2', async () => {
    const started = capture();
    const server = await runCommandLine(['--host', '127.0.0.1'], started.output);
    assert.ok(typeof server !== 'number');
    try {
      const banner = started.out.join('\n');
      assert.match(banner, new RegExp(`listening on ${server.baseUrl}`));
      assert.match(banner, new RegExp(`token\\s+${server.baseUrl}/restapi/oauth/token`));
      const web = server.registry.apps['private-server-web'];
      assert.match(banner, new RegExp(`${web.clientId}\\s+${web.clientSecret ?? ''}\\s+${web.redirectUris[0] ?? ''}`));
      assert.match(banner, /mock-public-desktop\s+\(public\)/);
      assert.match(banner, /mock-private-server-only\s+\S+\s+http:\/\/127\.0\.0\.1:5999\/private-server-only\/callback/);
      const user = server.registry.users[0]!;
      assert.match(banner, new RegExp(`\\${user.username}\\s+${user.extension}\\s+${user.password}`));
      const clash = capture();
      assert.equal(await runCommandLine(['--port', new URL(server.baseUrl).port], clash.output), 2);
      assert.match(clash.err.join('\n'), /^mock: cannot start: .*EADDRINUSE/);
    } finally {
      await server.stop();
    }
  });

  test('npm run mock runs until SIGTERM, then stops cleanly with exit code 0', async () => {
    const child = spawn(process.execPath, CLI, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(`code ${code} signal ${signal}`)));
    let output = '';
    child.stdout.setEncoding('utf8');
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        output += chunk;
        if (output.includes('Ctrl-C')) resolve();
      });
      void exited.then((how) => reject(new Error(`exited early (${how}): ${output}`)));
    });
    assert.match(output, /listening on http:\/\/127\.0\.0\.1:\d+/);
    child.kill('SIGTERM');
    assert.equal(await exited, 'code 0 signal null');
  });
});
