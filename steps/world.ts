/** The World of one scenario: a driver bound to the target, and what the scenario has obtained so far. */
import { setWorldConstructor, World, type IWorldOptions } from '@cucumber/cucumber';
import type { AppKind } from '../spec/app-types';
import {
  type AuthorizationOutcome,
  type ClientAuthentication,
  type AuthorizationRequest,
  ConformanceDriver,
  type EndpointResponse,
  randomValue,
  s256Challenge,
  type TokenResponse,
  type TokenSet,
  type UserDecision,
} from '../driver/driver';
import { type ClientAdapter, type ClientFeature, createClientAdapter } from '../driver/client-adapter';
import { ConformanceFailure, HarnessError, SkipScenario } from '../driver/errors';
import { CAPABILITIES, type Capability } from '../spec/requirements/requirement';
import { describe, describeParams } from './expectations';
import { runHooks } from '../driver/run-context';
import { runRedactor } from '../driver/run-secrets';
import type { AppCredentials, TargetProfile, UserCredentials } from '../driver/target';

/** The code challenge methods of RFC 7636 §4.2. */
export type PkceMethod = 'S256' | 'plain';

/** A challenge as the client sends it: with a method of §4.2, or plain without naming a method (§4.3). */
export type PkceChallenge = PkceMethod | 'unnamed plain';

/** The app types the app-type rules let use the password grant, in the order a scenario takes them. */
const PASSWORD_FLOW_APPS: readonly AppKind[] = ['private-desktop', 'private-mobile', 'private-server-only'];
/** Confidential apps, which the JWT grant needs (it authenticates the client), the JWT app type first. */
const JWT_FLOW_APPS: readonly AppKind[] = ['private-server-only', 'private-server-web', 'private-desktop', 'private-mobile', 'private-browser-based'];

export interface HarnessParameters {
  readonly target: TargetProfile;
  readonly timeoutMs: number;
  /** A client adapter (driver/client-adapter.ts) to act as the app; without it the harness's driver acts itself. */
  readonly client?: string;
}

/** The authorization request a scenario sent, remembered to check what comes back. */
interface SentAuthorization {
  readonly app: AppCredentials;
  readonly redirectUri: string | undefined;
  readonly state: string;
  readonly codeVerifier?: string;
}

export class ConformanceWorld extends World<HarnessParameters> {
  readonly driver: ConformanceDriver;
  private chosenApp?: AppCredentials;
  sentAuthorization?: SentAuthorization;
  authorization?: AuthorizationOutcome;
  tokens?: TokenSet;
  previousTokens: TokenSet | undefined;
  tokenResponse?: TokenResponse;
  resourceResponse?: EndpointResponse;
  revocationResponse?: EndpointResponse;
  /** Which of its tokens the app revoked, if any: it decides which rule a surviving token breaks. */
  revoked?: 'access_token' | 'refresh_token';
  /** Set from the @browser tag: the runner checks for a browser only when such scenarios are selected. */
  browserTagged = false;
  /** Error responses no step has looked at yet; one left at the end fails the scenario. */
  readonly unexamined = new Set<EndpointResponse>();
  /** The client under test, when the run names one: the app's actions that a client library can express go through it. */
  readonly client: ClientAdapter | undefined;
  /** The Gherkin type of the step running now (Context, Action, Outcome), set by a BeforeStep hook. */
  stepType: string | undefined;

  constructor(options: IWorldOptions<HarnessParameters>) {
    super(options);
    if (options.parameters.target === undefined) {
      throw new HarnessError('no target in the world parameters: run the suite with `npm run conformance`');
    }
    this.driver = new ConformanceDriver(options.parameters.target, {
      timeoutMs: options.parameters.timeoutMs,
      redactor: runRedactor,
      attach: (data, mediaType) =>
        typeof data === 'string' ? this.attach(data, mediaType) : this.attach(data, mediaType),
      ...(runHooks.onExchange === undefined ? {} : { onExchange: runHooks.onExchange }),
      ...(runHooks.prepareBrowserContext === undefined ? {} : { prepareBrowserContext: runHooks.prepareBrowserContext }),
    });
    const { client } = options.parameters;
    this.client = client === undefined ? undefined : createClientAdapter(client, { target: options.parameters.target, driver: this.driver, timeoutMs: options.parameters.timeoutMs });
  }

  /** The client under test; a scenario of the client-conformance suite needs one. */
  get clientUnderTest(): ClientAdapter {
    if (this.client === undefined) throw new HarnessError('this scenario checks a client: run it with npm run client-conformance (or --client)');
    return this.client;
  }

  /** Skips the scenario when the client under test cannot express what the step asks. */
  requireClientFeature(feature: ClientFeature): void {
    const reason = this.client?.cannot[feature];
    if (reason !== undefined) throw new SkipScenario(`the ${this.client?.name} client cannot do this: ${reason}`);
  }

  /** The password grant, made by the client under test when there is one, else by the driver. */
  passwordGrant(app: AppCredentials, user: UserCredentials, scope?: string): Promise<TokenResponse> {
    if (this.client === undefined) return this.driver.passwordGrant(app, user, scope);
    this.requireClientFeature('password-grant');
    if (scope !== undefined) this.requireClientFeature('scope');
    return this.client.passwordGrant(app, user, scope);
  }

  /** The JWT bearer grant, by the client under test when there is one. */
  jwtGrant(app: AppCredentials, assertion: string, scope?: string): Promise<TokenResponse> {
    if (this.client === undefined) return this.driver.jwtGrant(app, assertion, scope);
    this.requireClientFeature('jwt-grant');
    if (scope !== undefined) this.requireClientFeature('scope');
    return this.client.jwtGrant(app, assertion, scope);
  }

  /** A refresh, by the client under test when there is one. */
  refreshTokens(app: AppCredentials, refreshToken: string, scope?: string): Promise<TokenResponse> {
    if (this.client === undefined) return this.driver.refresh(app, refreshToken, scope);
    if (scope !== undefined) this.requireClientFeature('scope');
    return this.client.refresh(app, refreshToken, scope);
  }

  /** Time passes for the target (its clock moves) and for the client under test alike. */
  async passTime(seconds: number): Promise<void> {
    await this.driver.advanceClock(seconds);
    await this.client?.elapse(seconds);
  }

  get app(): AppCredentials {
    if (this.chosenApp === undefined) throw new HarnessError('the scenario never said which app it uses');
    return this.chosenApp;
  }

  /** The target's app of the given kind, or undefined when the target has none (the step then skips). */
  appOfKind(kind: AppKind): AppCredentials | undefined {
    return this.parameters.target.apps[kind];
  }

  useApp(app: AppCredentials): void {
    this.chosenApp = app;
  }

  /** The resource owner: the target's first user. */
  get user(): UserCredentials {
    const user = Object.values(this.parameters.target.users)[0];
    if (user === undefined) throw new SkipScenario(`target ${this.parameters.target.name} has no user`);
    return user;
  }

  /** The user, for the password grant: a target that does not offer it, or has no password, skips the scenario. */
  get passwordUser(): UserCredentials & { readonly password: string } {
    this.requireCapability('password-grant');
    return this.withPassword('the password grant');
  }

  /** The user, for a browser sign-in, which needs a password. */
  get browserUser(): UserCredentials & { readonly password: string } {
    return this.withPassword('a browser sign-in');
  }

  /** The user's JWT credential, for the JWT bearer grant. */
  get userJwt(): string {
    this.requireCapability('jwt-grant');
    const { jwt } = this.user;
    if (jwt === undefined) throw new SkipScenario(`target ${this.parameters.target.name} names no JWT credential for its user`);
    return jwt;
  }

  requireCapability(capability: Capability): void {
    if (!this.parameters.target.capabilities.includes(capability)) {
      throw new SkipScenario(`target ${this.parameters.target.name} does not offer ${CAPABILITIES[capability]}`);
    }
  }

  private withPassword(purpose: string): UserCredentials & { readonly password: string } {
    const user = this.user;
    if (user.password === undefined) throw new SkipScenario(`target ${this.parameters.target.name} names no password for ${purpose}`);
    return { ...user, password: user.password };
  }

  /**
   * For scenarios where the way to the tokens does not matter: the first app that can get them without a
   * browser, by the password grant where the target offers it (as the mock does), else by the JWT grant
   * (as RingCentral's platform does today). Either way the app is one the app-type rules allow it to.
   */
  chooseAppForTokens(): 'password' | 'jwt' {
    const { target } = this.parameters;
    for (const kind of [...PASSWORD_FLOW_APPS, ...JWT_FLOW_APPS]) {
      const app = target.apps[kind];
      const flow = app === undefined ? undefined : this.grantWithoutBrowser(kind);
      if (app !== undefined && flow !== undefined) {
        this.useApp(app);
        return flow;
      }
    }
    throw new SkipScenario(
      `target ${target.name} has no app and credentials for a grant without a browser (the password grant with a private desktop, mobile ` +
        'or server-only app, or the JWT grant with a private app)',
    );
  }

  /** The grant without a browser the scenario's app can use at this target, chosen as in chooseAppForTokens. */
  grantForChosenApp(): 'password' | 'jwt' {
    const entry = Object.entries(this.parameters.target.apps).find(([, app]) => app === this.app);
    const flow = entry === undefined ? undefined : this.grantWithoutBrowser(entry[0] as AppKind);
    if (flow === undefined) throw new SkipScenario(`target ${this.parameters.target.name} offers this app no grant without a browser`);
    return flow;
  }

  private grantWithoutBrowser(kind: AppKind): 'password' | 'jwt' | undefined {
    const { capabilities } = this.parameters.target;
    const user = Object.values(this.parameters.target.users)[0];
    if (PASSWORD_FLOW_APPS.includes(kind) && capabilities.includes('password-grant') && user?.password !== undefined) return 'password';
    if (JWT_FLOW_APPS.includes(kind) && capabilities.includes('jwt-grant') && user?.jwt !== undefined) return 'jwt';
    return undefined;
  }

  get currentTokens(): TokenSet {
    if (this.tokens === undefined) throw new HarnessError('the scenario holds no tokens yet');
    return this.tokens;
  }

  /** Starts an authorization request with a fresh state (and a PKCE pair when asked). */
  newAuthorization(overrides: Partial<AuthorizationRequest> = {}, pkce?: PkceChallenge): AuthorizationRequest {
    const codeVerifier = pkce === undefined ? undefined : randomValue();
    const challenge = codeVerifier === undefined ? undefined : pkce === 'S256' ? s256Challenge(codeVerifier) : codeVerifier;
    const request: AuthorizationRequest = {
      app: this.app,
      state: randomValue(),
      ...(challenge === undefined || pkce === undefined
        ? {}
        : { codeChallenge: challenge, ...(pkce === 'unnamed plain' ? {} : { codeChallengeMethod: pkce }) }),
      ...overrides,
    };
    const redirectUri = request.redirectUri === undefined ? request.app.redirectUris[0] : (request.redirectUri ?? undefined);
    this.sentAuthorization = {
      app: request.app,
      redirectUri,
      state: request.state ?? '',
      ...(codeVerifier === undefined ? {} : { codeVerifier }),
    };
    return request;
  }

  async signInAndDecide(
    decision: UserDecision,
    pkce?: PkceChallenge,
    overrides: Partial<AuthorizationRequest> = {},
    user: UserCredentials = this.browserUser,
  ): Promise<AuthorizationOutcome> {
    if (!this.browserTagged) throw new HarnessError('this scenario signs in through the browser, so it must be tagged @browser');
    this.authorization = await this.driver.authorizeInBrowser(this.newAuthorization(overrides, pkce), user, decision);
    return this.authorization;
  }

  /**
   * Obtains tokens as a precondition; a server that cannot issue them fails the scenario here
   * (RFC 6749 §4.1, §4.3).
   */
  async obtainTokens(flow: 'password' | 'jwt' | 'authorization code', scope?: string): Promise<TokenSet> {
    let response: TokenResponse;
    if (flow === 'password') {
      response = await this.passwordGrant(this.app, this.passwordUser, scope);
    } else if (flow === 'jwt') {
      response = await this.jwtGrant(this.app, this.userJwt, scope);
    } else {
      await this.signInAndDecide('approve');
      response = await this.redeemCode();
    }
    this.keepTokenResponse(response);
    this.examine(response, 'token response');
    // Nothing at the token endpoint's path is a profile that names the wrong one, not a finding.
    if (response.status === 404) {
      throw new HarnessError(`the token endpoint answered HTTP 404: check the target's paths.token (${this.parameters.target.paths.token})`);
    }
    if (response.tokens === undefined) {
      throw new ConformanceFailure('RFC 6749 §5.1', `tokens from the ${flow} flow`, describe(response));
    }
    return response.tokens;
  }

  /** Redeems the code of the last authorization as the app that asked for it, unless told otherwise. */
  redeemCode(
    overrides: { app?: AppCredentials; redirectUri?: string | null; codeVerifier?: string | null; auth?: ClientAuthentication } = {},
  ): Promise<TokenResponse> {
    const sent = this.sentAuthorization;
    if (sent === undefined) throw new HarnessError('the scenario never requested authorization');
    const redirectUri = overrides.redirectUri === undefined ? sent.redirectUri : (overrides.redirectUri ?? undefined);
    const verifier = overrides.codeVerifier === undefined ? sent.codeVerifier : (overrides.codeVerifier ?? undefined);
    if (this.client !== undefined && Object.keys(overrides).length === 0) return this.client.redeemCode(sent.app, this.code, redirectUri, verifier);
    return this.driver.redeemCode(overrides.app ?? sent.app, this.code, redirectUri, verifier, overrides.auth);
  }

  /** The protected resource must accept a live token in the Authorization header (RFC 6750 §2.1). */
  async expectResourceAccepts(accessToken: string): Promise<void> {
    const response = this.examine(await this.driver.callResource(accessToken, ['header']), 'resource response');
    if (response.status !== 200) {
      throw new ConformanceFailure('RFC 6750 §2.1', 'the resource to accept the access token', `it answered HTTP ${response.status}`);
    }
  }

  /** A token that is no longer (or never was) valid is refused; 401 for invalid_token is a SHOULD (RFC 6750 §3.1) checked apart. */
  async expectResourceRefuses(accessToken: string, rule: string): Promise<void> {
    const response = this.examine(await this.driver.callResource(accessToken, ['header']), 'resource response');
    if (response.status < 400 || response.status >= 500) {
      throw new ConformanceFailure(rule, 'the resource to refuse the token with a 4xx status', `it answered HTTP ${response.status}`);
    }
  }

  /** The last answer of a protected resource, examined. */
  resourceAnswer(): EndpointResponse {
    return this.examine(this.resourceResponse, 'resource response');
  }

  /** The code from the last authorization response; its absence is the server's failure. */
  get code(): string {
    const code = this.authorization?.params.get('code');
    if (code === undefined || code === null) {
      throw new ConformanceFailure(
        'RFC 6749 §4.1.2',
        'an authorization code in the redirect',
        `the redirect carried ${describeParams(this.authorization?.params)}`,
      );
    }
    return code;
  }

  /** Remembers a token endpoint answer; tokens in it become the scenario's current tokens. */
  keepTokenResponse(response: TokenResponse): TokenResponse {
    this.tokenResponse = response;
    if (response.tokens !== undefined) {
      this.previousTokens = this.tokens;
      this.tokens = response.tokens;
    }
    return this.watch(response);
  }

  /** Tracks an error response until a step examines it. */
  watch<T extends EndpointResponse>(response: T): T {
    if (response.status >= 400) this.unexamined.add(response);
    return response;
  }

  examine<T extends EndpointResponse>(response: T | undefined, what: string): T {
    if (response === undefined) throw new HarnessError(`the scenario has no ${what} to check`);
    this.unexamined.delete(response);
    return response;
  }
}

setWorldConstructor(ConformanceWorld);
