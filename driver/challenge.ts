/** WWW-Authenticate challenges, as the resource server and token endpoint send them. */

export interface AuthChallenge {
  readonly scheme: string;
  /** The first value of each auth-param, by lower-cased name. */
  readonly params: ReadonlyMap<string, string>;
  /** Every auth-param in the order sent, repeats included: some may appear only once (RFC 6750 §3). */
  readonly attributes: ReadonlyArray<readonly [string, string]>;
  /** The token68 form of credentials (RFC 9110 §11.2), which a Bearer challenge does not use. */
  readonly token68?: string;
}

export interface ParsedChallenges {
  readonly challenges: readonly AuthChallenge[];
  /** Where the value stops following the grammar of RFC 9110 §11.6.1: the rest of it; absent when all of it parsed. */
  readonly unparsed?: string;
}

const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]+/y;
const QUOTED_STRING = /"((?:[\t \x21\x23-\x5b\x5d-\x7e\x80-\xff]|\\[\t \x21-\x7e\x80-\xff])*)"/y;
const TOKEN68 = /[A-Za-z0-9._~+/-]+=*/y;
const OWS = /[ \t]*/y;
const SPACES = /[ \t]+/y;
/** Between list elements: commas with optional whitespace, empty elements allowed (RFC 9110 §5.6.1). */
const SEPARATORS = /[ \t,]*/y;

function matchAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

function skip(pattern: RegExp, text: string, at: number): number {
  return at + (matchAt(pattern, text, at)?.[0].length ?? 0);
}

/** auth-param = token BWS "=" BWS ( token / quoted-string ), or undefined when none starts here. */
function authParam(text: string, at: number): { name: string; value: string; end: number } | undefined {
  const name = matchAt(TOKEN, text, at)?.[0];
  if (name === undefined) return undefined;
  let next = skip(OWS, text, at + name.length);
  if (text[next] !== '=') return undefined;
  next = skip(OWS, text, next + 1);
  const quoted = matchAt(QUOTED_STRING, text, next);
  if (quoted !== null) {
    return { name: name.toLowerCase(), value: (quoted[1] ?? '').replace(/\\(.)/gs, '$1'), end: next + quoted[0].length };
  }
  const token = matchAt(TOKEN, text, next)?.[0];
  return token === undefined ? undefined : { name: name.toLowerCase(), value: token, end: next + token.length };
}

/** Parses a whole WWW-Authenticate value, which may hold several challenges (RFC 9110 §11.6.1). */
export function parseChallenges(value: string): ParsedChallenges {
  const challenges: AuthChallenge[] = [];
  let at = skip(SEPARATORS, value, 0);
  while (at < value.length) {
    const scheme = matchAt(TOKEN, value, at)?.[0];
    if (scheme === undefined) return { challenges, unparsed: value.slice(at) };
    at += scheme.length;
    const attributes: [string, string][] = [];
    let token68: string | undefined;
    const afterSpaces = skip(SPACES, value, at);
    if (afterSpaces > at && afterSpaces < value.length) {
      let param = authParam(value, afterSpaces);
      if (param === undefined) {
        const credentials = matchAt(TOKEN68, value, afterSpaces)?.[0];
        if (credentials !== undefined) {
          token68 = credentials;
          at = afterSpaces + credentials.length;
        }
      }
      while (param !== undefined) {
        attributes.push([param.name, param.value]);
        at = param.end;
        const separator = skip(OWS, value, at);
        // After a comma comes another auth-param of this challenge, or the next challenge's scheme.
        param = value[separator] === ',' ? authParam(value, skip(SEPARATORS, value, separator)) : undefined;
      }
    }
    const params = new Map<string, string>();
    for (const [name, paramValue] of attributes) if (!params.has(name)) params.set(name, paramValue);
    challenges.push({ scheme, params, attributes, ...(token68 === undefined ? {} : { token68 }) });
    const end = skip(OWS, value, at);
    if (end < value.length && value[end] !== ',') return { challenges, unparsed: value.slice(end) };
    at = skip(SEPARATORS, value, end);
  }
  return { challenges };
}

/** The first challenge of a WWW-Authenticate value (RFC 6750 §3, RFC 9110 §11.6.1). */
export function parseChallenge(value: string | undefined): AuthChallenge | undefined {
  return value === undefined ? undefined : parseChallenges(value).challenges[0];
}
