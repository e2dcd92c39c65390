/**
 * The client side of the harness: one interface that the harness's reference client and an adapter around
 * any OAuth SDK implement alike. The server suite runs its steps that a client library can express through
 * it (the others are skipped with the reason); the client-conformance suite lets the client decide for
 * itself (state, PKCE, when to refresh, what to revoke) and then checks in the mock's request log what it sent.
 */
import { isAbsolute, resolve } from 'node:path';
import { type ConformanceDriver, endpointResponse, type EndpointResponse, parseTokens, type TokenResponse } from './driver';
import { HarnessError } from './errors';
import { type Exchange, parseJson } from './exchange';
import type { HttpResponse } from './http-client';
import { describeTransportError } from './http-client';
import type { AppCredentials, TargetProfile, UserCredentials } from './target';

export interface ClientContext {
  readonly target: TargetProfile;
  /** The harness's driver: records the client's exchanges as evidence and revokes its tokens after the scenario. */
  readonly driver: ConformanceDriver;
  readonly timeoutMs: number;
}

/** A code-flow login the client has begun: where it sends the user, and where it expects the answer. */
export interface PendingLogin {
  readonly url: string;
  readonly redirectUri: string;
}

/** The client itself declined to go on (an answer it did not ask for, nothing to refresh with): no request was sent. */
export class ClientRefusal extends Error {
  override readonly name = 'ClientRefusal';
}

/**
 * What a client does, in the words of the scenarios. Token methods return the endpoint's answer, errors
 * included; they throw ClientRefusal when the client refuses before sending, HarnessError when the
 * exchange itself failed. A token argument left out means the one the client holds.
 */
export interface ClientAdapter {
  /** As named on the command line, e.g. ringcentral-sdk. */
  readonly name: string;
  /** In a sentence, for the report: which library and version, and how it is configured. */
  readonly description: string;
  /** What the client's API has no way to say, by feature; a step that needs one skips with the reason. */
  readonly cannot: Readonly<Partial<Record<ClientFeature, string>>>;
  passwordGrant(app: AppCredentials, user: UserCredentials, scope?: string): Promise<TokenResponse>;
  jwtGrant(app: AppCredentials, assertion: string, scope?: string): Promise<TokenResponse>;
  /** Redeems a code from an authorization request the harness made (the server suite's code flow). */
  redeemCode(app: AppCredentials, code: string, redirectUri: string | undefined, codeVerifier?: string): Promise<TokenResponse>;
  /** Starts a code-flow login the client designs itself: state, PKCE and redirect URI are its choice. */
  beginLogin(app: AppCredentials): Promise<PendingLogin>;
  /** The authorization response arrived at the redirect URI: the client checks it and redeems the code. */
  finishLogin(app: AppCredentials, redirectUrl: string): Promise<TokenResponse>;
  refresh(app: AppCredentials, refreshToken?: string, scope?: string): Promise<TokenResponse>;
  /** Ends the session: revokes the given access token, or what the client holds as it sees fit. */
  logout(app: AppCredentials, accessToken?: string): Promise<EndpointResponse | undefined>;
  /** Calls the target's protected resource, with the given token or the one it holds (refreshing as it sees fit). */
  callApi(app: AppCredentials, accessToken?: string): Promise<EndpointResponse>;
  /** Time passed for the client as it did for the target's clock. */
  elapse(seconds: number): Promise<void>;
}

/** Things the server suite asks of a client that a library may not offer. */
export type ClientFeature = 'scope' | 'password-grant' | 'jwt-grant';

export type ClientAdapterFactory = (context: ClientContext) => ClientAdapter;

export const BUILT_IN_CLIENTS = ['reference', 'ringcentral-sdk', 'careless:<lapse>[,<lapse>…]', '<module>.ts, .js, .cjs or .mjs exporting createClientAdapter'] as const;

/** An adapter of one's own, by the file's extension; relative paths are from the project folder (where npm runs scripts). */
export function isModulePath(spec: string): boolean {
  return /\.(ts|js|cjs|mjs)$/.test(spec);
}

const CARELESS_PREFIX = 'careless:';

/** Why a --client value cannot be used, or undefined; checked before anything starts. */
export function describeClientProblem(spec: string): string | undefined {
  if (spec === 'reference' || spec === 'ringcentral-sdk') return undefined;
  if (spec.startsWith(CARELESS_PREFIX)) {
    const { LAPSES } = require('./clients/reference-client') as typeof import('./clients/reference-client');
    const lapses = spec.slice(CARELESS_PREFIX.length).split(',');
    if (lapses.some((lapse) => lapse.trim() === '')) return `careless: needs lapse names separated by commas, with none empty (known: ${Object.keys(LAPSES).join(', ')})`;
    const unknown = lapses.filter((lapse) => !Object.hasOwn(LAPSES, lapse));
    if (unknown.length > 0) return `unknown lapse ${unknown.join(', ')} (known: ${Object.keys(LAPSES).join(', ')})`;
    return undefined;
  }
  if (isModulePath(spec)) return undefined;
  return `unknown client "${spec}" (available: ${BUILT_IN_CLIENTS.join(', ')})`;
}

export function createClientAdapter(spec: string, context: ClientContext): ClientAdapter {
  const problem = describeClientProblem(spec);
  if (problem !== undefined) throw new HarnessError(`--client: ${problem}`);
  if (spec === 'reference' || spec.startsWith(CARELESS_PREFIX)) {
    const { ReferenceClient, LAPSES } = require('./clients/reference-client') as typeof import('./clients/reference-client');
    const lapses = spec === 'reference' ? [] : (spec.slice(CARELESS_PREFIX.length).split(',') as (keyof typeof LAPSES)[]);
    return new ReferenceClient(context, spec, lapses);
  }
  if (spec === 'ringcentral-sdk') {
    const { RingCentralSdkClient } = require('./clients/ringcentral-sdk') as typeof import('./clients/ringcentral-sdk');
    return new RingCentralSdkClient(context);
  }
  return loadModuleAdapter(spec, context);
}

/** A user's own adapter: a module exporting createClientAdapter(context). */
function loadModuleAdapter(spec: string, context: ClientContext): ClientAdapter {
  const file = isAbsolute(spec) ? spec : resolve(process.cwd(), spec);
  let loaded: { createClientAdapter?: unknown };
  try {
    loaded = require(file) as { createClientAdapter?: unknown };
  } catch (error) {
    // A compiler's complaint names the file, line and column on its first few lines.
    const message = error instanceof Error ? error.message.split('\n').map((line) => line.trim()).filter((line) => line !== '').slice(0, 6).join(' / ') : String(error);
    throw new HarnessError(`--client ${spec}: cannot load it: ${message}`);
  }
  if (typeof loaded.createClientAdapter !== 'function') {
    throw new HarnessError(`--client ${spec}: the module exports no function createClientAdapter(context) (see the README, "For SDK authors")`);
  }
  let adapter: unknown;
  try {
    adapter = (loaded.createClientAdapter as ClientAdapterFactory)(context);
  } catch (error) {
    throw new HarnessError(`--client ${spec}: createClientAdapter(context) threw: ${error instanceof Error ? error.message : String(error)}`);
  }
  const missing = ADAPTER_METHODS.filter((method) => typeof (adapter as Record<string, unknown> | null)?.[method] !== 'function');
  if (missing.length > 0) throw new HarnessError(`--client ${spec}: the adapter createClientAdapter returned has no ${missing.join(', ')} (see ClientAdapter in driver/client-adapter.ts)`);
  const { name, description, cannot } = adapter as Partial<ClientAdapter>;
  if (typeof name !== 'string' || typeof description !== 'string' || typeof cannot !== 'object' || cannot === null) {
    throw new HarnessError(`--client ${spec}: the adapter needs a name and a description (strings) and cannot (an object, {} when it can do everything)`);
  }
  return adapter as ClientAdapter;
}

/** What an adapter must implement, checked when a module of one's own is loaded. */
const ADAPTER_METHODS = ['passwordGrant', 'jwtGrant', 'redeemCode', 'beginLogin', 'finishLogin', 'refresh', 'logout', 'callApi', 'elapse'] as const satisfies readonly (keyof ClientAdapter)[];

/**
 * A fetch for a client under test: sends as the client asked (redirects not followed, as a token request
 * should not be), records every exchange as evidence, redacted, under the client's name, and gives up after
 * the run's timeout. Answers of any status go back to the client; only a failed exchange throws.
 */
export function recordingFetch(context: ClientContext, who: string): (input: Request | string | URL, init?: RequestInit) => Promise<Response> {
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.body === null ? undefined : await request.clone().text();
    const headers = Object.fromEntries(request.headers.entries());
    const recorded = { method: request.method, url: request.url, headers, ...(body === undefined ? {} : { body }) };
    const title = `${who}: ${request.method} ${new URL(request.url).pathname}`;
    const started = performance.now();
    let response: Response;
    let text: string;
    try {
      response = await fetch(request, { redirect: 'manual', signal: AbortSignal.timeout(context.timeoutMs) });
      text = await response.text();
    } catch (error) {
      const failure = describeTransportError(error, context.timeoutMs);
      context.driver.recordExchange({ title, request: recorded, failure, durationMs: Math.round(performance.now() - started) });
      throw new HarnessError(`${who}: ${request.method} ${new URL(request.url).pathname}: ${failure}`);
    }
    const exchange: Exchange = {
      title,
      request: recorded,
      response: { status: response.status, headers: Object.fromEntries(response.headers.entries()), body: text },
      durationMs: Math.round(performance.now() - started),
    };
    context.driver.recordExchange(exchange);
    return new Response(response.status === 204 || response.status === 304 ? null : text, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

/** A fetch Response as the harness reads answers. */
export async function readResponse(response: Response): Promise<HttpResponse> {
  const text = await response.clone().text();
  return { status: response.status, headers: Object.fromEntries(response.headers.entries()), text, json: parseJson(text) };
}

/** A token endpoint answer, with the tokens in it handed to the driver to revoke when the scenario ends. */
export async function tokenAnswer(context: ClientContext, app: AppCredentials, response: Response): Promise<TokenResponse> {
  const read = await readResponse(response);
  const tokens = parseTokens(read);
  if (tokens !== undefined) context.driver.keepForCleanUp(app, tokens);
  return { ...endpointResponse(read), ...(tokens === undefined ? {} : { tokens }) };
}

/** Any other answer (revocation, resource). */
export async function endpointAnswer(response: Response): Promise<EndpointResponse> {
  return endpointResponse(await readResponse(response));
}
