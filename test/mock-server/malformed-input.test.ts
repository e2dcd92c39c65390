/**
 * A generated corpus of malformed requests against every endpoint of the mock (wrong methods and media
 * types, bodies over the limit, broken percent-encoding and UTF-8, repeated, empty and missing parameters,
 * huge and odd state and redirect_uri values, broken Basic and Bearer headers, JSON where a form belongs).
 * The mock must never answer 5xx, must answer each with an RFC-shaped refusal, and must keep serving.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type MockMode, type RunningMockServer, startMockServer } from '../../mock-server/index';
import { MOCK_MODES } from '../../mock-server/mode';
import { PATHS } from '../../mock-server/paths';
import { codeFor, FORM, resourceStatus, tokenRequest } from './helpers';

interface Case {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly query?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

/** RFC 6749 §5.2: error and error_description of printable ASCII without '"' and '\'. */
const ERROR_TEXT = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

const BROKEN_ENCODINGS = ['%', '%zz', '%E0%A4%A', '%C3%28', '%FF%FE', 'a%00b', '%ED%A0%80'];
const ODD_VALUES = ['', ' ', 'x'.repeat(20_000), 'café ✓', '<script>alert(1)</script>', '"\\\'', '\r\nSet-Cookie: a=b', '../../etc/passwd'];
const ODD_REDIRECTS = ['javascript:alert(1)', 'data:text/html,hi', '/relative', 'http://[::1', 'http://127.0.0.1:5999/x#frag', 'http://user:pw@127.0.0.1/', `http://127.0.0.1/${'a'.repeat(10_000)}`];
const BROKEN_BASIC = ['Basic', 'Basic ', 'Basic !!!', 'Basic Og==', 'Basic OmFiYw==', 'Basic YWJj', 'Basic /w==', `Basic ${'A'.repeat(8000)}`, 'basic  x y', 'Bearer abc', 'Digest a=b'];
const BROKEN_BEARER = ['Bearer', 'Bearer ', 'Bearer a b', 'Bearer @@@', 'Bearer ===', `Bearer ${'a'.repeat(9000)}`, 'bearer\tabc', 'Basic abc'];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];
const OAUTH_JSON_PATHS = [PATHS.token, PATHS.revoke];

function encodeForm(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
}

/** Every case is built from the lists above, endpoint by endpoint; nothing is random, so a failure repeats. */
function corpus(clientId: string): Case[] {
  const cases: Case[] = [];
  const allPaths = [...Object.values(PATHS), '/restapi/oauth/nowhere', '/', `/${'%'.repeat(3)}`];
  for (const path of allPaths) {
    for (const method of METHODS) cases.push({ name: `${method} ${path}`, method, path });
  }
  for (const path of [...OAUTH_JSON_PATHS, PATHS.signIn, PATHS.consent, PATHS.clock]) {
    const form = { 'content-type': FORM };
    cases.push({ name: `${path} without a media type`, method: 'POST', path, body: 'grant_type=password' });
    for (const type of ['text/plain', 'application/json', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded; charset=latin1', 'application/xml', ';;;']) {
      cases.push({ name: `${path} as ${type}`, method: 'POST', path, headers: { 'content-type': type }, body: type.includes('json') ? '{"grant_type":"password"}' : 'grant_type=password' });
    }
    cases.push({ name: `${path} JSON array`, method: 'POST', path, headers: { 'content-type': 'application/json' }, body: '[1,2,3]' });
    cases.push({ name: `${path} broken JSON`, method: 'POST', path, headers: { 'content-type': 'application/json' }, body: '{"grant_type":' });
    cases.push({ name: `${path} over the size limit`, method: 'POST', path, headers: form, body: `grant_type=password&pad=${'a'.repeat(200_000)}` });
    cases.push({ name: `${path} raw invalid UTF-8`, method: 'POST', path, headers: form, body: Buffer.from([0x67, 0x3d, 0xff, 0xfe, 0x26, 0xc3]) });
    for (const broken of BROKEN_ENCODINGS) {
      cases.push({ name: `${path} value ${broken}`, method: 'POST', path, headers: form, body: `grant_type=password&username=${broken}` });
      cases.push({ name: `${path} name ${broken}`, method: 'POST', path, headers: form, body: `${broken}=1&grant_type=password` });
    }
    for (const body of ['', '&&&', '=', '==&=', 'grant_type', 'grant_type=', 'grant_type=password&grant_type=password', 'grant_type=password&grant_type=refresh_token', `${'n'.repeat(5000)}=1`]) {
      cases.push({ name: `${path} body "${body.slice(0, 30)}"`, method: 'POST', path, headers: form, body });
    }
    for (const header of BROKEN_BASIC) {
      cases.push({ name: `${path} authorization "${header.slice(0, 20)}"`, method: 'POST', path, headers: { ...form, authorization: header }, body: 'grant_type=password&username=a&password=b' });
    }
  }
  for (const path of OAUTH_JSON_PATHS) {
    const form = { 'content-type': FORM };
    for (const grant of ['password', 'authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:jwt-bearer', 'client_credentials', 'implicit', '']) {
      for (const value of ODD_VALUES) {
        const params: [string, string][] = [['grant_type', grant], ['client_id', clientId], ['code', value], ['refresh_token', value], ['username', value], ['password', value], ['assertion', value], ['token', value], ['scope', value], ['redirect_uri', value]];
        cases.push({ name: `${path} ${grant || '(empty grant)'} with "${value.slice(0, 15)}"`, method: 'POST', path, headers: form, body: encodeForm(params) });
      }
    }
  }
  const authorize = (query: string): Case => ({ name: `authorize ?${query.slice(0, 40)}`, method: 'GET', path: PATHS.authorize, query });
  const base = [['response_type', 'code'], ['client_id', clientId]] as const;
  for (const value of ODD_VALUES) {
    cases.push(authorize(encodeForm([...base, ['state', value]])));
    cases.push(authorize(encodeForm([...base, ['scope', value]])));
    cases.push(authorize(encodeForm([...base, ['code_challenge', value], ['code_challenge_method', 'S256']])));
    cases.push(authorize(encodeForm([['response_type', value], ['client_id', clientId]])));
    cases.push(authorize(encodeForm([['response_type', 'code'], ['client_id', value]])));
  }
  for (const uri of ODD_REDIRECTS) {
    cases.push(authorize(encodeForm([...base, ['redirect_uri', uri], ['state', 's']])));
    cases.push(authorize(encodeForm([...base, ['redirect_uri', uri], ['redirect_uri', uri]])));
  }
  for (const broken of BROKEN_ENCODINGS) {
    cases.push(authorize(`response_type=code&client_id=${clientId}&state=${broken}`));
    cases.push(authorize(`response_type=code&client_id=${broken}`));
    cases.push(authorize(`${broken}=x&response_type=code&client_id=${clientId}`));
  }
  for (const query of ['', '&', '=', 'response_type', 'client_id=', `response_type=code&client_id=${clientId}&client_id=${clientId}`, `response_type=code&response_type=code&client_id=${clientId}`]) {
    cases.push(authorize(query));
  }
  for (const path of [PATHS.resource, PATHS.messages]) {
    for (const header of BROKEN_BEARER) cases.push({ name: `${path} "${header.slice(0, 20)}"`, method: 'GET', path, headers: { authorization: header } });
    for (const broken of [...BROKEN_ENCODINGS, '', 'a&access_token=b']) {
      cases.push({ name: `${path} ?access_token=${broken}`, method: 'GET', path, query: `access_token=${broken}` });
      cases.push({ name: `${path} body access_token=${broken}`, method: 'POST', path, headers: { 'content-type': FORM }, body: `access_token=${broken}` });
    }
    cases.push({ name: `${path} token twice in the query`, method: 'GET', path, query: 'access_token=a&access_token=b' });
    cases.push({ name: `${path} JSON body`, method: 'POST', path, headers: { 'content-type': 'application/json' }, body: '{"access_token":"a"}' });
    cases.push({ name: `${path} over the size limit`, method: 'POST', path, headers: { 'content-type': FORM }, body: `access_token=${'a'.repeat(200_000)}` });
  }
  return cases;
}

async function send(server: RunningMockServer, c: Case): Promise<{ status: number; headers: Headers; body: string }> {
  const url = `${server.baseUrl}${c.path}${c.query === undefined ? '' : `?${c.query}`}`;
  const response = await fetch(url, {
    method: c.method,
    redirect: 'manual',
    ...(c.headers === undefined ? {} : { headers: c.headers }),
    ...(c.body === undefined || c.method === 'GET' ? {} : { body: c.body }),
  });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** What an RFC-shaped refusal is at each kind of endpoint. */
function checkShape(c: Case, answer: { status: number; headers: Headers; body: string }, mode: MockMode): string | undefined {
  if (answer.status >= 500) return `HTTP ${answer.status}`;
  const type = answer.headers.get('content-type') ?? '';
  if (answer.status >= 300 && answer.status < 400) {
    const location = answer.headers.get('location');
    if (location === null) return 'a redirect without Location';
    const error = new URL(location).searchParams.get('error');
    return error !== null && !ERROR_TEXT.test(error) ? `error=${error} is not printable ASCII` : undefined;
  }
  if (answer.status < 400) return undefined;
  if (type.startsWith('text/html')) return answer.body.length > 0 ? undefined : 'an empty error page';
  if (!type.startsWith('application/json')) return `an error as ${type || 'no media type'} (HTTP ${answer.status})`;
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return 'an error body that is not JSON';
  }
  const fields = body as Record<string, unknown>;
  const isResource = c.path === PATHS.resource || c.path === PATHS.messages;
  if (isResource) {
    const challenge = answer.headers.get('www-authenticate') ?? '';
    // RingCentral's resource errors carry no challenge (the fidelity mode's known deviation).
    if (mode === 'strict' && answer.status === 401 && !/^Bearer /.test(challenge)) return `a 401 without a Bearer challenge (${challenge})`;
    return typeof fields['errorCode'] === 'string' ? undefined : 'a resource error without errorCode';
  }
  if (typeof fields['error'] !== 'string' || !ERROR_TEXT.test(fields['error'])) return `no RFC 6749 error code (${answer.body.slice(0, 80)})`;
  const description = fields['error_description'];
  if (description !== undefined && (typeof description !== 'string' || !ERROR_TEXT.test(description))) return 'an error_description outside printable ASCII';
  return undefined;
}

for (const mode of MOCK_MODES) describe(`malformed input against every endpoint, ${mode} mode`, () => {
  let server: RunningMockServer;
  let cases: Case[];
  before(async () => {
    // The corpus is not about rate limits: the fidelity mode's budget is lifted so every case reaches its endpoint.
    server = await startMockServer({ mode, ...(mode === 'ringcentral' ? { authRateLimit: { requests: 1_000_000, windowMs: 1000 } } : {}) });
    cases = corpus(server.registry.apps['private-server-web'].clientId);
  });
  after(() => server.stop());

  it('is a corpus of more than 500 cases', () => {
    assert.ok(cases.length > 500, `only ${cases.length} cases`);
  });

  it('never answers 5xx, always answers an RFC-shaped refusal, and keeps serving correct requests', async () => {
    const problems: string[] = [];
    for (const c of cases) {
      const answer = await send(server, c);
      const problem = checkShape(c, answer, mode);
      if (problem !== undefined) problems.push(`${c.name}: ${problem}`);
    }
    assert.deepEqual(problems.slice(0, 20), [], `${problems.length} of ${cases.length} cases`);
    // The fidelity mode has no password grant; what both modes still serve is the code flow.
    const app = server.registry.apps['private-server-web'];
    const code = await codeFor(server, 'private-server-web');
    const redeemed = await tokenRequest(server, app, [['grant_type', 'authorization_code'], ['code', code], ['redirect_uri', app.redirectUris[0] ?? '']]);
    assert.equal(redeemed.status, 200);
    const tokens = (await redeemed.json()) as { access_token: string };
    assert.equal(await resourceStatus(server, tokens.access_token), 200);
  });
});
