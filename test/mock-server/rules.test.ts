import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AppKind } from '../../spec/app-types';
import type { Failure } from '../../mock-server/dialect';
import { modePolicy } from '../../mock-server/mode';
import { toMockRequest } from '../../mock-server/request';
import type { Outcome } from '../../mock-server/rule';
import { authenticateClient } from '../../mock-server/rules/authenticate-client';
import { authenticateResourceOwner } from '../../mock-server/rules/authenticate-resource-owner';
import { completePendingRequest } from '../../mock-server/rules/complete-pending-request';
import { findAuthorizationCode } from '../../mock-server/rules/find-authorization-code';
import { findBearerToken } from '../../mock-server/rules/find-bearer-token';
import { findPendingRequest } from '../../mock-server/rules/find-pending-request';
import { findRefreshSession } from '../../mock-server/rules/find-refresh-session';
import { identifyClient } from '../../mock-server/rules/identify-client';
import { limitBodySize } from '../../mock-server/rules/limit-body-size';
import { refuseCodeFlowWithoutUi } from '../../mock-server/rules/refuse-code-flow-without-ui';
import { refusePasswordByAppType } from '../../mock-server/rules/refuse-password-by-app-type';
import { rejectRepeatedParameters } from '../../mock-server/rules/reject-repeated-parameters';
import { requireCodeIssuedToClient } from '../../mock-server/rules/require-code-issued-to-client';
import { requireCodeResponseType } from '../../mock-server/rules/require-code-response-type';
import { requireCodeVerifier } from '../../mock-server/rules/require-code-verifier';
import { requireConsentDecision } from '../../mock-server/rules/require-consent-decision';
import { requireFormBody } from '../../mock-server/rules/require-form-body';
import { requireGrantParameters } from '../../mock-server/rules/require-grant-parameters';
import { requireGrantType } from '../../mock-server/rules/require-grant-type';
import { requireMethod } from '../../mock-server/rules/require-method';
import { requirePermittedScope } from '../../mock-server/rules/require-permitted-scope';
import { requireRefreshTokenOfClient } from '../../mock-server/rules/require-refresh-token-of-client';
import { requireRegisteredRedirectUri } from '../../mock-server/rules/require-registered-redirect-uri';
import { requireSameRedirectUri } from '../../mock-server/rules/require-same-redirect-uri';
import { requireScopeWithinGrant } from '../../mock-server/rules/require-scope-within-grant';
import { requireTokenOfClient } from '../../mock-server/rules/require-token-of-client';
import { requireTokenParameter } from '../../mock-server/rules/require-token-parameter';
import { requireValidCodeChallenge } from '../../mock-server/rules/require-valid-code-challenge';
import { requireWellFormedParameters } from '../../mock-server/rules/require-well-formed-parameters';
import type { IssuedCode } from '../../mock-server/stores/codes';
import { appBasic, basic, fixture, FORM, formPost, params } from './helpers';

const f = fixture();
const apps = f.registry.apps;
const { registry } = f;

/** The error and vendor code of a failure, or 'pass'. */
function verdict(failure: Failure | undefined): string {
  return failure === undefined ? 'pass' : `${failure.error} ${failure.vendorCode}`;
}

function outcome<T>(result: Outcome<T>): string {
  return result.ok ? 'pass' : verdict(result.failure);
}

describe('transport and request rules', () => {
  test('require-method answers 405 with Allow', () => {
    const failure = requireMethod('POST')({ request: toMockRequest({ method: 'GET', url: '/' }) });
    assert.equal(failure?.status, 405);
    assert.equal(failure?.error, 'invalid_request');
    assert.deepEqual(failure?.headers, { Allow: 'POST' });
    assert.equal(requireMethod('GET', 'POST')({ request: toMockRequest({ method: 'POST', url: '/' }) }), undefined);
  });

  test('limit-body-size answers 413', () => {
    const request = toMockRequest({ method: 'POST', url: '/', bodyTooLarge: true });
    assert.equal(limitBodySize({ request })?.status, 413);
    assert.equal(limitBodySize({ request: formPost('a=b') }), undefined);
  });

  test('require-form-body wants application/x-www-form-urlencoded', () => {
    const json = toMockRequest({ method: 'POST', url: '/', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(verdict(requireFormBody({ request: json })), 'invalid_request OAU-101');
    assert.equal(verdict(requireFormBody({ request: toMockRequest({ method: 'POST', url: '/' }) })), 'invalid_request OAU-101');
    assert.equal(verdict(requireFormBody({ request: formPost('a=b') })), 'pass');
  });

  test('require-well-formed-parameters refuses what cannot be decoded', () => {
    assert.equal(verdict(requireWellFormedParameters({ params: params('a=%G1') })), 'invalid_request OAU-101');
    assert.equal(verdict(requireWellFormedParameters({ params: params('a=%41') })), 'pass');
  });

  test('reject-repeated-parameters names the repeated parameter', () => {
    const failure = rejectRepeatedParameters({ params: params('a=1&b=2&a=3') });
    assert.equal(verdict(failure), 'invalid_request OAU-111');
    assert.match(failure?.description ?? '', /\ba\b/);
    assert.equal(verdict(rejectRepeatedParameters({ params: params('a=1&b=2') })), 'pass');
  });
});

describe('identify-client (authorization endpoint)', () => {
  test('requires a registered client_id', () => {
    assert.equal(outcome(identifyClient({ params: params(''), registry })), 'invalid_request OAU-101');
    assert.equal(outcome(identifyClient({ params: params('client_id=nobody'), registry })), 'invalid_request OAU-120');
    assert.equal(outcome(identifyClient({ params: params('client_id=mock-private-server-web'), registry })), 'pass');
  });
});

describe('authenticate-client (token and revocation endpoints)', () => {
  const confidential = apps['private-server-web'];
  const publicApp = apps['public-browser-based'];
  const run = (body: string, authorization?: string) =>
    outcome(authenticateClient({ request: formPost(body, authorization === undefined ? {} : { authorization }), params: params(body), registry }));

  test('a confidential client authenticates with Basic', () => {
    assert.equal(run('grant_type=password', appBasic(confidential)), 'pass');
  });

  test('a malformed Authorization header is invalid_client', () => {
    for (const header of ['Basic', 'Basic !!!', 'Basic YWJj', 'Bearer abc', 'Basic ' + Buffer.from([0xff, 0x3a, 0x61]).toString('base64')]) {
      assert.equal(run('', header), 'invalid_client OAU-123', header);
    }
  });

  test('an unknown client or a wrong secret is invalid_client', () => {
    assert.equal(run('', basic('nobody', 'x')), 'invalid_client OAU-120');
    assert.equal(run('', basic(confidential.clientId, 'wrong')), 'invalid_client OAU-120');
    assert.equal(run('', basic(publicApp.clientId, '')), 'invalid_client OAU-120');
  });

  test('Basic together with body credentials is invalid_request', () => {
    assert.equal(run(`client_id=${confidential.clientId}`, appBasic(confidential)), 'invalid_request OAU-101');
    assert.equal(run('client_secret=x', appBasic(confidential)), 'invalid_request OAU-101');
  });

  test('a confidential client without Basic is invalid_client', () => {
    assert.equal(run(`client_id=${confidential.clientId}`), 'invalid_client OAU-123');
    assert.equal(run(`client_id=${confidential.clientId}&client_secret=${confidential.clientSecret ?? ''}`), 'invalid_client OAU-123');
  });

  test('a public client names itself in the body, without a secret', () => {
    assert.equal(run(`client_id=${publicApp.clientId}`), 'pass');
    assert.equal(run(`client_id=${publicApp.clientId}&client_secret=x`), 'invalid_client OAU-120');
    assert.equal(run('client_id=nobody'), 'invalid_client OAU-120');
    assert.equal(run('grant_type=password'), 'invalid_client OAU-123');
  });

  test('Basic credentials are form-decoded (RFC 6749 §2.3.1)', () => {
    const encodedId = confidential.clientId.replace('-', '%2D');
    assert.equal(run('', basic(encodedId, confidential.clientSecret ?? '')), 'pass');
  });
});

describe('app-type rules', () => {
  const passwordVerdicts: Record<AppKind, string> = {
    'public-browser-based': 'unauthorized_client OAU-251',
    'public-desktop': 'unauthorized_client OAU-251',
    'private-browser-based': 'unauthorized_client OAU-251',
    'private-server-web': 'unauthorized_client OAU-251',
    'private-server-only': 'pass',
    'private-desktop': 'pass',
    'private-mobile': 'pass',
  };

  for (const [kind, expected] of Object.entries(passwordVerdicts) as [AppKind, string][]) {
    test(`refuse-password-by-app-type: ${kind} → ${expected}`, () => {
      assert.equal(verdict(refusePasswordByAppType({ params: params('grant_type=password'), app: apps[kind] })), expected);
      assert.equal(verdict(refusePasswordByAppType({ params: params('grant_type=refresh_token'), app: apps[kind] })), 'pass');
    });
  }

  test('refuse-code-flow-without-ui applies to the authorization endpoint and the code grant only', () => {
    const noUi = apps['private-server-only'];
    assert.equal(verdict(refuseCodeFlowWithoutUi({ channel: 'authorization', params: params(''), app: noUi })), 'unauthorized_client OAU-251');
    assert.equal(
      verdict(refuseCodeFlowWithoutUi({ channel: 'token', params: params('grant_type=authorization_code'), app: noUi })),
      'unauthorized_client OAU-251',
    );
    assert.equal(verdict(refuseCodeFlowWithoutUi({ channel: 'token', params: params('grant_type=password'), app: noUi })), 'pass');
    assert.equal(verdict(refuseCodeFlowWithoutUi({ channel: 'authorization', params: params(''), app: apps['private-mobile'] })), 'pass');
  });
});

describe('authorization request rules', () => {
  const app = apps['private-server-web'];

  test('require-registered-redirect-uri: exact match, or the first URI when omitted', () => {
    const resolve = (query: string) => requireRegisteredRedirectUri({ params: params(query), app });
    assert.deepEqual(resolve(''), { ok: true, value: app.redirectUris[0] });
    assert.deepEqual(resolve(`redirect_uri=${encodeURIComponent(app.redirectUris[1] ?? '')}`), { ok: true, value: app.redirectUris[1] });
    for (const uri of [`${app.redirectUris[0] ?? ''}/`, `${app.redirectUris[0] ?? ''}?x=1`, 'http://evil.example/callback']) {
      assert.equal(outcome(resolve(`redirect_uri=${encodeURIComponent(uri)}`)), 'invalid_request OAU-109', uri);
    }
    const withoutUris = { ...app, redirectUris: [] };
    assert.equal(outcome(requireRegisteredRedirectUri({ params: params(''), app: withoutUris })), 'invalid_request OAU-113');
  });

  test('require-code-response-type', () => {
    assert.equal(verdict(requireCodeResponseType({ params: params('') })), 'invalid_request OAU-101');
    assert.equal(verdict(requireCodeResponseType({ params: params('response_type=token') })), 'unsupported_response_type OAU-101');
    assert.equal(verdict(requireCodeResponseType({ params: params('response_type=code') })), 'pass');
  });

  test('require-permitted-scope', () => {
    assert.equal(verdict(requirePermittedScope({ params: params('scope=ReadAccounts'), app })), 'pass');
    assert.equal(verdict(requirePermittedScope({ params: params(''), app })), 'pass');
    assert.equal(verdict(requirePermittedScope({ params: params('scope=ReadAccounts+EditAccounts'), app })), 'invalid_scope OAU-101');
  });

  test('require-valid-code-challenge', () => {
    const challenge = 'a'.repeat(43);
    assert.equal(verdict(requireValidCodeChallenge({ params: params('') })), 'pass');
    assert.equal(verdict(requireValidCodeChallenge({ params: params(`code_challenge=${challenge}`) })), 'pass');
    assert.equal(verdict(requireValidCodeChallenge({ params: params(`code_challenge=${challenge}&code_challenge_method=S256`) })), 'pass');
    assert.equal(verdict(requireValidCodeChallenge({ params: params(`code_challenge=${challenge}&code_challenge_method=S512`) })), 'invalid_request OAU-101');
    assert.equal(verdict(requireValidCodeChallenge({ params: params('code_challenge_method=S256') })), 'invalid_request OAU-101');
    assert.equal(verdict(requireValidCodeChallenge({ params: params('code_challenge=short') })), 'invalid_request OAU-101');
  });
});

describe('token request rules', () => {
  test('require-grant-type', () => {
    assert.equal(outcome(requireGrantType({ params: params('') })), 'invalid_request OAU-101');
    assert.equal(outcome(requireGrantType({ params: params('grant_type=client_credentials') })), 'unsupported_grant_type OAU-250');
    assert.deepEqual(requireGrantType({ params: params('grant_type=password') }), { ok: true, value: 'password' });
  });

  test('require-grant-parameters', () => {
    assert.equal(verdict(requireGrantParameters({ params: params('grant_type=authorization_code') })), 'invalid_request OAU-101');
    assert.equal(verdict(requireGrantParameters({ params: params('grant_type=password&username=u') })), 'invalid_request OAU-101');
    assert.equal(verdict(requireGrantParameters({ params: params('grant_type=refresh_token') })), 'invalid_request OAU-101');
    assert.equal(verdict(requireGrantParameters({ params: params('grant_type=refresh_token&refresh_token=r') })), 'pass');
  });

  test('authenticate-resource-owner', () => {
    const { alice } = f;
    const run = (query: string) => outcome(authenticateResourceOwner({ params: params(query), registry }));
    const good = `username=${encodeURIComponent(alice.username)}&password=${alice.password}`;
    assert.equal(run(good), 'pass');
    assert.equal(run(`${good}&extension=${alice.extension}`), 'pass');
    assert.equal(run(`${good}&extension=999`), 'invalid_grant OAU-140');
    assert.equal(run(`username=${encodeURIComponent(alice.username)}&password=wrong`), 'invalid_grant OAU-140');
    assert.equal(run(`username=nobody&password=${alice.password}`), 'invalid_grant OAU-140');
  });

  test('require-scope-within-grant', () => {
    assert.equal(verdict(requireScopeWithinGrant({ params: params('scope=ReadAccounts'), grantedScope: ['ReadAccounts'] })), 'pass');
    assert.equal(verdict(requireScopeWithinGrant({ params: params('scope=ReadMessages'), grantedScope: ['ReadAccounts'] })), 'invalid_scope OAU-101');
  });
});

describe('authorization code rules', () => {
  const app = apps['private-server-web'];
  const issue = (challenge?: IssuedCode['challenge']): IssuedCode =>
    f.codes.issue({ clientId: app.clientId, redirectUri: app.redirectUris[0] ?? '', user: f.alice, scope: ['ReadAccounts'], challenge });

  test('find-authorization-code: unknown and used codes are invalid_grant OAU-106', () => {
    const find = (code: string) => outcome(findAuthorizationCode({ params: params(`code=${code}`), codes: f.codes }));
    assert.equal(find('unknown'), 'invalid_grant OAU-106');
    const used = issue();
    assert.equal(find(used.value), 'pass');
    f.codes.redeem(used, 's');
    assert.equal(find(used.value), 'invalid_grant OAU-106');
  });

  test('find-authorization-code: an expired code is invalid_grant OAU-108', () => {
    const own = fixture();
    const code = own.codes.issue({ clientId: app.clientId, redirectUri: '', user: own.alice, scope: [], challenge: undefined });
    own.clock.advance(61);
    assert.equal(outcome(findAuthorizationCode({ params: params(`code=${code.value}`), codes: own.codes })), 'invalid_grant OAU-108');
  });

  test('require-code-issued-to-client', () => {
    const code = issue();
    assert.equal(verdict(requireCodeIssuedToClient({ app, code })), 'pass');
    assert.equal(verdict(requireCodeIssuedToClient({ app: apps['private-desktop'], code })), 'invalid_grant OAU-110');
  });

  test('require-same-redirect-uri: present and identical', () => {
    const code = issue();
    const run = (query: string) => verdict(requireSameRedirectUri({ params: params(query), code }));
    assert.equal(run(`redirect_uri=${encodeURIComponent(code.redirectUri)}`), 'pass');
    assert.equal(run(''), 'invalid_grant OAU-109');
    assert.equal(run(`redirect_uri=${encodeURIComponent(app.redirectUris[1] ?? '')}`), 'invalid_grant OAU-109');
  });

  test('require-code-verifier: S256 and plain (RFC 7636 appendix B example)', () => {
    const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    const s256 = issue({ value: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', method: 'S256' });
    const run = (query: string, code: IssuedCode) => verdict(requireCodeVerifier({ params: params(query), code }));
    assert.equal(run(`code_verifier=${verifier}`, s256), 'pass');
    assert.equal(run(`code_verifier=${verifier}x`, s256), 'invalid_grant OAU-106');
    assert.equal(run('', s256), 'invalid_grant OAU-106');
    const plain = issue({ value: verifier, method: 'plain' });
    assert.equal(run(`code_verifier=${verifier}`, plain), 'pass');
    assert.equal(run(`code_verifier=${verifier}`, issue()), 'invalid_grant OAU-106');
    assert.equal(run('', issue()), 'pass');
  });
});

describe('refresh and revocation rules', () => {
  const app = apps['private-desktop'];
  const open = () => f.sessions.open({ clientId: app.clientId, user: f.alice, scope: ['ReadAccounts'], grantedScope: ['ReadAccounts'] });
  const find = (token: string) => outcome(findRefreshSession({ params: params(`refresh_token=${token}`), sessions: f.sessions }));

  test('find-refresh-session: unknown, rotated, revoked', () => {
    assert.equal(find('unknown'), 'invalid_grant OAU-213');
    const session = open();
    assert.equal(find(session.refreshToken), 'pass');
    f.sessions.rotate(session, session.scope);
    assert.equal(find(session.refreshToken), 'invalid_grant OAU-211');
    const revoked = open();
    f.sessions.end(revoked.id);
    assert.equal(find(revoked.refreshToken), 'invalid_grant OAU-211');
  });

  test('require-refresh-token-of-client', () => {
    const session = open();
    assert.equal(verdict(requireRefreshTokenOfClient({ app, session })), 'pass');
    assert.equal(verdict(requireRefreshTokenOfClient({ app: apps['private-mobile'], session })), 'invalid_grant OAU-213');
  });

  test('require-token-parameter', () => {
    const policy = modePolicy('strict');
    assert.equal(verdict(requireTokenParameter({ params: params('token_type_hint=access_token'), policy })), 'invalid_request OAU-101');
    assert.equal(verdict(requireTokenParameter({ params: params('token=t'), policy })), 'pass');
  });

  test('require-token-of-client', () => {
    const session = open();
    assert.equal(verdict(requireTokenOfClient({ app, session })), 'pass');
    assert.equal(verdict(requireTokenOfClient({ app, session: undefined })), 'pass');
    assert.equal(verdict(requireTokenOfClient({ app: apps['private-mobile'], session })), 'unauthorized_client OAU-120');
  });
});

describe('find-bearer-token (RFC 6750 §2)', () => {
  const request = (init: { method?: string; url?: string; authorization?: string; body?: string; type?: string }) =>
    toMockRequest({
      method: init.method ?? 'GET',
      url: init.url ?? '/r',
      headers: {
        ...(init.authorization === undefined ? {} : { authorization: init.authorization }),
        ...(init.type === undefined ? {} : { 'content-type': init.type }),
      },
      ...(init.body === undefined ? {} : { body: init.body }),
    });
  const run = (init: Parameters<typeof request>[0]) => findBearerToken({ request: request(init) });

  test('one method at a time: header, form body or query', () => {
    assert.deepEqual(run({ authorization: 'Bearer abc.def' }), { ok: true, value: 'abc.def' });
    assert.deepEqual(run({ method: 'POST', type: FORM, body: 'access_token=abc' }), { ok: true, value: 'abc' });
    assert.deepEqual(run({ url: '/r?access_token=abc' }), { ok: true, value: 'abc' });
    assert.equal(outcome(run({ url: '/r?access_token=abc', authorization: 'Bearer abc' })), 'invalid_request OAU-101');
    assert.equal(outcome(run({ method: 'POST', type: FORM, body: 'access_token=abc', authorization: 'Bearer abc' })), 'invalid_request OAU-101');
    assert.equal(outcome(run({ url: '/r?access_token=a&access_token=b' })), 'invalid_request OAU-101');
  });

  test('no token at all gets a bare challenge', () => {
    const result = run({});
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.failure.bareChallenge, true);
    assert.equal(outcome(run({ authorization: 'Basic abc' })), 'invalid_token OAU-123');
    assert.equal(outcome(run({ method: 'GET', type: FORM, body: 'access_token=abc' })), 'invalid_token OAU-123');
    assert.equal(outcome(run({ method: 'POST', type: 'application/json', body: 'access_token=abc' })), 'invalid_token OAU-123');
  });

  test('a malformed bearer credential is invalid_request', () => {
    assert.equal(outcome(run({ authorization: 'Bearer' })), 'invalid_request OAU-101');
    assert.equal(outcome(run({ authorization: 'Bearer a b' })), 'invalid_request OAU-101');
    assert.equal(outcome(run({ url: '/r?access_token=%zz' })), 'invalid_request OAU-101');
  });
});

describe('sign-in and consent rules', () => {
  const app = apps['private-mobile'];
  const open = () =>
    f.pending.open({ app, redirectUri: app.redirectUris[0] ?? '', scope: ['ReadAccounts'], state: undefined, challenge: undefined });

  test('find-pending-request and complete-pending-request', () => {
    const pending = open();
    assert.equal(outcome(findPendingRequest({ params: params(`request=${pending.id}`), pending: f.pending })), 'pass');
    assert.equal(outcome(findPendingRequest({ params: params('request=nope'), pending: f.pending })), 'invalid_request OAU-101');
    const complete = () => outcome(completePendingRequest({ params: params(`request=${pending.id}`), pending: f.pending }));
    assert.equal(complete(), 'invalid_request OAU-101', 'not signed in');
    f.pending.signIn(pending.id, f.alice);
    assert.equal(complete(), 'pass');
    assert.equal(complete(), 'invalid_request OAU-101', 'completed once');
  });

  test('require-consent-decision', () => {
    assert.equal(verdict(requireConsentDecision({ params: params('decision=approve') })), 'pass');
    assert.equal(verdict(requireConsentDecision({ params: params('decision=decline') })), 'pass');
    assert.equal(verdict(requireConsentDecision({ params: params('decision=maybe') })), 'invalid_request OAU-101');
  });
});
