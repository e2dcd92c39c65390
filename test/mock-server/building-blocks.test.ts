import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { AccessTokens } from '../../mock-server/access-tokens';
import { MockClock } from '../../mock-server/clock';
import { Params } from '../../mock-server/params';
import { toMockRequest } from '../../mock-server/request';
import { CODE_LIFETIME_SECONDS } from '../../mock-server/stores/codes';
import { PENDING_REQUEST_LIFETIME_SECONDS } from '../../mock-server/stores/pending-requests';
import { ACCESS_TOKEN_LIFETIME_SECONDS, REFRESH_TOKEN_LIFETIME_SECONDS } from '../../mock-server/stores/sessions';
import { fixture } from './helpers';

describe('the mock clock', () => {
  test('the clock starts at the wall time of its creation', () => {
    const start = Date.now();
    const clock = new MockClock();
    assert.ok(clock.nowMs() >= start && clock.nowMs() <= Date.now() + 1);
    assert.equal(clock.nowSeconds(), Math.floor(clock.nowMs() / 1000));
  });

  test('advance moves the clock forward by exactly that many seconds (give or take real elapsed time)', () => {
    const clock = new MockClock();
    const start = clock.nowMs();
    clock.advance(3600);
    const moved = clock.nowMs() - start;
    assert.ok(moved >= 3_600_000 && moved < 3_601_000, `moved ${moved} ms`);
  });

  test('the clock never runs backwards', () => {
    const clock = new MockClock();
    assert.throws(() => clock.advance(-1), RangeError);
    assert.throws(() => clock.advance(Number.NaN), RangeError);
    assert.throws(() => clock.advance(Number.POSITIVE_INFINITY), RangeError);
  });
});

describe('parameters and requests', () => {
  test('parameters decode percent-encoding and + as space (RFC 6749 Appendix B)', () => {
    const params = Params.parse('a=1%202&b=x+y&c=%C3%A9');
    assert.equal(params.get('a'), '1 2');
    assert.equal(params.get('b'), 'x y');
    assert.equal(params.get('c'), 'é');
    assert.equal(params.problem, undefined);
  });

  test('a parameter without a value counts as omitted (RFC 6749 §3.1)', () => {
    const params = Params.parse('scope=&state&code=1');
    assert.equal(params.has('scope'), false);
    assert.equal(params.has('state'), false);
    assert.equal(params.get('code'), '1');
  });

  test('repeated parameters are reported, the first value is kept', () => {
    const params = Params.parse('a=1&a=2&b=3');
    assert.deepEqual(params.repeatedNames(), ['a']);
    assert.equal(params.get('a'), '1');
  });

  test('malformed percent-encoding and non-UTF-8 are recorded, not thrown', () => {
    assert.notEqual(Params.parse('a=%zz').problem, undefined);
    assert.notEqual(Params.parse('a=%C3%28').problem, undefined);
    assert.notEqual(Params.fromBytes(Buffer.from([0x61, 0x3d, 0xff, 0xfe])).problem, undefined);
  });

  test('a request is split into path and query, and the body is parsed only when form-encoded', () => {
    const form = toMockRequest({
      method: 'post',
      url: '/p?x=1',
      headers: { 'content-type': 'Application/X-WWW-Form-Urlencoded; charset=UTF-8' },
      body: 'a=b',
    });
    assert.equal(form.method, 'POST');
    assert.equal(form.path, '/p');
    assert.equal(form.query.get('x'), '1');
    assert.equal(form.form.get('a'), 'b');
    const json = toMockRequest({ method: 'POST', url: '/p', headers: { 'content-type': 'application/json' }, body: 'a=b' });
    assert.equal(json.form.has('a'), false);
    assert.equal(toMockRequest({ method: 'GET', url: 'http://host:1/abs?q=1' }).path, '/abs');
  });
});

describe('pending authorization requests', () => {
  const details = (f: ReturnType<typeof fixture>) => ({
    app: f.registry.apps['private-server-web'],
    redirectUri: f.registry.apps['private-server-web'].redirectUris[0]!,
    scope: ['ReadAccounts'],
    state: 's',
    challenge: undefined,
  });

  test('complete only after a sign-in, and only once', () => {
    const f = fixture();
    const request = f.pending.open(details(f));
    assert.equal(f.pending.complete(request.id), undefined, 'nobody signed in yet');
    f.pending.signIn(request.id, f.alice);
    assert.equal(f.pending.complete(request.id)?.user.key, 'alice');
    assert.equal(f.pending.complete(request.id), undefined, 'already completed');
    assert.equal(f.pending.find(request.id), undefined);
  });

  test('expire with the clock', () => {
    const f = fixture();
    const request = f.pending.open(details(f));
    f.pending.signIn(request.id, f.alice);
    f.clock.advance(PENDING_REQUEST_LIFETIME_SECONDS - 5);
    assert.notEqual(f.pending.find(request.id), undefined);
    f.clock.advance(6);
    assert.equal(f.pending.find(request.id), undefined);
    assert.equal(f.pending.complete(request.id), undefined);
  });

  test('unknown ids are not found', () => {
    const f = fixture();
    assert.equal(f.pending.find('nope'), undefined);
    assert.equal(f.pending.find(undefined), undefined);
  });
});

describe('authorization codes', () => {
  const grant = (f: ReturnType<typeof fixture>) => ({
    clientId: 'mock-private-server-web',
    redirectUri: 'http://127.0.0.1:5999/private-server-web/callback',
    user: f.alice,
    scope: ['ReadAccounts'],
    challenge: undefined,
  });

  test('are random, recorded as secrets, and bound to client and redirect URI', () => {
    const f = fixture();
    const first = f.codes.issue(grant(f));
    const second = f.codes.issue(grant(f));
    assert.notEqual(first.value, second.value);
    assert.ok(first.value.length >= 32);
    assert.ok(f.ledger.all().includes(first.value));
    assert.equal(f.codes.find(first.value)?.clientId, 'mock-private-server-web');
    assert.equal(f.codes.find(first.value)?.redirectUri, 'http://127.0.0.1:5999/private-server-web/callback');
  });

  test('are single-use and remember the session they were redeemed for', () => {
    const f = fixture();
    const code = f.codes.issue(grant(f));
    assert.equal(f.codes.status(code), 'live');
    f.codes.redeem(code, 'session-1');
    assert.equal(f.codes.status(code), 'redeemed');
    assert.equal(f.codes.find(code.value)?.redeemedBy, 'session-1');
  });

  test('expire with the clock', () => {
    const f = fixture();
    const code = f.codes.issue(grant(f));
    f.clock.advance(CODE_LIFETIME_SECONDS - 2);
    assert.equal(f.codes.status(code), 'live');
    f.clock.advance(3);
    assert.equal(f.codes.status(code), 'expired');
  });
});

describe('sessions', () => {
  const open = (f: ReturnType<typeof fixture>) =>
    f.sessions.open({ clientId: 'mock-private-desktop', user: f.alice, scope: ['ReadAccounts'], grantedScope: ['ReadAccounts', 'ReadMessages'] });

  test('hold one live refresh token and one live access token', () => {
    const f = fixture();
    const session = open(f);
    assert.ok(session.refreshToken.length >= 32);
    assert.equal(f.sessions.lookupRefreshToken(session.refreshToken)?.state, 'live');
    assert.equal(f.sessions.accessState(session.id, session.accessJti)?.state, 'live');
    assert.equal(f.sessions.lookupRefreshToken('unknown'), undefined);
  });

  test('rotation replaces both tokens; the old ones stop working', () => {
    const f = fixture();
    const session = open(f);
    f.sessions.attachAccessToken(session.id, session.accessJti, 'access-1');
    const rotated = f.sessions.rotate(session, ['ReadAccounts']);
    assert.notEqual(rotated.refreshToken, session.refreshToken);
    assert.notEqual(rotated.accessJti, session.accessJti);
    assert.equal(f.sessions.lookupRefreshToken(session.refreshToken)?.state, 'rotated');
    assert.equal(f.sessions.lookupAccessToken('access-1')?.state, 'rotated');
    assert.equal(f.sessions.accessState(session.id, session.accessJti)?.state, 'rotated');
    assert.equal(f.sessions.lookupRefreshToken(rotated.refreshToken)?.state, 'live');
    assert.equal(f.sessions.accessState(rotated.id, rotated.accessJti)?.state, 'live');
  });

  test('are bound to the client they were issued to', () => {
    const f = fixture();
    const session = open(f);
    assert.equal(f.sessions.lookupRefreshToken(session.refreshToken)?.session.clientId, 'mock-private-desktop');
  });

  test('ending a session ends both of its tokens', () => {
    const f = fixture();
    const session = open(f);
    f.sessions.attachAccessToken(session.id, session.accessJti, 'access-1');
    f.sessions.end(session.id);
    assert.equal(f.sessions.lookupRefreshToken(session.refreshToken)?.state, 'ended');
    assert.equal(f.sessions.lookupAccessToken('access-1')?.state, 'ended');
  });

  test('refresh tokens expire with the clock', () => {
    const f = fixture();
    const session = open(f);
    f.clock.advance(REFRESH_TOKEN_LIFETIME_SECONDS - 5);
    assert.equal(f.sessions.lookupRefreshToken(session.refreshToken)?.state, 'live');
    f.clock.advance(6);
    assert.equal(f.sessions.lookupRefreshToken(session.refreshToken)?.state, 'expired');
  });

  test('issued tokens are recorded as secrets', () => {
    const f = fixture();
    const session = open(f);
    f.sessions.attachAccessToken(session.id, session.accessJti, 'access-1');
    assert.ok(f.ledger.all().includes(session.refreshToken));
    assert.ok(f.ledger.all().includes('access-1'));
  });
});

describe('access tokens', () => {
  const clock = new MockClock();
  let tokens: AccessTokens;

  before(async () => {
    tokens = await AccessTokens.create(clock);
    tokens.bindIssuer('http://127.0.0.1:1');
  });

  const claims = () => ({ subject: '1001', clientId: 'mock-app', sessionId: randomUUID(), scope: ['ReadAccounts'], jti: randomUUID() });

  test('access tokens are ES256 JWTs whose time claims come from the mock clock', async () => {
    clock.advance(86_400);
    const wanted = claims();
    const token = await tokens.sign(wanted);
    const payload = decodeJwt(token);
    assert.equal(decodeProtectedHeader(token).alg, 'ES256');
    assert.equal(payload.iss, 'http://127.0.0.1:1');
    assert.ok(Math.abs((payload.iat ?? 0) - clock.nowSeconds()) <= 1);
    assert.equal(payload.exp, (payload.iat ?? 0) + ACCESS_TOKEN_LIFETIME_SECONDS);
    assert.equal(payload.sub, '1001');
    assert.equal(payload['client_id'], 'mock-app');
    assert.equal(payload['sid'], wanted.sessionId);
    assert.equal(payload.jti, wanted.jti);
    assert.equal(payload['scope'], 'ReadAccounts');
    assert.deepEqual(await tokens.verify(token), { ok: true, sessionId: wanted.sessionId, jti: wanted.jti });
  });

  test('an access token expires after 3600 s on the clock', async () => {
    const token = await tokens.sign(claims());
    clock.advance(ACCESS_TOKEN_LIFETIME_SECONDS - 5);
    assert.equal((await tokens.verify(token)).ok, true);
    clock.advance(6);
    assert.deepEqual(await tokens.verify(token), { ok: false, reason: 'expired' });
  });

  test('forged or mangled tokens are invalid', async () => {
    const token = await tokens.sign(claims());
    const [header, payload] = token.split('.');
    assert.deepEqual(await tokens.verify(`${header}.${payload}.AAAA`), { ok: false, reason: 'invalid' });
    assert.deepEqual(await tokens.verify('not-a-jwt'), { ok: false, reason: 'invalid' });
    const other = await AccessTokens.create(clock);
    other.bindIssuer('http://127.0.0.1:1');
    assert.deepEqual(await tokens.verify(await other.sign(claims())), { ok: false, reason: 'invalid' });
  });

  test('the JWKS holds public keys only', () => {
    const { keys } = tokens.jwks();
    assert.equal(keys.length, 1);
    assert.equal((keys[0] as Record<string, unknown>)['d'], undefined);
  });
});
