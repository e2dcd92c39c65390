import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startMockServer, type RunningMockServer } from '../../mock-server/index';
import { authorizeThroughForms, codeFor, expectOAuthError, hiddenRequestId, postForm, resourceStatus, tokenRequest, type TokenBody } from './helpers';

let server: RunningMockServer;
before(async () => {
  server = await startMockServer();
});
after(() => server.stop());

const AUTHORIZE = '/restapi/oauth/authorize';
const LOGIN = '/restapi/oauth/authorize/login';
const CONSENT = '/restapi/oauth/authorize/consent';

function authorizeUrl(query: Readonly<Record<string, string>> | string): string {
  const search = typeof query === 'string' ? query : new URLSearchParams(query).toString();
  return `${server.baseUrl}${AUTHORIZE}?${search}`;
}

function get(url: string): Promise<Response> {
  return fetch(url, { redirect: 'manual' });
}

/** An error page: never a redirect, the code in an element with role="alert". */
async function expectErrorPage(response: Response, error: string, status = 400): Promise<string> {
  assert.equal(response.status, status);
  assert.equal(response.headers.get('location'), null);
  assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
  const html = await response.text();
  assert.match(html, new RegExp(`role="alert"><code>${error}</code>`));
  return html;
}

/** An error redirected to the client with the unchanged state (RFC 6749 §4.1.2.1). */
function expectRedirectedError(response: Response, redirectUri: string, error: string, state: string | null = 'xyz'): void {
  assert.equal(response.status, 302);
  const location = new URL(response.headers.get('location') ?? '');
  assert.equal(`${location.origin}${location.pathname}`, redirectUri);
  assert.equal(location.searchParams.get('error'), error);
  assert.ok(location.searchParams.get('error_description'));
  assert.equal(location.searchParams.get('state'), state);
}

describe('authorization endpoint', () => {
  const app = () => server.registry.apps['private-server-web'];
  const valid = () => ({ client_id: app().clientId, response_type: 'code', state: 'xyz' });

  test('a valid request shows an accessible sign-in page', async () => {
    const response = await get(authorizeUrl(valid()));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('x-frame-options'), 'DENY');
    const html = await response.text();
    assert.match(html, /<h1>Sign in to Mock Private Server\/Web App<\/h1>/);
    assert.match(html, /<form method="post" action="\/restapi\/oauth\/authorize\/login">/);
    assert.match(html, /<label for="username">Username<\/label>\s*<input id="username" name="username"/);
    assert.match(html, /<label for="extension">Extension<\/label>\s*<input id="extension" name="extension"/);
    assert.match(html, /<label for="password">Password<\/label>\s*<input id="password" name="password" type="password"/);
    assert.match(html, /<button type="submit">Sign in<\/button>/);
    assert.ok(hiddenRequestId(html).length >= 16);
  });

  test('a missing or unknown client_id shows an error page and never redirects', async () => {
    await expectErrorPage(await get(authorizeUrl({ response_type: 'code', redirect_uri: app().redirectUris[0] ?? '' })), 'invalid_request');
    await expectErrorPage(await get(authorizeUrl({ client_id: 'nobody', response_type: 'code' })), 'invalid_request');
  });

  test('an unregistered redirect URI shows an error page with OAU-109', async () => {
    const html = await expectErrorPage(
      await get(authorizeUrl({ ...valid(), redirect_uri: 'http://evil.example/callback' })),
      'invalid_request',
    );
    assert.match(html, /OAU-109 Redirect URIs do not match/);
  });

  test('app type rule: an app without a user interface is refused by redirect with unauthorized_client', async () => {
    const noUi = server.registry.apps['private-server-only'];
    const redirectUri = noUi.redirectUris[0] ?? '';
    expectRedirectedError(
      await get(authorizeUrl({ client_id: noUi.clientId, response_type: 'code', redirect_uri: redirectUri, state: 'xyz' })),
      redirectUri,
      'unauthorized_client',
    );
  });

  test('a repeated parameter is redirected when client and redirect URI are trusted, shown otherwise', async () => {
    const redirectUri = app().redirectUris[0] ?? '';
    expectRedirectedError(await get(authorizeUrl(`${new URLSearchParams(valid())}&scope=a&scope=b`)), redirectUri, 'invalid_request');
    await expectErrorPage(await get(authorizeUrl(`${new URLSearchParams(valid())}&client_id=${app().clientId}`)), 'invalid_request');
  });

  test('errors after the redirect URI is verified go back to the client with the state', async () => {
    const redirectUri = app().redirectUris[1] ?? '';
    const base = { ...valid(), redirect_uri: redirectUri };
    const { response_type: _omitted, ...withoutResponseType } = base;
    expectRedirectedError(await get(authorizeUrl(withoutResponseType)), redirectUri, 'invalid_request');
    expectRedirectedError(await get(authorizeUrl({ ...base, response_type: 'token' })), redirectUri, 'unsupported_response_type');
    expectRedirectedError(await get(authorizeUrl({ ...base, scope: 'ReadAccounts WriteEverything' })), redirectUri, 'invalid_scope');
    expectRedirectedError(
      await get(authorizeUrl({ ...base, code_challenge: 'c'.repeat(43), code_challenge_method: 'S384' })),
      redirectUri,
      'invalid_request',
    );
    const { state: _state, ...stateless } = base;
    expectRedirectedError(await get(authorizeUrl({ ...stateless, response_type: 'token' })), redirectUri, 'unsupported_response_type', null);
  });

  test('only GET', async () => {
    const response = await postForm(server, AUTHORIZE, [['client_id', app().clientId]]);
    await expectErrorPage(response, 'invalid_request', 405);
    assert.equal(response.headers.get('allow'), 'GET');
  });
});

describe('sign-in and consent forms', () => {
  const kind = 'private-desktop';

  async function pendingRequest(): Promise<string> {
    const app = server.registry.apps[kind];
    const page = await get(authorizeUrl({ client_id: app.clientId, response_type: 'code', state: 'st' }));
    return hiddenRequestId(await page.text());
  }

  async function signIn(request: string, password = server.registry.users[0]!.password): Promise<Response> {
    return postForm(server, LOGIN, [
      ['request', request],
      ['username', server.registry.users[0]!.username],
      ['password', password],
    ]);
  }

  test('approving redirects with a code and the state', async () => {
    const location = await authorizeThroughForms(server, kind);
    assert.equal(`${location.origin}${location.pathname}`, server.registry.apps[kind].redirectUris[0]);
    assert.ok((location.searchParams.get('code') ?? '').length >= 32);
    assert.equal(location.searchParams.get('state'), 'st-1');
    assert.ok(server.issuedSecrets().includes(location.searchParams.get('code') ?? ''));
  });

  test('declining redirects with access_denied and the state', async () => {
    const location = await authorizeThroughForms(server, kind, { decision: 'decline' });
    assert.equal(location.searchParams.get('error'), 'access_denied');
    assert.equal(location.searchParams.get('state'), 'st-1');
    assert.equal(location.searchParams.get('code'), null);
  });

  test('wrong credentials show the form again with an alert', async () => {
    const response = await signIn(await pendingRequest(), 'wrong');
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /<p role="alert">Invalid username or password<\/p>/);
    assert.match(html, /<button type="submit">Sign in<\/button>/);
    assert.match(html, new RegExp(`name="username"[^>]*value="\\${server.registry.users[0]!.username}"`), 'the username is kept');
    assert.doesNotMatch(html, /value="wrong"/, 'the password is not');
  });

  test('the consent page asks for approval', async () => {
    const response = await signIn(await pendingRequest());
    const html = await response.text();
    assert.match(html, /<h1>Mock Private Desktop App would like to access your account<\/h1>/);
    assert.match(html, /<form method="post" action="\/restapi\/oauth\/authorize\/consent">/);
    assert.match(html, /<button type="submit" name="decision" value="approve">Approve<\/button>/);
    assert.match(html, /<button type="submit" name="decision" value="decline">Decline<\/button>/);
  });

  test('a request can be completed only after signing in, and only once', async () => {
    const request = await pendingRequest();
    await expectErrorPage(await postForm(server, CONSENT, [['request', request], ['decision', 'approve']]), 'invalid_request');
    await signIn(request);
    assert.equal((await postForm(server, CONSENT, [['request', request], ['decision', 'approve']])).status, 302);
    await expectErrorPage(await postForm(server, CONSENT, [['request', request], ['decision', 'approve']]), 'invalid_request');
    await expectErrorPage(await signIn(request), 'invalid_request');
  });

  test('unknown and expired requests get an error page', async () => {
    await expectErrorPage(await signIn('unknown'), 'invalid_request');
    const request = await pendingRequest();
    server.clock.advance(601);
    await expectErrorPage(await signIn(request), 'invalid_request');
  });

  test('an invalid decision is refused without completing the request', async () => {
    const request = await pendingRequest();
    await signIn(request);
    await expectErrorPage(await postForm(server, CONSENT, [['request', request], ['decision', 'maybe']]), 'invalid_request');
    assert.equal((await postForm(server, CONSENT, [['request', request], ['decision', 'approve']])).status, 302);
  });
});

describe('token endpoint: authorization code grant', () => {
  const kind = 'private-server-web';
  const redeem = (code: string, extra: [string, string][] = [], app = server.registry.apps[kind]) =>
    tokenRequest(server, app, [
      ['grant_type', 'authorization_code'],
      ['code', code],
      ['redirect_uri', server.registry.apps[kind].redirectUris[0] ?? ''],
      ...extra,
    ]);

  test('a code is exchanged for tokens once; a second redemption also revokes the first tokens', async () => {
    const code = await codeFor(server, kind);
    const first = await redeem(code);
    assert.equal(first.status, 200);
    const tokens = (await first.json()) as TokenBody;
    assert.equal(await resourceStatus(server, tokens.access_token), 200);
    await expectOAuthError(await redeem(code), 'invalid_grant', 'OAU-106');
    assert.equal(await resourceStatus(server, tokens.access_token), 401);
    const refresh = await tokenRequest(server, server.registry.apps[kind], [['grant_type', 'refresh_token'], ['refresh_token', tokens.refresh_token]]);
    await expectOAuthError(refresh, 'invalid_grant', 'OAU-211');
  });

  test('an unknown code, and a missing code', async () => {
    await expectOAuthError(await redeem('no-such-code'), 'invalid_grant', 'OAU-106');
    const app = server.registry.apps[kind];
    await expectOAuthError(await tokenRequest(server, app, [['grant_type', 'authorization_code']]), 'invalid_request', 'OAU-101');
  });

  test('a code expires after 60 s on the clock', async () => {
    const code = await codeFor(server, kind);
    server.clock.advance(61);
    await expectOAuthError(await redeem(code), 'invalid_grant', 'OAU-108');
  });

  test('the redirect URI must be sent and identical', async () => {
    const app = server.registry.apps[kind];
    const code = await codeFor(server, kind, { redirect_uri: app.redirectUris[1] ?? '' });
    await expectOAuthError(await redeem(code), 'invalid_grant', 'OAU-109');
    await expectOAuthError(
      await tokenRequest(server, app, [['grant_type', 'authorization_code'], ['code', code]]),
      'invalid_grant',
      'OAU-109',
    );
    const ok = await tokenRequest(server, app, [
      ['grant_type', 'authorization_code'],
      ['code', code],
      ['redirect_uri', app.redirectUris[1] ?? ''],
    ]);
    assert.equal(ok.status, 200);
  });

  test('a code issued to another client is invalid_grant', async () => {
    const code = await codeFor(server, kind);
    await expectOAuthError(await redeem(code, [], server.registry.apps['private-desktop']), 'invalid_grant', 'OAU-110');
  });

  test('PKCE S256: the verifier is required and must match', async () => {
    const verifier = 'v'.repeat(50);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const code = await codeFor(server, 'public-browser-based', { code_challenge: challenge, code_challenge_method: 'S256' });
    const app = server.registry.apps['public-browser-based'];
    const attempt = (extra: [string, string][]) =>
      tokenRequest(server, app, [['grant_type', 'authorization_code'], ['code', code], ['redirect_uri', app.redirectUris[0] ?? ''], ...extra]);
    await expectOAuthError(await attempt([]), 'invalid_grant', 'OAU-106');
    await expectOAuthError(await attempt([['code_verifier', 'w'.repeat(50)]]), 'invalid_grant', 'OAU-106');
    assert.equal((await attempt([['code_verifier', verifier]])).status, 200);
  });

  test('PKCE plain is the default method', async () => {
    const verifier = 'p'.repeat(43);
    const code = await codeFor(server, 'public-desktop', { code_challenge: verifier });
    const app = server.registry.apps['public-desktop'];
    const response = await tokenRequest(server, app, [
      ['grant_type', 'authorization_code'],
      ['code', code],
      ['redirect_uri', app.redirectUris[0] ?? ''],
      ['code_verifier', verifier],
    ]);
    assert.equal(response.status, 200);
  });

  test('app type rule: an app without a user interface may not redeem codes', async () => {
    const response = await tokenRequest(server, server.registry.apps['private-server-only'], [
      ['grant_type', 'authorization_code'],
      ['code', 'whatever'],
    ]);
    await expectOAuthError(response, 'unauthorized_client', 'OAU-251');
  });

  test('the scope approved at authorization is the one granted', async () => {
    const code = await codeFor(server, kind, { scope: 'ReadMessages' });
    const response = await redeem(code);
    assert.equal(((await response.json()) as TokenBody).scope, 'ReadMessages');
  });
});
