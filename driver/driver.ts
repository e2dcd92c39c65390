/**
 * The shared client driver: every scenario talks to an authorization server through this one class,
 * whatever the target. It builds the requests, performs them over real HTTP (and a real browser for
 * logins), records each exchange with secrets hidden, and returns what came back as data.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { BrowserContext, Page, Request, Response as PlaywrightResponse } from 'playwright-core';
import { sharedBrowser } from './browser';
import { ConformanceFailure, HarnessError, SkipScenario } from './errors';
import { type Exchange, learnSecrets, renderExchange } from './exchange';
import { endpointOf, type HttpResponse, RecordingHttpClient } from './http-client';
import { AuthorizationPages } from './login-pages';
import { pacerFor, runState, tokenHolders } from './run-context';
import { Redactor } from './redaction';
import type { AppCredentials, TargetProfile, UserCredentials } from './target';

/** How the client identifies itself at the token and revocation endpoints (RFC 6749 §2.3). */
export type ClientAuthentication =
  /** HTTP Basic for confidential apps, client_id in the body for public ones. */
  | 'registered'
  /** No client identification at all. */
  | 'none'
  /** client_id in the body and no secret: how a confidential client that does not authenticate shows up. */
  | 'id-only'
  | 'wrong-secret'
  | 'malformed-basic'
  /** Basic and body credentials at once, which RFC 6749 §2.3 forbids. */
  | 'basic-and-body'
  /** Basic with id and secret form-encoded and one alphanumeric character of each as %XX (RFC 6749 §2.3.1). */
  | 'basic-percent-encoded'
  /** client_id and client_secret as form parameters in the body, which RFC 6749 §2.3.1 lets a server accept. */
  | 'body-credentials';

/** Where a bearer token travels to the resource server (RFC 6750 §2). */
export type TokenPlacement = 'header' | 'body' | 'query';

export interface AuthorizationRequest {
  readonly app: AppCredentials;
  /** Overrides the app's client id, e.g. to impersonate an unknown client; null leaves the parameter out. */
  readonly clientId?: string | null;
  /** null leaves the parameter out. */
  readonly responseType?: string | null;
  /** null leaves the parameter out; the default is the app's first registered URI. */
  readonly redirectUri?: string | null;
  readonly state?: string;
  readonly scope?: string;
  readonly codeChallenge?: string;
  readonly codeChallengeMethod?: string;
  /** Added after the others, as given: an unknown parameter, or a known one a second time. */
  readonly extraParams?: FormParams;
}

/** What the authorization endpoint did with a request: redirected back to the client, or showed a page. */
export interface AuthorizationOutcome {
  readonly kind: 'redirect' | 'page';
  readonly status: number;
  /** Where the user agent was sent; for a 'redirect' outcome. */
  readonly location?: string;
  /** The redirect's query parameters (code, state, error …); empty for a page. */
  readonly params: URLSearchParams;
  /** Whether the page is the target's sign-in form (the request was accepted). */
  readonly showsLogin: boolean;
  /** A page's HTML and headers, to check what it shows and how it may be embedded; absent for a redirect. */
  readonly page?: { readonly html: string; readonly headers: Readonly<Record<string, string>> };
  /** After a sign-in that stopped short of a decision: whether the server went on to ask for approval. */
  readonly offersConsent?: boolean;
}

/** What the user does once signed in; 'stop' leaves the browser where the sign-in took it (RFC 6749 §3.1 checks). */
export type UserDecision = 'approve' | 'decline' | 'stop';

export interface TokenSet {
  readonly accessToken: string;
  readonly tokenType: string;
  readonly refreshToken?: string;
  readonly expiresIn?: number;
  readonly scope?: string;
}

export interface OAuthErrorBody {
  readonly error: string;
  readonly description?: string;
  /** The vendor's own codes (RingCentral's errors[].errorCode). */
  readonly vendorCodes: readonly string[];
}

export interface EndpointResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The body as received, for what parsing hides (a member named twice). */
  readonly text: string;
  readonly json: unknown;
  /** Present when the body is an RFC 6749 §5.2 error object. */
  readonly error?: OAuthErrorBody;
}

export interface TokenResponse extends EndpointResponse {
  /** Present when the body is an RFC 6749 §5.1 success with an access token. */
  readonly tokens?: TokenSet;
}

export interface TokenRequestOptions {
  readonly title: string;
  readonly auth?: ClientAuthentication;
  readonly method?: string;
  /** 'json' sends the parameters as a JSON object, which RFC 6749 §3.2 does not allow. */
  readonly encoding?: 'form' | 'json';
  /** Added to (or replacing) the request's default headers, e.g. the Origin of a browser-based app's page. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface DriverOptions {
  readonly timeoutMs: number;
  /** Receives every recorded exchange, already redacted, and screenshots taken on failure. */
  readonly attach: (data: string | Buffer, mediaType: string) => void;
  readonly redactor: Redactor;
  /** Receives every exchange before redaction (HTTP and browser navigations), e.g. to record fixtures. */
  readonly onExchange?: (exchange: Exchange) => void;
  /** Prepares each browser context before its first page opens, e.g. to answer from fixtures. */
  readonly prepareBrowserContext?: (context: BrowserContext) => Promise<void>;
}

/** The grant type of RFC 7523 §2.1. */
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** The title of the revocations that clean up after a scenario: in the report they read apart from the scenario's own. */
const CLEAN_UP_TITLE = 'clean-up: revocation request';

/** Form parameters as pairs, so that a scenario can repeat one on purpose. */
export type FormParams = ReadonlyArray<readonly [string, string]>;

export class ConformanceDriver {
  private readonly http: RecordingHttpClient;
  /** Every token set a token request returned, with the app it was issued to: revoked when the scenario ends. */
  private readonly obtained: { readonly app: AppCredentials; readonly tokens: TokenSet }[] = [];

  constructor(
    readonly target: TargetProfile,
    private readonly options: DriverOptions,
  ) {
    for (const app of Object.values(target.apps)) options.redactor.remember(app.clientSecret);
    for (const user of Object.values(target.users)) {
      options.redactor.remember(user.password);
      options.redactor.remember(user.jwt);
    }
    this.http = new RecordingHttpClient({ timeoutMs: options.timeoutMs, onExchange: (ex) => this.record(ex), pacer: pacerFor(target) });
  }

  /** The authorization request URL (RFC 6749 §4.1.1; RFC 7636 §4.3 for the challenge). */
  authorizationUrl(request: AuthorizationRequest): string {
    // A plain or unnamed challenge is the verifier itself (RFC 7636 §4.2, §4.3), and a scenario may present even an
    // S256 challenge as a verifier: every challenge is as secret as a verifier, from the first request on.
    this.options.redactor.remember(request.codeChallenge, 'token');
    const url = new URL(this.target.paths.authorize, this.target.baseUrl);
    const set = (name: string, value: string | null | undefined): void => {
      if (value !== undefined && value !== null) url.searchParams.set(name, value);
    };
    set('response_type', request.responseType === undefined ? 'code' : request.responseType);
    set('client_id', request.clientId === undefined ? request.app.clientId : request.clientId);
    set('redirect_uri', request.redirectUri === undefined ? request.app.redirectUris[0] : request.redirectUri);
    set('state', request.state);
    set('scope', request.scope);
    set('code_challenge', request.codeChallenge);
    set('code_challenge_method', request.codeChallengeMethod);
    for (const [name, value] of request.extraParams ?? []) url.searchParams.append(name, value);
    return url.toString();
  }

  /**
   * Sends the authorization request as a user agent would, without signing in, and reports whether the
   * server redirected back (RFC 6749 §4.1.2.1 errors) or showed a page (sign-in or error).
   */
  async requestAuthorization(request: AuthorizationRequest, method: 'GET' | 'POST' = 'GET'): Promise<AuthorizationOutcome> {
    const url = new URL(this.authorizationUrl(request));
    // RFC 6749 §3.1 lets a server take POST as well: the same parameters, form-encoded in the body.
    const body = method === 'POST' ? url.search.slice(1) : undefined;
    if (body !== undefined) url.search = '';
    const response = await this.http.send({
      title: method === 'GET' ? 'authorization request' : 'authorization request by POST',
      endpoint: 'authorization',
      method,
      url: url.toString(),
      headers: { accept: 'text/html', ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }) },
      ...(body === undefined ? {} : { body }),
    });
    const location = response.headers['location'];
    if (response.status >= 300 && response.status < 400 && location !== undefined) {
      return { kind: 'redirect', status: response.status, location, params: redirectParams(location), showsLogin: false };
    }
    return {
      kind: 'page',
      status: response.status,
      params: new URLSearchParams(),
      showsLogin: looksLikeLogin(response),
      page: { html: response.text, headers: response.headers },
    };
  }

  /**
   * Runs the authorization code flow's user part in a real browser (RFC 6749 §4.1.1-4.1.2): opens the
   * authorization URL, signs the user in, approves or declines, and catches the redirect back.
   */
  async authorizeInBrowser(
    request: AuthorizationRequest,
    user: UserCredentials,
    decision: UserDecision,
  ): Promise<AuthorizationOutcome> {
    const redirectUri = request.redirectUri ?? request.app.redirectUris[0];
    if (redirectUri === undefined) throw new SkipScenario(`target ${this.target.name} names no redirect URI for the app, so a browser sign-in has nowhere to come back to`);
    return this.authorizeUrlInBrowser(this.authorizationUrl(request), redirectUri, user, decision);
  }

  /** The user's part for an authorization URL someone else built (a client under test), coming back to its redirect URI. */
  async authorizeUrlInBrowser(authorizationUrl: string, redirectUri: string, user: UserCredentials, decision: UserDecision): Promise<AuthorizationOutcome> {
    const browser = await sharedBrowser();
    const context = await browser.newContext();
    await this.options.prepareBrowserContext?.(context);
    const recordings: Promise<void>[] = [];
    let page: Page | undefined;
    let arrivedAt: string | undefined;
    let arrived: (url: string) => void = () => undefined;
    const redirected = new Promise<string>((resolve) => (arrived = resolve));
    // The redirect URI belongs to the client, so nothing need answer it: the request itself is the
    // authorization response. Routes do not see redirects, request events do.
    let lastNavigation = '';
    context.on('request', (req) => {
      if (req.isNavigationRequest()) lastNavigation = req.url();
      if (arrivedAt === undefined && req.url().startsWith(redirectUri)) {
        arrivedAt = req.url();
        arrived(arrivedAt);
      }
    });
    const comeBack = async (location: string): Promise<AuthorizationOutcome> => {
      await Promise.all(recordings);
      return { kind: 'redirect', status: 302, location, params: redirectParams(location), showsLogin: false };
    };
    try {
      page = await context.newPage();
      page.setDefaultTimeout(this.options.timeoutMs);
      page.on('requestfinished', (req) => {
        if (req.isNavigationRequest()) recordings.push(this.recordNavigation(req));
      });
      try {
        await page.goto(authorizationUrl);
      } catch (error) {
        // Nothing listens at the redirect URI, so a navigation that ends there fails; that is fine.
        if (arrivedAt === undefined) throw error;
      }
      // A server that refuses the request outright sends the browser straight back (RFC 6749 §4.1.2.1).
      if (arrivedAt !== undefined) return await comeBack(arrivedAt);
      if (this.target.loginPage === undefined) {
        throw new SkipScenario(`target ${this.target.name} names no loginPage in its profile, so the browser cannot sign in`);
      }
      const pages = new AuthorizationPages(page, this.target.loginPage);
      await pages.signIn(user);
      if (arrivedAt !== undefined) return await comeBack(arrivedAt);
      if (decision === 'stop') {
        await page.waitForLoadState();
        await Promise.all(recordings);
        if (arrivedAt !== undefined) return await comeBack(arrivedAt);
        const { html, offersConsent, showsLogin } = await pages.state();
        return { kind: 'page', status: 200, params: new URLSearchParams(), showsLogin, offersConsent, page: { html, headers: {} } };
      }
      await (decision === 'approve' ? pages.approve() : pages.decline());
      const location = await withTimeout(redirected, this.options.timeoutMs, undefined);
      if (location === undefined) {
        throw new ConformanceFailure(
          'RFC 6749 §4.1.2',
          `the browser sent back to ${redirectUri} once the user ${decision === 'approve' ? 'approved' : 'declined'}`,
          `its last navigation went to ${endpointOf(lastNavigation)}, and none reached the redirect URI within ${this.options.timeoutMs} ms`,
        );
      }
      return await comeBack(location);
    } catch (error) {
      await Promise.allSettled(recordings);
      if (error instanceof SkipScenario) throw error;
      if (page !== undefined) this.options.attach(await page.screenshot({ fullPage: true }), 'image/png');
      if (error instanceof HarnessError || error instanceof ConformanceFailure) throw error;
      throw new HarnessError(`browser login failed: ${describeBrowserFailure(error)}`);
    } finally {
      await context.close();
    }
  }

  /** Redeems an authorization code (RFC 6749 §4.1.3), with its PKCE verifier when given (RFC 7636 §4.5). */
  redeemCode(
    app: AppCredentials,
    code: string,
    redirectUri: string | undefined,
    codeVerifier?: string,
    auth: ClientAuthentication = 'registered',
  ): Promise<TokenResponse> {
    const params: [string, string][] = [['grant_type', 'authorization_code'], ['code', code]];
    if (redirectUri !== undefined) params.push(['redirect_uri', redirectUri]);
    if (codeVerifier !== undefined) params.push(['code_verifier', codeVerifier]);
    const title = auth === 'registered' ? 'token request: authorization code grant' : `token request: authorization code grant (${auth})`;
    return this.requestToken(app, params, { title, auth });
  }

  /** Resource owner password credentials grant (RFC 6749 §4.3.2). */
  passwordGrant(app: AppCredentials, user: Partial<UserCredentials>, scope?: string): Promise<TokenResponse> {
    const params: [string, string][] = [['grant_type', 'password']];
    if (user.username !== undefined) params.push(['username', user.username]);
    if (user.extension !== undefined) params.push(['extension', user.extension]);
    if (user.password !== undefined) params.push(['password', user.password]);
    if (scope !== undefined) params.push(['scope', scope]);
    return this.requestToken(app, params, { title: 'token request: password grant' });
  }

  /**
   * The JWT bearer grant (RFC 7523 §2.1): a JWT credential as the assertion, the client authenticated as
   * at any token request. RingCentral's replacement for the password grant.
   */
  jwtGrant(app: AppCredentials, assertion: string | undefined, scope?: string): Promise<TokenResponse> {
    this.options.redactor.remember(assertion, 'secret');
    const params: [string, string][] = [['grant_type', JWT_BEARER_GRANT]];
    if (assertion !== undefined) params.push(['assertion', assertion]);
    if (scope !== undefined) params.push(['scope', scope]);
    return this.requestToken(app, params, { title: 'token request: JWT bearer grant' });
  }

  /** Refreshing an access token (RFC 6749 §6). */
  refresh(app: AppCredentials, refreshToken: string, scope?: string): Promise<TokenResponse> {
    const params: [string, string][] = [['grant_type', 'refresh_token'], ['refresh_token', refreshToken]];
    if (scope !== undefined) params.push(['scope', scope]);
    return this.requestToken(app, params, { title: 'token request: refresh' });
  }

  /** Any request to the token endpoint (RFC 6749 §3.2), also malformed ones on purpose. */
  async requestToken(app: AppCredentials, params: FormParams, options: TokenRequestOptions): Promise<TokenResponse> {
    if (runState.stopping) throw new HarnessError('the run is stopping: no more tokens are requested');
    const response = await this.postForm('token', app, params, options);
    const tokens = parseTokens(response);
    if (tokens !== undefined) {
      this.obtained.push({ app, tokens });
      tokenHolders.add(this);
    }
    return { ...endpointResponse(response), ...(tokens === undefined ? {} : { tokens }) };
  }

  /**
   * Revokes every token this driver obtained, newest first: the refresh token where there is one (which ends
   * the session, RFC 7009 §2.1), else the access token. Returns what could not be revoked, in words.
   */
  async revokeObtained(): Promise<string[]> {
    const problems: string[] = [];
    const done = new Set<string>();
    tokenHolders.delete(this);
    for (const { app, tokens } of this.obtained.splice(0).reverse()) {
      const [token, hint] = tokens.refreshToken === undefined ? [tokens.accessToken, 'access_token'] : [tokens.refreshToken, 'refresh_token'];
      if (done.has(token)) continue;
      done.add(token);
      try {
        const response = endpointResponse(
          await this.postForm('revocation', app, [['token', token], ['token_type_hint', hint]], { title: CLEAN_UP_TITLE }),
        );
        if (response.status !== 200) problems.push(`revoking a ${hint} answered HTTP ${response.status}`);
      } catch (error) {
        problems.push(`revoking a ${hint} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return problems;
  }

  /** Token revocation (RFC 7009 §2.1); undefined leaves the token parameter out. */
  async revoke(
    app: AppCredentials,
    token: string | undefined,
    /** RFC 7009 §2.1 names access_token and refresh_token; any other value tests how an unknown hint is handled (§2.2). */
    hint?: string,
    auth: ClientAuthentication = 'registered',
  ): Promise<EndpointResponse> {
    const params: [string, string][] = [];
    if (token !== undefined) params.push(['token', token]);
    if (hint !== undefined) params.push(['token_type_hint', hint]);
    const response = await this.postForm('revocation', app, params, { title: 'revocation request', auth });
    return endpointResponse(response);
  }

  /** Revocation as a browser-based app's page sends it, naming its origin, which CORS lets a server allow (RFC 7009 §2.3). */
  async revokeFromOrigin(app: AppCredentials, token: string, origin: string): Promise<EndpointResponse> {
    const options = { title: `revocation request from the origin ${origin}`, headers: { origin } };
    return endpointResponse(await this.postForm('revocation', app, [['token', token]], options));
  }

  /** Revocation by JSONP, for user agents without CORS: GET with a callback parameter (RFC 7009 §2.3). */
  async revokeByJsonp(app: AppCredentials, token: string, callback: string): Promise<EndpointResponse> {
    const params: FormParams = [['token', token], ['callback', callback]];
    const options = { title: 'revocation request by JSONP', method: 'GET', headers: { accept: '*/*' } };
    return endpointResponse(await this.postForm('revocation', app, params, options));
  }

  /** Calls the protected resource with the token in each of the given places (RFC 6750 §2.1-2.3). */
  async callResource(token: string | undefined, placements: readonly TokenPlacement[]): Promise<EndpointResponse> {
    const url = new URL(this.target.paths.resource, this.target.baseUrl);
    const headers: Record<string, string> = { accept: 'application/json' };
    let body: string | undefined;
    if (token !== undefined) {
      this.options.redactor.remember(token, 'token');
      if (placements.includes('header')) headers['authorization'] = `Bearer ${token}`;
      if (placements.includes('query')) url.searchParams.set('access_token', token);
      if (placements.includes('body')) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = new URLSearchParams({ access_token: token }).toString();
      }
    }
    const response = await this.http.send({
      title: `protected resource request (token in ${token === undefined ? 'no place' : placements.join(' and ')})`,
      endpoint: 'resource',
      method: body === undefined ? 'GET' : 'POST',
      url: url.toString(),
      headers,
      ...(body === undefined ? {} : { body }),
    });
    return endpointResponse(response);
  }

  /**
   * Calls the target's scoped resource (the one that needs a single scope) with the token in the
   * Authorization header (RFC 6750 §2.1); a target without one is the caller's to skip beforehand.
   */
  async callScopedResource(token: string): Promise<EndpointResponse> {
    const scoped = this.target.scopedResource;
    if (scoped === undefined) throw new HarnessError(`target ${this.target.name} has no scoped resource`);
    this.options.redactor.remember(token, 'token');
    const response = await this.http.send({
      title: `scoped resource request (needs ${scoped.scope})`,
      endpoint: 'resource',
      method: 'GET',
      url: new URL(scoped.path, this.target.baseUrl).toString(),
      headers: { accept: 'application/json', authorization: `Bearer ${token}` },
    });
    return endpointResponse(response);
  }

  /**
   * Calls a path below the protected resource that names nothing, with a live token in the Authorization
   * header: a refusal that is not about the token (RFC 6750 §3 lets a challenge come with it all the same).
   */
  async callMissingResource(token: string): Promise<EndpointResponse> {
    this.options.redactor.remember(token, 'token');
    const path = `${this.target.paths.resource.replace(/\/$/, '')}/conformance-no-such-resource`;
    const response = await this.http.send({
      title: 'request for a resource that does not exist',
      endpoint: 'resource',
      method: 'GET',
      url: new URL(path, this.target.baseUrl).toString(),
      headers: { accept: 'application/json', authorization: `Bearer ${token}` },
    });
    return endpointResponse(response);
  }

  /** Moves the target's clock forward; only targets with a controllable clock (the mock) offer it. */
  async advanceClock(seconds: number): Promise<void> {
    const url = this.target.clockControlUrl;
    if (url === undefined) throw new SkipScenario(`target ${this.target.name} has no clock the harness can move, so time cannot be made to pass`);
    const response = await this.http.send({
      title: `advance the target's clock by ${seconds} s`,
      endpoint: 'clock control',
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ advanceSeconds: String(seconds) }).toString(),
    });
    if (response.status !== 200) throw new HarnessError(`the clock control answered ${response.status}`);
  }

  private async postForm(
    endpoint: 'token' | 'revocation',
    app: AppCredentials,
    params: FormParams,
    options: TokenRequestOptions,
  ): Promise<HttpResponse> {
    const form = new URLSearchParams();
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    applyClientAuthentication(app, options.auth ?? 'registered', headers, form);
    for (const [name, value] of params) form.append(name, value);
    const method = options.method ?? 'POST';
    const url = new URL(endpoint === 'token' ? this.target.paths.token : this.target.paths.revoke, this.target.baseUrl);
    // A request method without a body carries the parameters in the query, as such a client would.
    if (method === 'GET' || method === 'HEAD') {
      url.search = form.toString();
      return this.http.send({ title: options.title, endpoint, method, url: url.toString(), headers });
    }
    if (options.encoding === 'json') {
      headers['content-type'] = 'application/json';
      const body = JSON.stringify(Object.fromEntries(form));
      return this.http.send({ title: options.title, endpoint, method, url: url.toString(), headers, body });
    }
    headers['content-type'] = 'application/x-www-form-urlencoded';
    return this.http.send({ title: options.title, endpoint, method, url: url.toString(), headers, body: form.toString() });
  }

  /** Tokens someone else obtained for the scenario (a client under test): revoked with the driver's own when it ends. */
  keepForCleanUp(app: AppCredentials, tokens: TokenSet): void {
    this.obtained.push({ app, tokens });
    tokenHolders.add(this);
  }

  /** An exchange someone else made (a client under test): recorded, redacted, as evidence like the driver's own. */
  recordExchange(exchange: Exchange): void {
    learnSecrets(exchange, this.options.redactor);
    this.record(exchange);
  }

  /** Makes a value secret for every report of the run, e.g. a PKCE verifier or state a client under test chose. */
  rememberSecret(value: string | undefined): void {
    this.options.redactor.remember(value, 'token');
  }

  private record(exchange: Exchange): void {
    this.options.onExchange?.(exchange);
    this.options.attach(renderExchange(exchange, this.options.redactor), 'text/plain');
  }

  private async recordNavigation(request: Request): Promise<void> {
    const response = await request.response();
    const exchange: Exchange = {
      title: 'browser navigation',
      request: {
        method: request.method(),
        url: request.url(),
        headers: await request.allHeaders(),
        ...(request.postData() === null ? {} : { body: request.postData() ?? '' }),
      },
      ...(response === null
        ? { failure: request.failure()?.errorText ?? 'no response' }
        : { response: { status: response.status(), headers: await response.allHeaders(), body: await pageBody(response) } }),
      durationMs: Math.round(request.timing().responseEnd),
    };
    learnSecrets(exchange, this.options.redactor);
    this.record(exchange);
  }
}

/** A navigation's HTML, kept as evidence (and for replay); a redirect or a body the browser dropped has none. */
async function pageBody(response: PlaywrightResponse): Promise<string> {
  if (response.status() >= 300 && response.status() < 400) return '';
  try {
    return await response.text();
  } catch {
    return '';
  }
}

function applyClientAuthentication(
  app: AppCredentials,
  mode: ClientAuthentication,
  headers: Record<string, string>,
  form: URLSearchParams,
): void {
  const basic = (secret: string): string => `Basic ${Buffer.from(`${app.clientId}:${secret}`).toString('base64')}`;
  switch (mode) {
    case 'none':
      return;
    case 'id-only':
      form.append('client_id', app.clientId);
      return;
    case 'malformed-basic':
      headers['authorization'] = 'Basic %%not-base64%%';
      return;
    case 'wrong-secret':
      headers['authorization'] = basic(`${app.clientSecret ?? ''}-wrong`);
      return;
    case 'basic-and-body':
      headers['authorization'] = basic(app.clientSecret ?? '');
      form.append('client_id', app.clientId);
      form.append('client_secret', app.clientSecret ?? '');
      return;
    case 'body-credentials':
      form.append('client_id', app.clientId);
      form.append('client_secret', app.clientSecret ?? '');
      return;
    case 'basic-percent-encoded': {
      const credentials = `${percentEncodeOne(app.clientId)}:${percentEncodeOne(app.clientSecret ?? '')}`;
      headers['authorization'] = `Basic ${Buffer.from(credentials).toString('base64')}`;
      return;
    }
    case 'registered':
      if (app.clientSecret === undefined) form.append('client_id', app.clientId);
      else headers['authorization'] = basic(app.clientSecret);
      return;
  }
}

/**
 * The value form-encoded (RFC 6749 Appendix B), then its first alphanumeric character as %XX: a server
 * that decodes as §2.3.1 says sees the same credential, one that compares the raw text does not.
 */
function percentEncodeOne(value: string): string {
  const encoded = new URLSearchParams([['', value]]).toString().slice(1);
  return encoded.replace(/[A-Za-z0-9]/, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function endpointResponse(response: HttpResponse): EndpointResponse {
  const error = parseError(response.json);
  return {
    status: response.status,
    headers: response.headers,
    text: response.text,
    json: response.json,
    ...(error === undefined ? {} : { error }),
  };
}

export function parseTokens(response: HttpResponse): TokenSet | undefined {
  const body = response.json;
  if (response.status !== 200 || !isRecord(body) || typeof body['access_token'] !== 'string') return undefined;
  return {
    accessToken: body['access_token'],
    tokenType: typeof body['token_type'] === 'string' ? body['token_type'] : '',
    ...(typeof body['refresh_token'] === 'string' ? { refreshToken: body['refresh_token'] } : {}),
    ...(typeof body['expires_in'] === 'number' ? { expiresIn: body['expires_in'] } : {}),
    ...(typeof body['scope'] === 'string' ? { scope: body['scope'] } : {}),
  };
}

function parseError(body: unknown): OAuthErrorBody | undefined {
  if (!isRecord(body) || typeof body['error'] !== 'string') return undefined;
  const vendorCodes = Array.isArray(body['errors'])
    ? body['errors'].flatMap((entry: unknown) => (isRecord(entry) && typeof entry['errorCode'] === 'string' ? [entry['errorCode']] : []))
    : [];
  return {
    error: body['error'],
    ...(typeof body['error_description'] === 'string' ? { description: body['error_description'] } : {}),
    vendorCodes,
  };
}

function redirectParams(location: string): URLSearchParams {
  try {
    return new URL(location).searchParams;
  } catch {
    return new URLSearchParams();
  }
}

function looksLikeLogin(response: HttpResponse): boolean {
  return response.status === 200 && /type=["']?password/i.test(response.text);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Chromium's network errors in words; the rest of the message names the URL, which may carry secrets. */
const BROWSER_NETWORK_ERRORS: Readonly<Record<string, string>> = {
  ERR_TOO_MANY_REDIRECTS: 'the server sent the browser round a redirect loop',
  ERR_CONNECTION_REFUSED: 'connection refused',
  ERR_CONNECTION_RESET: 'connection reset by the server',
  ERR_CONNECTION_CLOSED: 'the server closed the connection',
  ERR_EMPTY_RESPONSE: 'the server closed the connection without answering',
  ERR_TIMED_OUT: 'no answer in time',
  ERR_NAME_NOT_RESOLVED: 'host name not found',
  ERR_INVALID_RESPONSE: 'the server answered with something that is no HTTP response',
};

function describeBrowserFailure(error: unknown): string {
  const line = firstLine(error);
  const code = /net::(ERR_[A-Z_]+)(?: at (\S+))?/.exec(line);
  if (code === null) return line;
  const where = code[2] === undefined ? '' : ` at ${endpointOf(code[2])}`;
  return `${BROWSER_NETWORK_ERRORS[code[1] ?? ''] ?? 'a network error'}${where} (net::${code[1]})`;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

/** The promise's value, or the fallback when it takes longer than ms. */
function withTimeout<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<F>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A fresh unguessable value for state or a PKCE verifier (RFC 6749 §10.12, RFC 7636 §4.1). */
export function randomValue(): string {
  return randomBytes(32).toString('base64url');
}

/** The S256 code challenge of a verifier (RFC 7636 §4.2). */
export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/**
 * The token with one character in the middle of its last dot-separated part replaced by another of the same
 * alphabet. In a JWS that part is the signature, whose check no lookup of the other claims can stand in for;
 * its last character may carry unused bits, so the change stays away from the ends.
 */
export function alterOneCharacter(token: string): string {
  let at = token.lastIndexOf('.') + 1;
  at += Math.floor((token.length - at) / 2);
  while (at < token.length - 1 && !/[A-Za-z0-9]/.test(token[at] ?? '')) at += 1;
  const replacement = token[at] === 'A' ? 'B' : 'A';
  return `${token.slice(0, at)}${replacement}${token.slice(at + 1)}`;
}
