/**
 * Real HTTP over fetch, every exchange recorded. Trouble on the way (a reset, a timeout, a body cut off) and
 * answers that are no decision on the request (a server failure, an unavailable or throttling server, a
 * redirect away from a machine endpoint) become a HarnessError naming the endpoint and the cause: the run
 * cannot judge them, so they are never findings. Every other answer is the scenario's to judge.
 */
import { HarnessError } from './errors';
import { type Exchange, parseJson } from './exchange';
import { MAX_RATE_LIMIT_RETRIES, type RequestPacer } from './pacer';
import { requestsInFlight } from './run-context';

/** The target's endpoints by role: named in messages, and deciding what an answer can mean. */
export type EndpointRole = 'authorization' | 'token' | 'revocation' | 'resource' | 'clock control';

export interface HttpRequest {
  readonly title: string;
  readonly endpoint: EndpointRole;
  readonly method: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface HttpResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  readonly json: unknown;
}

export interface HttpClientOptions {
  readonly timeoutMs: number;
  readonly onExchange: (exchange: Exchange) => void;
  /** Keeps requests within the target's rate limits and waits out a 429 before sending again. */
  readonly pacer: RequestPacer;
}

export class RecordingHttpClient {
  constructor(private readonly options: HttpClientOptions) {}

  /**
   * Sends one request without following redirects: a redirect is itself evidence (RFC 6749 §4.1.2). A 429
   * (throttled) is recorded, waited out as its Retry-After says, and the request sent again.
   */
  async send(request: HttpRequest): Promise<HttpResponse> {
    const sending = this.sendPaced(request);
    requestsInFlight.add(sending);
    try {
      return await sending;
    } finally {
      requestsInFlight.delete(sending);
    }
  }

  private async sendPaced(request: HttpRequest): Promise<HttpResponse> {
    const path = pathOf(request.url);
    for (let attempt = 0; ; attempt += 1) {
      const response = await this.sendOnce(request, path);
      const delay = response.status === 429 ? this.options.pacer.retryDelay(path, response.headers, attempt) : undefined;
      if (delay === undefined) {
        const trouble = troubleIn(request, response, attempt);
        if (trouble !== undefined) throw new HarnessError(`${whereSent(request)} ${trouble}`);
        return response;
      }
      await this.options.pacer.wait(delay, path);
    }
  }

  private async sendOnce(request: HttpRequest, path: string): Promise<HttpResponse> {
    const claim = await this.options.pacer.claim(path);
    const started = performance.now();
    const recorded = {
      method: request.method,
      url: request.url,
      headers: { ...request.headers },
      ...(request.body === undefined ? {} : { body: request.body }),
    };
    let response: Response | undefined;
    let text: string;
    try {
      response = await fetch(request.url, {
        method: request.method,
        headers: request.headers ?? {},
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
        ...(request.body === undefined ? {} : { body: request.body }),
      });
      text = await response.text();
    } catch (error) {
      claim.done({});
      const cause = describeTransportError(error, this.options.timeoutMs);
      const failure = response === undefined ? cause : `the answer (HTTP ${response.status}) broke off in its body: ${cause}`;
      this.options.onExchange({ title: request.title, request: recorded, failure, durationMs: elapsed(started) });
      throw new HarnessError(`${whereSent(request)}: ${failure}`);
    }
    const headers = Object.fromEntries(response.headers.entries());
    claim.done(headers);
    this.options.onExchange({
      title: response.status === 429 ? `${request.title} (throttled: HTTP 429)` : request.title,
      request: recorded,
      response: { status: response.status, headers, body: text },
      durationMs: elapsed(started),
    });
    return { status: response.status, headers, text, json: parseJson(text) };
  }
}

/** e.g. "the token endpoint (POST https://host/oauth/token)": the query, which may carry secrets, left out. */
function whereSent(request: HttpRequest): string {
  return `the ${request.endpoint} endpoint (${request.method} ${endpointOf(request.url)})`;
}

/** Statuses by which a server or a gateway in front of it says it cannot serve now (RFC 9110 §15.6.3-15.6.5). */
const UNAVAILABLE: Readonly<Record<number, string>> = { 502: 'bad gateway', 503: 'service unavailable', 504: 'gateway timeout' };

/**
 * Why an answer cannot be judged, or undefined when it is the scenario's to judge. The authorization
 * endpoint answers a person: its pages, whatever their status, and its redirects are evidence.
 */
function troubleIn(request: HttpRequest, response: HttpResponse, retries: number): string | undefined {
  const { status } = response;
  const retryAfter = response.headers['retry-after'];
  const wait = retryAfter === undefined ? '' : `, Retry-After ${retryAfter}`;
  if (status === 429) {
    return retries >= MAX_RATE_LIMIT_RETRIES
      ? `still answered HTTP 429 (too many requests${wait}) after ${retries} retries: rerun later, or with fewer scenarios at once`
      : `answered HTTP 429 (too many requests${wait}) and asked for a longer wait than the harness gives a request`;
  }
  const unavailable = UNAVAILABLE[status];
  if (unavailable !== undefined) return `answered HTTP ${status} (${unavailable}${wait})${bodyKind(response)}: the server did not decide on the request`;
  if (request.endpoint === 'authorization') return undefined;
  // 501 says the server does not offer what was asked, which an optional-feature scenario judges.
  if (status >= 500 && status !== 501) {
    return `failed with HTTP ${status}${bodyKind(response)}: an unexpected condition at the server (RFC 6749 §4.1.2.1, server_error), not a decision on the request`;
  }
  if (status >= 300 && status < 400) {
    const location = response.headers['location'];
    if (location === undefined) return `answered HTTP ${status} without a Location`;
    const next = URL.canParse(location, request.url) ? new URL(location, request.url) : undefined;
    const whither = next === undefined ? 'to an address that is no URL' : endpointOf(next.href) === endpointOf(request.url) ? 'to itself, a redirect loop' : `to ${endpointOf(next.href)}`;
    return `redirected ${whither} (HTTP ${status}): the harness follows no redirect of a ${request.endpoint} request; point the target profile at the final address`;
  }
  return undefined;
}

/** What kind of body came with an answer that cannot be judged, to tell a proxy's page from the server's own. */
function bodyKind(response: HttpResponse): string {
  if (response.text.trim() === '') return ' with an empty body';
  if (response.json !== undefined) return ' with a JSON body';
  const type = (response.headers['content-type'] ?? '').split(';')[0]?.trim();
  return type === undefined || type === '' ? ' with a body of no declared type' : ` with a ${type} body`;
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

/** A URL without its query and fragment, which may carry a token or a code (RFC 6750 §2.3): safe to print. */
export function endpointOf(url: string): string {
  try {
    const { origin, pathname } = new URL(url);
    return `${origin}${pathname}`;
  } catch {
    return '(no valid URL)';
  }
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

/** What went wrong on the way, in words, for the common transport errors. */
const TRANSPORT_ERRORS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  UND_ERR_SOCKET: 'the server closed the connection without answering',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ETIMEDOUT: 'connection timed out',
};

export function describeTransportError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : undefined;
  const message = cause instanceof Error ? cause.message : String(cause);
  if (code === undefined) return message;
  return `${TRANSPORT_ERRORS[code] ?? message} (${code})`;
}
