/** Shared fixtures for the mock server's tests: stores on a fresh clock, request builders, and HTTP helpers. */
import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import { OAUTH_ERRORS, type OAuthErrorCode } from '../../spec/oauth-errors';
import type { AppKind } from '../../spec/app-types';
import { MockClock } from '../../mock-server/clock';
import { JwtCredentials } from '../../mock-server/jwt-credentials';
import { Params } from '../../mock-server/params';
import { createRegistry, type RegisteredApp } from '../../mock-server/registry';
import { type MockRequest, toMockRequest } from '../../mock-server/request';
import { SecretLedger } from '../../mock-server/secrets';
import { CodeStore } from '../../mock-server/stores/codes';
import { PendingRequestStore } from '../../mock-server/stores/pending-requests';
import { SessionStore } from '../../mock-server/stores/sessions';
import type { RunningMockServer } from '../../mock-server/index';

export const FORM = 'application/x-www-form-urlencoded';

/** The issuer the fixtures' JWT credentials name; no server listens there. */
export const FIXTURE_BASE_URL = 'http://127.0.0.1:9';

export function fixture() {
  const clock = new MockClock();
  const ledger = new SecretLedger();
  const credentials = new JwtCredentials(clock, FIXTURE_BASE_URL);
  const registry = createRegistry(ledger, credentials);
  return {
    clock,
    ledger,
    credentials,
    registry,
    pending: new PendingRequestStore(clock),
    codes: new CodeStore(clock, ledger),
    sessions: new SessionStore(clock, ledger),
    alice: registry.users[0]!,
  };
}

export function params(text: string): Params {
  return Params.parse(text);
}

export function formPost(body: string, headers: IncomingHttpHeaders = {}): MockRequest {
  return toMockRequest({ method: 'POST', url: '/x', headers: { 'content-type': FORM, ...headers }, body });
}

export function basic(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;
}

export function appBasic(app: RegisteredApp): string {
  return basic(app.clientId, app.clientSecret ?? '');
}

/** Client authentication the way RingCentral wants it: Basic for confidential apps, client_id in the body for public ones. */
export function clientAuth(app: RegisteredApp): { headers: Record<string, string>; body: [string, string][] } {
  return app.clientSecret === undefined
    ? { headers: {}, body: [['client_id', app.clientId]] }
    : { headers: { authorization: appBasic(app) }, body: [] };
}

export async function postForm(
  server: RunningMockServer,
  path: string,
  body: readonly (readonly [string, string])[] | string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const encoded = typeof body === 'string' ? body : new URLSearchParams(body.map(([k, v]): [string, string] => [k, v])).toString();
  return fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': FORM, ...headers },
    body: encoded,
    redirect: 'manual',
  });
}

export interface TokenBody {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
  refresh_token_expires_in: number;
  scope: string;
  owner_id: string;
  endpoint_id: string;
}

export async function tokenRequest(
  server: RunningMockServer,
  app: RegisteredApp,
  body: readonly (readonly [string, string])[],
): Promise<Response> {
  const auth = clientAuth(app);
  return postForm(server, '/restapi/oauth/token', [...auth.body, ...body], auth.headers);
}

export async function passwordTokens(server: RunningMockServer, kind: AppKind = 'private-desktop'): Promise<TokenBody> {
  const user = server.registry.users[0]!;
  const response = await tokenRequest(server, server.registry.apps[kind], [
    ['grant_type', 'password'],
    ['username', user.username],
    ['password', user.password],
  ]);
  if (response.status !== 200) throw new Error(`password grant failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as TokenBody;
}

export function hiddenRequestId(html: string): string {
  const id = /name="request" value="([^"]+)"/.exec(html)?.[1];
  if (id === undefined) throw new Error(`no pending request id in page:\n${html}`);
  return id;
}

export interface AuthorizationOptions {
  readonly query?: Readonly<Record<string, string>>;
  readonly decision?: 'approve' | 'decline';
}

/** Walks the code flow the way a browser would: authorization request, sign-in form, consent form. */
export async function authorizeThroughForms(
  server: RunningMockServer,
  kind: AppKind,
  options: AuthorizationOptions = {},
): Promise<URL> {
  const app = server.registry.apps[kind];
  const user = server.registry.users[0]!;
  const query = new URLSearchParams({ client_id: app.clientId, response_type: 'code', state: 'st-1', ...options.query });
  const page = await fetch(`${server.baseUrl}/restapi/oauth/authorize?${query}`, { redirect: 'manual' });
  if (page.status !== 200) throw new Error(`authorize answered ${page.status}: ${await page.text()}`);
  const signedIn = await postForm(server, '/restapi/oauth/authorize/login', [
    ['request', hiddenRequestId(await page.text())],
    ['username', user.username],
    ['extension', user.extension],
    ['password', user.password],
  ]);
  const consent = await postForm(server, '/restapi/oauth/authorize/consent', [
    ['request', hiddenRequestId(await signedIn.text())],
    ['decision', options.decision ?? 'approve'],
  ]);
  if (consent.status !== 302) throw new Error(`consent answered ${consent.status}: ${await consent.text()}`);
  return new URL(consent.headers.get('location') ?? '');
}

export async function codeFor(server: RunningMockServer, kind: AppKind, query: Readonly<Record<string, string>> = {}): Promise<string> {
  const location = await authorizeThroughForms(server, kind, { query });
  const code = location.searchParams.get('code');
  if (code === null) throw new Error(`no code in ${location.href}`);
  return code;
}

export interface ErrorBody {
  error: string;
  error_description: string;
  errors: { errorCode: string; message: string }[];
}

/** Asserts RingCentral's dialect with the RFC fields, the status from the shared table and the no-store headers. */
export async function expectOAuthError(response: Response, error: OAuthErrorCode, vendorCode: string, status?: number): Promise<ErrorBody> {
  const body = (await response.json()) as ErrorBody;
  assert.equal(body.error, error, JSON.stringify(body));
  assert.equal(response.status, status ?? OAUTH_ERRORS[error].status);
  assert.equal(typeof body.error_description, 'string');
  assert.equal(body.errors[0]?.errorCode, vendorCode);
  assert.equal(typeof body.errors[0]?.message, 'string');
  assert.equal(response.headers.get('content-type'), 'application/json');
  assert.equal(response.headers.get('cache-control'), 'no-store');
  assert.equal(response.headers.get('pragma'), 'no-cache');
  if (response.status === 401) assert.equal(response.headers.get('www-authenticate'), 'Basic realm="mock"');
  return body;
}

/** The protected resource's status for a bearer token in the header. */
export async function resourceStatus(server: RunningMockServer, accessToken: string): Promise<number> {
  const response = await fetch(`${server.baseUrl}/restapi/v1.0/account/~/extension/~`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  await response.arrayBuffer();
  return response.status;
}
