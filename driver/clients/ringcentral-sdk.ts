/**
 * An adapter around RingCentral's official JavaScript SDK (@ringcentral/sdk), used as its documentation
 * shows: one SDK per app, `platform.login()` for every grant, `loginUrl()` and `parseLoginRedirect()` for
 * the code flow (PKCE for apps without a secret), `refresh()`, `logout()` and `get()`. Its exchanges go
 * through the harness's recording fetch, so every one is evidence in the report.
 */
import { SDK } from '@ringcentral/sdk';
import type { EndpointResponse, TokenResponse, TokenSet } from '../driver';
import { HarnessError } from '../errors';
import { type ClientAdapter, type ClientContext, ClientRefusal, endpointAnswer, type PendingLogin, recordingFetch, tokenAnswer } from '../client-adapter';
import type { AppCredentials, UserCredentials } from '../target';

type Platform = ReturnType<SDK['platform']>;

/** The SDK keeps its tokens in a Storage; each app of each scenario gets one of its own. */
class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  keys(): string[] {
    return [...this.items.keys()];
  }
}

/** Adopted tokens come without the refresh token's lifetime; the platform default (a week) stands in for it. */
const ADOPTED_REFRESH_LIFETIME_S = 7 * 24 * 3600;

export class RingCentralSdkClient implements ClientAdapter {
  readonly name = 'ringcentral-sdk';
  readonly description = `@ringcentral/sdk ${SDK.version}, configured with handleRateLimit: true and otherwise its defaults`;
  readonly cannot = {
    scope: "the SDK's login() and refresh() take no scope: it asks for the scopes registered with the app",
  };
  private readonly sdks = new Map<string, SDK>();
  private readonly fetch: ReturnType<typeof recordingFetch>;

  constructor(private readonly context: ClientContext) {
    this.fetch = recordingFetch(context, `client under test (ringcentral-sdk ${SDK.version})`);
  }

  private platform(app: AppCredentials): Platform {
    let sdk = this.sdks.get(app.clientId);
    if (sdk === undefined) {
      const { target } = this.context;
      sdk = new SDK({
        server: target.baseUrl,
        clientId: app.clientId,
        ...(app.clientSecret === undefined ? {} : { clientSecret: app.clientSecret }),
        ...(app.redirectUris[0] === undefined ? {} : { redirectUri: app.redirectUris[0] }),
        tokenEndpoint: target.paths.token,
        revokeEndpoint: target.paths.revoke,
        authorizeEndpoint: target.paths.authorize,
        handleRateLimit: true,
        fetch: this.fetch as typeof fetch,
        Request,
        Response,
        Headers,
        localStorage: new MemoryStorage() as unknown as NonNullable<ConstructorParameters<typeof SDK>[0]>["localStorage"],
      });
      this.sdks.set(app.clientId, sdk);
    }
    return sdk.platform();
  }

  passwordGrant(app: AppCredentials, user: UserCredentials): Promise<TokenResponse> {
    // The SDK warns on the console that the password grant is deprecated; the report's evidence says what it sent.
    return quietly(() => this.login(app, { username: user.username, password: user.password ?? '', ...(user.extension === undefined ? {} : { extension: user.extension }) }));
  }

  jwtGrant(app: AppCredentials, assertion: string): Promise<TokenResponse> {
    return this.login(app, { jwt: assertion });
  }

  redeemCode(app: AppCredentials, code: string, redirectUri: string | undefined, codeVerifier?: string): Promise<TokenResponse> {
    return this.login(app, { code, ...(redirectUri === undefined ? {} : { redirect_uri: redirectUri }), ...(codeVerifier === undefined ? {} : { code_verifier: codeVerifier }) });
  }

  async beginLogin(app: AppCredentials): Promise<PendingLogin> {
    const redirectUri = app.redirectUris[0];
    if (redirectUri === undefined) throw new ClientRefusal('the app has no redirect URI to come back to');
    const platform = this.platform(app);
    // PKCE for apps that cannot keep a secret, as RingCentral's guide for client-side apps shows.
    const url = platform.loginUrl({ usePKCE: app.clientSecret === undefined });
    this.context.driver.rememberSecret(platform.codeVerifier);
    return { url, redirectUri };
  }

  async finishLogin(app: AppCredentials, redirectUrl: string): Promise<TokenResponse> {
    const platform = this.platform(app);
    let params: Record<string, string>;
    try {
      params = platform.parseLoginRedirect(new URL(redirectUrl).search) as Record<string, string>;
    } catch (error) {
      throw new ClientRefusal(`parseLoginRedirect: ${messageOf(error)}`);
    }
    const { code } = params;
    if (code === undefined) throw new ClientRefusal('the authorization response carried no code');
    return this.login(app, { code });
  }

  async refresh(app: AppCredentials, refreshToken?: string): Promise<TokenResponse> {
    const platform = this.platform(app);
    if (refreshToken !== undefined) await this.adopt(platform, { refreshToken });
    return this.answerOf(app, () => platform.refresh());
  }

  async logout(app: AppCredentials, accessToken?: string): Promise<EndpointResponse | undefined> {
    const platform = this.platform(app);
    if (accessToken !== undefined) await this.adopt(platform, { accessToken });
    try {
      const response = await platform.logout();
      return response === null ? undefined : endpointAnswer(response as Response);
    } catch (error) {
      return endpointAnswer(responseOf(error));
    }
  }

  async callApi(app: AppCredentials, accessToken?: string): Promise<EndpointResponse> {
    const platform = this.platform(app);
    if (accessToken !== undefined) await this.adopt(platform, { accessToken });
    try {
      return await endpointAnswer((await platform.get(this.context.target.paths.resource)) as Response);
    } catch (error) {
      return endpointAnswer(responseOf(error));
    }
  }

  async elapse(seconds: number): Promise<void> {
    // The SDK compares the expiry times it stored with Date.now(): moving them back is time passing for it.
    for (const sdk of this.sdks.values()) {
      const auth = sdk.platform().auth();
      const data = await auth.data();
      await auth.setData({
        expire_time: (data.expire_time ?? 0) - seconds * 1000,
        refresh_token_expire_time: (data.refresh_token_expire_time ?? 0) - seconds * 1000,
      });
    }
  }

  private login(app: AppCredentials, options: Parameters<Platform['login']>[0]): Promise<TokenResponse> {
    const platform = this.platform(app);
    return this.answerOf(app, () => platform.login(options));
  }

  /** A token request by the SDK: its answer, error answers included; the SDK's own refusal to send is a ClientRefusal. */
  private async answerOf(app: AppCredentials, call: () => Promise<unknown>): Promise<TokenResponse> {
    try {
      return await tokenAnswer(this.context, app, (await call()) as Response);
    } catch (error) {
      return tokenAnswer(this.context, app, responseOf(error));
    }
  }

  /** Tokens the scenario obtained some other way, handed to the SDK as its own (login({ access_token }) does the same). */
  private async adopt(platform: Platform, tokens: Partial<Pick<TokenSet, 'accessToken' | 'refreshToken'>>): Promise<void> {
    const auth = platform.auth();
    const data = await auth.data();
    if ((tokens.accessToken ?? data.access_token) === data.access_token && (tokens.refreshToken ?? data.refresh_token) === data.refresh_token) return;
    await auth.setData({
      ...(tokens.accessToken === undefined ? {} : { access_token: tokens.accessToken, token_type: 'bearer', expires_in: '3600' }),
      ...(tokens.refreshToken === undefined ? {} : { refresh_token: tokens.refreshToken, refresh_token_expires_in: String(ADOPTED_REFRESH_LIFETIME_S) }),
    });
  }
}

/** The HTTP answer inside an SDK error; an error without one is the SDK refusing, or the exchange failing. */
function responseOf(error: unknown): Response {
  if (error instanceof HarnessError) throw error;
  const response = (error as { response?: unknown } | null)?.response;
  if (response instanceof Response) return response;
  throw new ClientRefusal(`the SDK stopped without sending: ${messageOf(error)}`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs a call with console.warn silenced: a library's deprecation notice is not the run's output. */
async function quietly<T>(call: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    return await call();
  } finally {
    console.warn = warn;
  }
}
