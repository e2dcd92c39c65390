/** One HTTP request and its response, as evidence for a report, with secrets hidden. */
import type { Redactor } from './redaction';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface RecordedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface Exchange {
  /** What the client meant to do, in domain words ("token request: password grant"). */
  readonly title: string;
  readonly request: RecordedRequest;
  readonly response?: RecordedResponse;
  /** Why no response arrived (connection refused, timeout). */
  readonly failure?: string;
  readonly durationMs: number;
}

/** Bodies longer than this are cut in the transcript; HTML pages are the usual culprits. */
const MAX_BODY_CHARS = 4000;

/** Teaches the redactor every sensitive value the exchange carries, in either direction. */
export function learnSecrets(exchange: Exchange, redactor: Redactor): void {
  const { request, response } = exchange;
  redactor.rememberAuthorization(header(request.headers, 'authorization'));
  redactor.rememberFields(queryFields(request.url));
  if (request.body !== undefined) redactor.rememberFields(bodyFields(request.body));
  if (response === undefined) return;
  redactor.rememberFields(bodyFields(response.body));
  const location = header(response.headers, 'location');
  if (location !== undefined) redactor.rememberFields(queryFields(location));
}

/** A plain-text transcript of the exchange with every known secret replaced. */
export function renderExchange(exchange: Exchange, redactor: Redactor): string {
  learnSecrets(exchange, redactor);
  const { request, response } = exchange;
  const lines = [`# ${exchange.title}`, `${request.method} ${request.url}`, ...renderHeaders(request.headers, redactor)];
  if (request.body !== undefined && request.body !== '') lines.push('', renderBody(request.body, request.headers, redactor));
  lines.push('');
  if (response === undefined) {
    lines.push(`NO RESPONSE after ${exchange.durationMs} ms: ${exchange.failure ?? 'unknown cause'}`);
  } else {
    lines.push(`HTTP ${response.status} (${exchange.durationMs} ms)`, ...renderHeaders(response.headers, redactor));
    if (response.body !== '') lines.push('', renderBody(response.body, response.headers, redactor));
  }
  return redactor.redact(lines.join('\n'));
}

function renderHeaders(headers: Readonly<Record<string, string>>, redactor: Redactor): string[] {
  return Object.entries(headers).map(([name, value]) => `${name}: ${redactor.redactHeader(name, value)}`);
}

/** Redacts before it cuts: a cut through a secret would leave a piece that no longer matches the whole. */
function renderBody(body: string, headers: Readonly<Record<string, string>>, redactor: Redactor): string {
  const type = header(headers, 'content-type') ?? '';
  let text = body;
  if (type.includes('application/x-www-form-urlencoded')) {
    text = [...safeSearchParams(body)].map(([name, value]) => `${name}=${value}`).join('\n');
  } else if (type.includes('json')) {
    const parsed = parseJson(body);
    if (parsed !== undefined) text = JSON.stringify(parsed, null, 2);
  }
  text = redactor.redact(text);
  return text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}\n[… ${text.length - MAX_BODY_CHARS} more characters]` : text;
}

export function header(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function queryFields(url: string): Iterable<[string, string]> {
  const query = url.indexOf('?');
  return query < 0 ? [] : safeSearchParams(url.slice(query + 1).split('#')[0] ?? '');
}

function bodyFields(body: string): Iterable<[string, unknown]> {
  const parsed = parseJson(body);
  if (parsed !== null && typeof parsed === 'object') return Object.entries(parsed);
  return safeSearchParams(body);
}

function safeSearchParams(text: string): URLSearchParams {
  try {
    return new URLSearchParams(text);
  } catch {
    return new URLSearchParams();
  }
}
