/**
 * What each client sent the mock, request by request, kept so that a client-conformance run (or an SDK
 * author's own test) can check how the client behaved: where its secret went, what it sent at each step,
 * how long it waited. The mock's own control endpoints are not recorded.
 */
import type { MockClock } from './clock';
import type { RouteName } from './paths';
import type { Reply } from './replies';
import type { MockRequest } from './request';

export interface LoggedRequest {
  /** 1, 2, 3 … in arrival order; a reader asks for what came after the last number it saw. */
  readonly seq: number;
  /** The mock's clock when the request arrived (moved by the clock control), in ms since the epoch. */
  readonly clockMs: number;
  /** Real time since the mock started, on the monotonic clock: what a client's waiting is measured in. */
  readonly elapsedMs: number;
  readonly method: string;
  readonly path: string;
  readonly route: RouteName | undefined;
  readonly query: readonly (readonly [string, string])[];
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The media type of the body, without parameters; undefined without a Content-Type. */
  readonly mediaType: string | undefined;
  /** The parameters of a form-encoded body; empty for other bodies. */
  readonly form: readonly (readonly [string, string])[];
  /** Any other body as text (a JSON body, say), cut at 4 KiB. */
  readonly bodyText: string;
  readonly status: number;
  /** The answer came from an injected fault, not from the endpoint. */
  readonly fault: boolean;
  /** An injected delay before the answer, in ms; absent when there was none. */
  readonly delayedMs?: number;
}

/** Enough for any scenario and for an SDK's test suite between two reads; the oldest go first. */
const MAX_ENTRIES = 5000;
const MAX_BODY_CHARS = 4096;

export class RequestLog {
  private readonly entries: LoggedRequest[] = [];
  private nextSeq = 1;
  private readonly startedMs = performance.now();

  constructor(private readonly clock: MockClock) {}

  record(request: MockRequest, route: RouteName | undefined, reply: Reply, fault: { readonly replaced: boolean; readonly delayedMs?: number | undefined }): void {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    this.entries.push({
      seq: this.nextSeq++,
      clockMs: this.clock.nowMs(),
      elapsedMs: Math.round((performance.now() - this.startedMs) * 10) / 10,
      method: request.method,
      path: request.path,
      route,
      query: request.query.pairs(),
      headers,
      mediaType: request.mediaType,
      form: request.form.pairs(),
      bodyText: request.form.pairs().length > 0 ? '' : request.body.toString('utf8').slice(0, MAX_BODY_CHARS),
      status: reply.status,
      fault: fault.replaced,
      ...(fault.delayedMs === undefined ? {} : { delayedMs: fault.delayedMs }),
    });
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  /** The requests after the given sequence number (0: all that are kept). */
  since(seq: number): LoggedRequest[] {
    return this.entries.filter((entry) => entry.seq > seq);
  }

  /** The number the next request will get, less one: a reader's starting point for "from now on". */
  lastSeq(): number {
    return this.nextSeq - 1;
  }

  clear(): void {
    this.entries.length = 0;
  }
}
