/**
 * Keeps secrets out of every recorded exchange. Sensitive values are learnt from the fields that carry
 * them (form parameters, JSON members, headers, redirect query parameters) and then replaced wherever
 * they appear, in any encoding a transcript may show, so a token echoed inside an error message or a
 * URL is caught as well.
 */
import { createHash } from 'node:crypto';

export type SecretKind = 'secret' | 'token';

/** Parameter and member names whose values are always sensitive. */
export const SENSITIVE_FIELDS: ReadonlySet<string> = new Set([
  'client_secret',
  'password',
  'access_token',
  'refresh_token',
  'id_token',
  'code',
  'code_verifier',
  'assertion',
  'token',
]);

/** Header names whose whole value is hidden. */
export const SENSITIVE_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
]);

const PLACEHOLDER_PREFIX = '[REDACTED';

/** Shorter values would make value-based replacement mangle ordinary text. */
const MIN_SECRET_LENGTH = 4;

export class Redactor {
  private readonly known = new Map<string, SecretKind>();

  /** Learns a value that must never appear in output. Tokens get a short fingerprint so a reader can tell them apart. */
  /**
   * Forgets every value, for a process that runs pass after pass against targets with credentials of their
   * own (the self-test, the flake hunt): once a pass's reports are scanned, its values cannot reach the next
   * pass's, and every value kept would slow each later redaction.
   */
  forget(): void {
    this.known.clear();
  }

  remember(value: string | undefined, kind: SecretKind = 'secret'): void {
    if (value === undefined || value.length < MIN_SECRET_LENGTH) return;
    // A placeholder (whole, or cut at its '#' by a URL parser) is what a replayed recording hands out: nothing to hide.
    if (value.startsWith(PLACEHOLDER_PREFIX)) return;
    if (this.known.get(value) !== 'secret') this.known.set(value, kind);
  }

  /** Learns the sensitive members of a form body, query string or JSON object. */
  rememberFields(fields: Iterable<[string, unknown]>): void {
    for (const [name, value] of fields) {
      if (typeof value === 'string' && SENSITIVE_FIELDS.has(name)) {
        this.remember(value, name === 'password' || name === 'client_secret' ? 'secret' : 'token');
      }
    }
  }

  /** Learns the credentials inside an Authorization header (Basic pair or Bearer token). */
  rememberAuthorization(header: string | undefined): void {
    if (header === undefined) return;
    const [scheme, credentials] = header.trim().split(/\s+/, 2);
    if (credentials === undefined) return;
    this.remember(credentials, scheme?.toLowerCase() === 'bearer' ? 'token' : 'secret');
    if (scheme?.toLowerCase() === 'basic') {
      const decoded = Buffer.from(credentials, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon >= 0) this.remember(decoded.slice(colon + 1), 'secret');
    }
  }

  /** Every value learnt so far: what a leak scan looks for. */
  values(): string[] {
    return [...this.known.keys()];
  }

  redactHeader(name: string, value: string): string {
    return SENSITIVE_HEADERS.has(name.toLowerCase()) ? this.placeholder(value, 'secret') : this.redact(value);
  }

  /** Replaces every known value, longest first so that a secret containing another is hidden whole. */
  redact(text: string): string {
    let result = text;
    const byLength = [...this.known.entries()].sort(([a], [b]) => b.length - a.length);
    for (const [value, kind] of byLength) {
      const label = this.placeholder(value, kind);
      for (const form of encodings(value)) {
        if (result.includes(form)) result = result.split(form).join(label);
      }
    }
    return result;
  }

  private placeholder(value: string, kind: SecretKind): string {
    if (kind === 'secret') return `${PLACEHOLDER_PREFIX}]`;
    const fingerprint = createHash('sha256').update(value).digest('hex').slice(0, 8);
    return `${PLACEHOLDER_PREFIX} token #${fingerprint}]`;
  }
}

/** The spellings of a value a transcript can contain: raw, percent-encoded, form-encoded, JSON-escaped. */
function encodings(value: string): Set<string> {
  const percent = encodeURIComponent(value);
  return new Set([value, percent, percent.replace(/%20/g, '+'), JSON.stringify(value).slice(1, -1)]);
}
