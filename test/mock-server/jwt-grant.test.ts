import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { AppKind } from '../../spec/app-types';
import type { Failure } from '../../mock-server/dialect';
import { JWT_BEARER } from '../../mock-server/grant-types';
import { startMockServer, type RunningMockServer } from '../../mock-server/index';
import { JWT_CREDENTIAL_LIFETIME_SECONDS, JwtCredentials } from '../../mock-server/jwt-credentials';
import type { Outcome } from '../../mock-server/rule';
import { refuseJwtGrantForPublicApps } from '../../mock-server/rules/refuse-jwt-grant-for-public-apps';
import { requireGrantParameters } from '../../mock-server/rules/require-grant-parameters';
import { requireGrantType } from '../../mock-server/rules/require-grant-type';
import { verifyJwtAssertion } from '../../mock-server/rules/verify-jwt-assertion';
import { expectOAuthError, fixture, FIXTURE_BASE_URL, params, resourceStatus, tokenRequest, type TokenBody } from './helpers';

const GRANT = encodeURIComponent(JWT_BEARER);

function verdict(failure: Failure | undefined): string {
  return failure === undefined ? 'pass' : `${failure.error} ${failure.vendorCode}`;
}

/** The verdict and, for a refusal, its description: the reasons share one error and code. */
function explained<T>(result: Outcome<T>): string {
  return result.ok ? 'pass' : `${verdict(result.failure)}: ${result.failure.description}`;
}

describe('JWT credentials', () => {
  const f = fixture();

  test('each user has one, shaped like RingCentral\'s: iss the server, aud its token endpoint, sub the extension id', () => {
    const claims = decodeJwt(f.alice.jwt);
    assert.equal(claims.iss, FIXTURE_BASE_URL);
    assert.equal(claims.aud, `${FIXTURE_BASE_URL}/restapi/oauth/token`);
    assert.equal(claims.sub, f.alice.extensionId);
    assert.equal((claims.exp ?? 0) - (claims.iat ?? 0), JWT_CREDENTIAL_LIFETIME_SECONDS);
    assert.equal(typeof claims.jti, 'string');
    const header = decodeProtectedHeader(f.alice.jwt);
    assert.equal(header.alg, 'ES256');
    assert.equal(header.typ, 'JWT');
    assert.equal(typeof header.kid, 'string');
  });

  test('the ledger knows them, so leak scans find them', () => {
    assert.ok(f.ledger.all().includes(f.alice.jwt));
  });

  test('every instance signs with its own key', async () => {
    const other = new JwtCredentials(f.clock, FIXTURE_BASE_URL);
    assert.deepEqual(await other.verify(other.issue('1001')), { ok: true, subject: '1001' });
    assert.deepEqual(await other.verify(f.alice.jwt), { ok: false, reason: 'signature' });
  });
});

describe('verify-jwt-assertion (RFC 7523 §3)', () => {
  const f = fixture();
  const run = async (assertion: string | undefined) =>
    explained(
      await verifyJwtAssertion({
        params: params(assertion === undefined ? '' : `assertion=${encodeURIComponent(assertion)}`),
        credentials: f.credentials,
        registry: f.registry,
      }),
    );
  const now = () => f.clock.nowSeconds();
  const claims = (overrides: Record<string, unknown>) => ({
    iss: FIXTURE_BASE_URL,
    sub: f.alice.extensionId,
    aud: f.credentials.audience,
    iat: now(),
    exp: now() + 3600,
    ...overrides,
  });

  test("the user's own credential resolves to the user", async () => {
    const resolved = await verifyJwtAssertion({ params: params(`assertion=${f.alice.jwt}`), credentials: f.credentials, registry: f.registry });
    assert.deepEqual(resolved, { ok: true, value: f.alice });
    assert.equal(await run(f.credentials.sign(claims({}))), 'pass');
  });

  test('a JWT that does not parse is invalid_grant', async () => {
    assert.match(await run('not-a-jwt'), /^invalid_grant OAU-140: .*not a well-formed JWT/);
    assert.match(await run(undefined), /^invalid_grant OAU-140: .*not a well-formed JWT/);
  });

  test('a bad signature, an unsigned JWT or an altered payload is invalid_grant', async () => {
    const foreign = new JwtCredentials(f.clock, FIXTURE_BASE_URL).issue(f.alice.extensionId);
    const [header = '', , signature = ''] = f.alice.jwt.split('.');
    const altered = `${header}.${Buffer.from(JSON.stringify(claims({ sub: '1002' }))).toString('base64url')}.${signature}`;
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${f.alice.jwt.split('.')[1] ?? ''}.`;
    for (const assertion of [foreign, altered, unsigned]) {
      assert.match(await run(assertion), /^invalid_grant OAU-140: .*not signed by this server/, assertion);
    }
  });

  test('an expired credential is invalid_grant', async () => {
    assert.match(await run(f.credentials.sign(claims({ exp: now() - 1 }))), /^invalid_grant OAU-140: .*expired/);
    const later = fixture();
    later.clock.advance(JWT_CREDENTIAL_LIFETIME_SECONDS + 1);
    const expired = await verifyJwtAssertion({
      params: params(`assertion=${later.alice.jwt}`),
      credentials: later.credentials,
      registry: later.registry,
    });
    assert.match(explained(expired), /expired/);
  });

  test('an audience or issuer mismatch is invalid_grant', async () => {
    const elsewhere = f.credentials.sign(claims({ aud: 'https://platform.ringcentral.com/restapi/oauth/token' }));
    assert.match(await run(elsewhere), /^invalid_grant OAU-140: .*not meant for this token endpoint/);
    assert.match(await run(f.credentials.sign(claims({ aud: FIXTURE_BASE_URL }))), /not meant for this token endpoint/);
    assert.match(await run(f.credentials.sign(claims({ iss: 'https://elsewhere.example' }))), /^invalid_grant OAU-140: .*issued by someone else/);
  });

  test('a subject that is no user, or none at all, is invalid_grant', async () => {
    assert.match(await run(f.credentials.sign(claims({ sub: '9999' }))), /^invalid_grant OAU-140: .*names no user/);
    assert.match(await run(f.credentials.sign(claims({ sub: undefined }))), /^invalid_grant OAU-140: .*lacks a subject/);
    assert.match(await run(f.credentials.sign(claims({ nbf: now() + 600 }))), /^invalid_grant OAU-140: .*not yet valid/);
  });
});

describe('token request rules for the JWT bearer grant', () => {
  const { registry } = fixture();

  test('require-grant-type knows the grant', () => {
    assert.deepEqual(requireGrantType({ params: params(`grant_type=${GRANT}`) }), { ok: true, value: JWT_BEARER });
  });

  test('require-grant-parameters: the assertion is required (RFC 7523 §2.1)', () => {
    assert.equal(verdict(requireGrantParameters({ params: params(`grant_type=${GRANT}`) })), 'invalid_request OAU-101');
    assert.equal(verdict(requireGrantParameters({ params: params(`grant_type=${GRANT}&assertion=x`) })), 'pass');
  });

  test('refuse-jwt-grant-for-public-apps', () => {
    const run = (kind: AppKind, grantType: string) =>
      verdict(refuseJwtGrantForPublicApps({ params: params(`grant_type=${encodeURIComponent(grantType)}`), app: registry.apps[kind] }));
    assert.equal(run('public-browser-based', JWT_BEARER), 'unauthorized_client OAU-251');
    assert.equal(run('public-desktop', JWT_BEARER), 'unauthorized_client OAU-251');
    assert.equal(run('private-server-only', JWT_BEARER), 'pass');
    assert.equal(run('public-desktop', 'authorization_code'), 'pass');
  });
});

describe('the JWT bearer grant at the token endpoint (strict mode)', () => {
  let server: RunningMockServer;
  before(async () => {
    server = await startMockServer();
  });
  after(() => server.stop());

  const alice = () => server.registry.users[0]!;
  const jwtGrant = (kind: AppKind, extra: [string, string][] = [['assertion', alice().jwt]]) =>
    tokenRequest(server, server.registry.apps[kind], [['grant_type', JWT_BEARER], ...extra]);

  test('issues tokens as for the password grant: a session with a refresh token', async () => {
    const response = await jwtGrant('private-server-only');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const body = (await response.json()) as TokenBody;
    assert.equal(body.token_type, 'bearer');
    assert.equal(body.owner_id, alice().extensionId);
    assert.equal(body.scope, 'ReadAccounts ReadMessages');
    assert.equal(body.refresh_token_expires_in, 604800);
    assert.ok(body.endpoint_id.length > 0);
    assert.equal(await resourceStatus(server, body.access_token), 200);
    const refreshed = await tokenRequest(server, server.registry.apps['private-server-only'], [
      ['grant_type', 'refresh_token'],
      ['refresh_token', body.refresh_token],
    ]);
    assert.equal(refreshed.status, 200);
  });

  test('a scope may narrow what the app was registered with', async () => {
    const body = (await (await jwtGrant('private-mobile', [['assertion', alice().jwt], ['scope', 'ReadAccounts']])).json()) as TokenBody;
    assert.equal(body.scope, 'ReadAccounts');
    await expectOAuthError(await jwtGrant('private-mobile', [['assertion', alice().jwt], ['scope', 'EditExtensions']]), 'invalid_scope', 'OAU-101');
  });

  for (const kind of ['private-browser-based', 'private-server-web', 'private-server-only', 'private-desktop', 'private-mobile'] as const) {
    test(`a confidential ${kind} app may use it`, async () => {
      assert.equal((await jwtGrant(kind)).status, 200);
    });
  }

  for (const kind of ['public-browser-based', 'public-desktop'] as const) {
    test(`a public ${kind} app is refused with unauthorized_client OAU-251`, async () => {
      await expectOAuthError(await jwtGrant(kind), 'unauthorized_client', 'OAU-251');
    });
  }

  test('a missing assertion is invalid_request; a foreign or altered one is invalid_grant', async () => {
    await expectOAuthError(await jwtGrant('private-desktop', []), 'invalid_request', 'OAU-101');
    const other = await startMockServer();
    try {
      await expectOAuthError(await jwtGrant('private-desktop', [['assertion', other.registry.users[0]!.jwt]]), 'invalid_grant', 'OAU-140');
    } finally {
      await other.stop();
    }
    await expectOAuthError(await jwtGrant('private-desktop', [['assertion', `${alice().jwt.slice(0, -4)}AAAA`]]), 'invalid_grant', 'OAU-140');
  });

  test('the target profile offers the credential and both grants; the credential is a known secret', () => {
    const profile = server.targetProfile();
    assert.equal(profile.name, 'mock');
    assert.deepEqual(profile.capabilities, ['password-grant', 'jwt-grant']);
    assert.deepEqual(profile.rateLimits, []);
    assert.equal(profile.users['alice']?.jwt, alice().jwt);
    assert.equal(profile.users['alice']?.password, alice().password);
    assert.ok(server.issuedSecrets().includes(alice().jwt));
    assert.equal(decodeJwt(alice().jwt).aud, `${server.baseUrl}/restapi/oauth/token`);
  });

  test('discovery lists the grant', async () => {
    const metadata = (await (await fetch(`${server.baseUrl}/.well-known/openid-configuration`)).json()) as { grant_types_supported: string[] };
    assert.deepEqual(metadata.grant_types_supported, ['authorization_code', 'password', 'refresh_token', JWT_BEARER]);
  });
});
