/** What the mock knows about one HTTP request, read once with a size limit and then treated as data. */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { Params } from './params';

export const BODY_LIMIT_BYTES = 64 * 1024;

const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

export interface MockRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Params;
  readonly headers: IncomingHttpHeaders;
  /** The Content-Type without parameters, in lower case. */
  readonly mediaType: string | undefined;
  /** At most BODY_LIMIT_BYTES; the rest of a larger body is discarded. */
  readonly body: Buffer;
  readonly bodyTooLarge: boolean;
  /** The body's parameters when it is form-encoded, none otherwise. */
  readonly form: Params;
}

export interface RequestInput {
  readonly method: string;
  readonly url: string;
  readonly headers?: IncomingHttpHeaders;
  readonly body?: Buffer | string;
  readonly bodyTooLarge?: boolean;
}

export function isFormEncoded(request: MockRequest): boolean {
  return request.mediaType === FORM_MEDIA_TYPE;
}

/** Builds the request facts from raw parts; separate from reading so rules can be tested without a socket. */
export function toMockRequest(input: RequestInput): MockRequest {
  const headers = input.headers ?? {};
  const body = typeof input.body === 'string' ? Buffer.from(input.body, 'utf8') : (input.body ?? Buffer.alloc(0));
  const { path, query } = splitTarget(input.url);
  const mediaType = headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  return {
    method: input.method.toUpperCase(),
    path,
    query: Params.parse(query),
    headers,
    mediaType,
    body,
    bodyTooLarge: input.bodyTooLarge ?? false,
    form: mediaType === FORM_MEDIA_TYPE ? Params.fromBytes(body) : Params.none,
  };
}

/**
 * Reads the whole request, keeping at most BODY_LIMIT_BYTES. The rest is drained rather than refused
 * mid-upload, so the client reliably receives the 413. Undefined when the client went away.
 */
export async function readRequest(incoming: IncomingMessage): Promise<MockRequest | undefined> {
  const chunks: Buffer[] = [];
  let kept = 0;
  let tooLarge = false;
  try {
    for await (const chunk of incoming) {
      const bytes = chunk as Buffer;
      if (kept + bytes.length > BODY_LIMIT_BYTES) tooLarge = true;
      if (tooLarge) continue;
      chunks.push(bytes);
      kept += bytes.length;
    }
  } catch {
    return undefined;
  }
  return toMockRequest({
    method: incoming.method ?? 'GET',
    url: incoming.url ?? '/',
    headers: incoming.headers,
    body: Buffer.concat(chunks),
    bodyTooLarge: tooLarge,
  });
}

/** Splits a request target into path and query; an absolute-form target (RFC 9112 §3.2.2) is reduced first. */
function splitTarget(target: string): { path: string; query: string } {
  const relative = /^[a-z][a-z0-9+.-]*:\/\//i.test(target) ? target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?]*/i, '') : target;
  const mark = relative.indexOf('?');
  return mark === -1 ? { path: relative, query: '' } : { path: relative.slice(0, mark), query: relative.slice(mark + 1) };
}
