/**
 * The harness's reference client: an OAuth 2.0 client written to the RFCs and RingCentral's guidance, the
 * yardstick the client-conformance suite is green against. Given lapses, it is the careless client that
 * proves each client check can fail: every lapse breaks one requirement on purpose.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { EndpointResponse, TokenResponse, TokenSet } from '../driver';
import { type ClientAdapter, type ClientContext, ClientRefusal, endpointAnswer, type PendingLogin, recordingFetch, tokenAnswer } from '../client-adapter';
import { JWT_BEARER_GRANT } from '../driver';
import type { AppCredentials, UserCredentials } from '../target';

/** Each lapse and the requirement (catalog id) it breaks. */
export const LAPSES = {
  'secret-in-query': { breaks: '6749-2.3.1-credentials-not-in-uri', does: 'puts client_id and client_secret in the token request URL' },
  'secret-in-body': { breaks: '6749-2.3.1-body-credentials-discouraged', does: 'sends client_secret in the form body rather than with Basic' },
  'json-body': { breaks: '6749-4.1.3-client-form-encodes-token-requests', does: 'sends token requests as JSON' },
  'token-by-get': { breaks: '6749-3.2-client-uses-post', does: 'sends token requests by GET' },
  'no-pkce': { breaks: 'rc-public-client-sends-pkce', does: 'sends no PKCE challenge' },
  'plain-pkce': { breaks: '7636-4.2-client-uses-s256', does: 'uses the plain PKCE method' },
  'no-state': { breaks: '6749-10.12-client-sends-state', does: 'sends no state' },
  'fixed-state': { breaks: '6749-10.12-state-unguessable', does: 'sends the same short state every time' },
  'ignore-state': { breaks: '6749-10.12-client-csrf-protection', does: 'redeems the code whatever state comes back' },
  'other-redirect-uri': { breaks: '6749-4.1.3-client-same-redirect-uri', does: 'redeems the code with another of its redirect URIs' },
  'refresh-after-failure': { breaks: 'rc-client-refreshes-before-expiry', does: 'uses its access token until the resource refuses it' },
  'ignore-retry-after': { breaks: 'rc-client-honours-retry-after', does: 'sends a throttled request again at once' },
  'no-revoke': { breaks: '7009-1-client-revokes-on-logout', does: 'forgets its tokens on logout without revoking them' },
  'reuse-revoked': { breaks: '7009-2.1-client-stops-using-revoked-token', does: 'keeps using its access token after logout' },
  'keep-old-refresh-token': { breaks: '6749-6-client-replaces-refresh-token', does: 'refreshes with its first refresh token every time' },
  'token-in-query': { breaks: '6750-2.1-client-prefers-header', does: 'sends its access token in the query string' },
} as const;

export type Lapse = keyof typeof LAPSES;

/** Refresh this long before the access token expires, as RingCentral's SDKs do (a minute). */
const REFRESH_AHEAD_MS = 60_000;
/** A Retry-After longer than this is not waited for: the call fails instead. */
const MAX_RETRY_AFTER_MS = 120_000;

interface Held {
  readonly tokens: TokenSet;
  /** On the client's clock; undefined when the server gave no lifetime. */
  readonly expiresAtMs: number | undefined;
}

interface Pending {
  readonly state: string | undefined;
  readonly verifier: string | undefined;
  readonly redirectUri: string;
}

export class ReferenceClient implements ClientAdapter {
  readonly description: string;
  readonly cannot = {};
  private readonly fetch: ReturnType<typeof recordingFetch>;
  private readonly held = new Map<string, Held>();
  /** The first refresh token each app was given, for the keep-old-refresh-token lapse. */
  private readonly firstRefreshToken = new Map<string, string>();
  private readonly pending = new Map<string, Pending>();
  /** Added to the wall clock: time the scenario made pass. */
  private skewMs = 0;

  constructor(
    private readonly context: ClientContext,
    readonly name: string,
    private readonly lapses: readonly Lapse[],
  ) {
    this.fetch = recordingFetch(context, `client under test (${name})`);
    this.description =
      lapses.length === 0
        ? "the harness's reference client (RFC 6749, 6750, 7009, 7636 and RingCentral's guidance)"
        : `the reference client with lapses on purpose: it ${lapses.map((lapse) => LAPSES[lapse].does).join('; it ')}`;
  }

  private has(lapse: Lapse): boolean {
    return this.lapses.includes(lapse);
  }

  private now(): number {
    return Date.now() + this.skewMs;
  }

  async elapse(seconds: number): Promise<void> {
    this.skewMs += seconds * 1000;
  }

  passwordGrant(app: AppCredentials, user: UserCredentials, scope?: string): Promise<TokenResponse> {
    const params: [string, string][] = [['grant_type', 'password'], ['username', user.username]];
    if (user.extension !== undefined) params.push(['extension', user.extension]);
    params.push(['password', user.password ?? '']);
    if (scope !== undefined) params.push(['scope', scope]);
    return this.tokenRequest(app, params);
  }

  jwtGrant(app: AppCredentials, assertion: string, scope?: string): Promise<TokenResponse> {
    const params: [string, string][] = [['grant_type', JWT_BEARER_GRANT], ['assertion', assertion]];
    if (scope !== undefined) params.push(['scope', scope]);
    return this.tokenRequest(app, params);
  }

  redeemCode(app: AppCredentials, code: string, redirectUri: string | undefined, codeVerifier?: string): Promise<TokenResponse> {
    const params: [string, string][] = [['grant_type', 'authorization_code'], ['code', code]];
    if (redirectUri !== undefined) params.push(['redirect_uri', redirectUri]);
    if (codeVerifier !== undefined) params.push(['code_verifier', codeVerifier]);
    return this.tokenRequest(app, params);
  }

  async beginLogin(app: AppCredentials): Promise<PendingLogin> {
    const redirectUri = app.redirectUris[0];
    if (redirectUri === undefined) throw new ClientRefusal('the app has no redirect URI to come back to');
    const state = this.has('no-state') ? undefined : this.has('fixed-state') ? 'xyz' : randomBytes(32).toString('base64url');
    const verifier = this.has('no-pkce') ? undefined : randomBytes(32).toString('base64url');
    const url = new URL(this.context.target.paths.authorize, this.context.target.baseUrl);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', app.clientId);
    url.searchParams.set('redirect_uri', redirectUri);
    if (state !== undefined) url.searchParams.set('state', state);
    if (verifier !== undefined) {
      const plain = this.has('plain-pkce');
      url.searchParams.set('code_challenge', plain ? verifier : createHash('sha256').update(verifier).digest('base64url'));
      url.searchParams.set('code_challenge_method', plain ? 'plain' : 'S256');
    }
    this.context.driver.rememberSecret(state);
    this.context.driver.rememberSecret(verifier);
    this.pending.set(app.clientId, { state, verifier, redirectUri });
    return { url: url.toString(), redirectUri };
  }

  async finishLogin(app: AppCredentials, redirectUrl: string): Promise<TokenResponse> {
    const pending = this.pending.get(app.clientId);
    // One answer per request: a second one, or one never asked for, is refused (RFC 6749 §10.12).
    this.pending.delete(app.clientId);
    if (pending === undefined && !this.has('ignore-state')) throw new ClientRefusal('an authorization response arrived, but no login was under way');
    const params = new URL(redirectUrl).searchParams;
    if (!this.has('ignore-state') && params.get('state') !== (pending?.state ?? null)) {
      throw new ClientRefusal('the authorization response carried a state this client did not send');
    }
    const error = params.get('error');
    if (error !== null) throw new ClientRefusal(`the server refused the authorization: ${error}`);
    const code = params.get('code');
    if (code === null) throw new ClientRefusal('the authorization response carried no code');
    const sentUri = pending?.redirectUri ?? app.redirectUris[0];
    const redirectUri = this.has('other-redirect-uri') ? (app.redirectUris.find((uri) => uri !== sentUri) ?? `${sentUri}/other`) : sentUri;
    return this.redeemCode(app, code, redirectUri, pending?.verifier);
  }

  async refresh(app: AppCredentials, refreshToken?: string, scope?: string): Promise<TokenResponse> {
    const held = this.held.get(app.clientId)?.tokens.refreshToken;
    const token = this.has('keep-old-refresh-token') ? (this.firstRefreshToken.get(app.clientId) ?? refreshToken ?? held) : (refreshToken ?? held);
    if (token === undefined) throw new ClientRefusal('the client holds no refresh token');
    const params: [string, string][] = [['grant_type', 'refresh_token'], ['refresh_token', token]];
    if (scope !== undefined) params.push(['scope', scope]);
    return this.tokenRequest(app, params);
  }

  async logout(app: AppCredentials, accessToken?: string): Promise<EndpointResponse | undefined> {
    if (accessToken !== undefined) return this.revoke(app, accessToken, 'access_token');
    const held = this.held.get(app.clientId);
    if (!this.has('reuse-revoked')) this.held.delete(app.clientId);
    if (held === undefined || this.has('no-revoke')) return undefined;
    // Revoking the refresh token ends the grant's access tokens too (RFC 7009 §2.1).
    const { refreshToken } = held.tokens;
    return refreshToken === undefined ? this.revoke(app, held.tokens.accessToken, 'access_token') : this.revoke(app, refreshToken, 'refresh_token');
  }

  async callApi(app: AppCredentials, accessToken?: string): Promise<EndpointResponse> {
    if (accessToken !== undefined) return this.resourceRequest(accessToken);
    let held = this.held.get(app.clientId);
    if (held === undefined) throw new ClientRefusal('the client holds no access token: it is not signed in');
    const expiring = held.expiresAtMs !== undefined && held.expiresAtMs - REFRESH_AHEAD_MS <= this.now();
    if (expiring && !this.has('refresh-after-failure') && held.tokens.refreshToken !== undefined) {
      await this.refresh(app);
      held = this.held.get(app.clientId) ?? held;
    }
    const answer = await this.resourceRequest(held.tokens.accessToken);
    // A refused token may have expired early or been revoked: one refresh and one more try (RFC 6750 §3.1 lets it).
    if (answer.status === 401 && held.tokens.refreshToken !== undefined && !this.has('reuse-revoked')) {
      const refreshed = await this.refresh(app);
      if (refreshed.tokens !== undefined) return this.resourceRequest(refreshed.tokens.accessToken);
    }
    return answer;
  }

  private revoke(app: AppCredentials, token: string, hint: string): Promise<EndpointResponse> {
    const form = new URLSearchParams([['token', token], ['token_type_hint', hint]]);
    const { url, headers } = this.authenticated(app, form, this.context.target.paths.revoke);
    return this.send(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() }).then(endpointAnswer);
  }

  private async resourceRequest(accessToken: string): Promise<EndpointResponse> {
    const url = new URL(this.context.target.paths.resource, this.context.target.baseUrl);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.has('token-in-query')) url.searchParams.set('access_token', accessToken);
    else headers['authorization'] = `Bearer ${accessToken}`;
    return endpointAnswer(await this.send(url.toString(), { method: 'GET', headers }));
  }

  private async tokenRequest(app: AppCredentials, params: readonly [string, string][]): Promise<TokenResponse> {
    const form = new URLSearchParams([...params]);
    const { url, headers } = this.authenticated(app, form, this.context.target.paths.token);
    let init: RequestInit;
    if (this.has('token-by-get')) {
      const withQuery = new URL(url);
      for (const [name, value] of form) withQuery.searchParams.append(name, value);
      init = { method: 'GET', headers };
      const answer = await tokenAnswer(this.context, app, await this.send(withQuery.toString(), init));
      this.keep(app, answer);
      return answer;
    }
    if (this.has('json-body')) init = { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(Object.fromEntries(form)) };
    else init = { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() };
    const answer = await tokenAnswer(this.context, app, await this.send(url, init));
    this.keep(app, answer);
    return answer;
  }

  /** The endpoint URL and headers with the client authenticated: Basic for a confidential app, client_id in the body for a public one. */
  private authenticated(app: AppCredentials, form: URLSearchParams, path: string): { url: string; headers: Record<string, string> } {
    const url = new URL(path, this.context.target.baseUrl);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (app.clientSecret === undefined) {
      form.append('client_id', app.clientId);
    } else if (this.has('secret-in-query')) {
      url.searchParams.set('client_id', app.clientId);
      url.searchParams.set('client_secret', app.clientSecret);
    } else if (this.has('secret-in-body')) {
      form.append('client_id', app.clientId);
      form.append('client_secret', app.clientSecret);
    } else {
      headers['authorization'] = `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`;
    }
    return { url: url.toString(), headers };
  }

  /** Sends, and after a 429 waits as long as Retry-After says (once) before sending again. */
  private async send(url: string, init: RequestInit): Promise<Response> {
    const response = await this.fetch(url, init);
    if (response.status !== 429) return response;
    const waitMs = this.has('ignore-retry-after') ? 0 : retryAfterMs(response.headers.get('retry-after'));
    if (waitMs === undefined) return response;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    return this.fetch(url, init);
  }

  private keep(app: AppCredentials, answer: TokenResponse): void {
    const { tokens } = answer;
    if (tokens === undefined) return;
    this.held.set(app.clientId, { tokens, expiresAtMs: tokens.expiresIn === undefined ? undefined : this.now() + tokens.expiresIn * 1000 });
    if (tokens.refreshToken !== undefined && !this.firstRefreshToken.has(app.clientId)) this.firstRefreshToken.set(app.clientId, tokens.refreshToken);
  }
}

/** Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3), 1 s when unreadable; undefined when longer than the client waits. */
function retryAfterMs(value: string | null): number | undefined {
  const text = value?.trim() ?? '';
  const date = Date.parse(text);
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Number.isNaN(date) ? 1000 : Math.max(0, date - Date.now());
  return ms > MAX_RETRY_AFTER_MS ? undefined : ms;
}
