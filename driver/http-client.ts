/** Real HTTP over fetch, every exchange recorded; transport trouble becomes a HarnessError, never a finding. */
import { HarnessError } from './errors';
import { type Exchange, parseJson } from './exchange';
import type { RequestPacer } from './pacer';
import { requestsInFlight } from './run-context';

export interface HttpRequest {
  readonly title: string;
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
      if (response.status !== 429) return response;
      const delay = this.options.pacer.retryDelay(path, response.headers, attempt);
      if (delay === undefined) return response;
      await this.options.pacer.wait(delay);
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
    let response: Response;
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
      const failure = describeTransportError(error, this.options.timeoutMs);
      this.options.onExchange({ title: request.title, request: recorded, failure, durationMs: elapsed(started) });
      throw new HarnessError(`${request.method} ${endpointOf(request.url)}: ${failure}`);
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
