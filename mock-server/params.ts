/**
 * Parameters of a query string or form body (RFC 6749 Appendix B), parsed strictly. What cannot be
 * decoded is recorded as a problem instead of thrown, so a malformed request becomes invalid_request.
 */
export class Params {
  static readonly none = new Params(new Map(), undefined);

  private constructor(
    private readonly values: ReadonlyMap<string, readonly string[]>,
    /** Why some of the input could not be decoded; undefined when all of it could. */
    readonly problem: string | undefined,
  ) {}

  static parse(text: string): Params {
    const values = new Map<string, string[]>();
    let problem: string | undefined;
    for (const pair of text.split('&')) {
      if (pair === '') continue;
      const separator = pair.indexOf('=');
      const name = decodeComponent(separator === -1 ? pair : pair.slice(0, separator));
      const value = decodeComponent(separator === -1 ? '' : pair.slice(separator + 1));
      if (name === undefined || value === undefined) {
        problem ??= 'The request contains malformed percent-encoding';
        continue;
      }
      // RFC 6749 §3.1: a parameter sent without a value is treated as omitted.
      if (value === '') continue;
      const existing = values.get(name);
      if (existing === undefined) values.set(name, [value]);
      else existing.push(value);
    }
    return new Params(values, problem);
  }

  static fromBytes(bytes: Uint8Array): Params {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return new Params(new Map(), 'The request body is not valid UTF-8');
    }
    return Params.parse(text);
  }

  /** The parameter's value; the first one when it was (wrongly) repeated. */
  get(name: string): string | undefined {
    return this.values.get(name)?.[0];
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** Every name and value in the order received, repeats included. */
  pairs(): [string, string][] {
    return [...this.values].flatMap(([name, list]) => list.map((value): [string, string] => [name, value]));
  }

  repeatedNames(): string[] {
    return [...this.values].filter(([, list]) => list.length > 1).map(([name]) => name);
  }
}

/** Decodes one application/x-www-form-urlencoded component; undefined when it is malformed. */
export function decodeComponent(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}
