/** WWW-Authenticate challenges, as the resource server and token endpoint send them. */

export interface AuthChallenge {
  readonly scheme: string;
  readonly params: ReadonlyMap<string, string>;
}

/** Parses a WWW-Authenticate value with one challenge (RFC 6750 §3, RFC 9110 §11.6.1). */
export function parseChallenge(value: string | undefined): AuthChallenge | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*([A-Za-z][\w-]*)\s*(.*)$/s.exec(value);
  if (match === null) return undefined;
  const params = new Map<string, string>();
  for (const param of (match[2] ?? '').matchAll(/([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    params.set((param[1] ?? '').toLowerCase(), (param[2] ?? param[3] ?? '').replace(/\\(.)/g, '$1'));
  }
  return { scheme: match[1] ?? '', params };
}
