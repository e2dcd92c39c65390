/**
 * Two of the three kinds of failure the harness tells apart. The third, "the server answered with an
 * OAuth error", is not an exception: it is data in a response, which negative scenarios expect.
 */

/** The server broke a rule: a conformance finding. The runner maps it to exit code 1. */
export class ConformanceFailure extends Error {
  override readonly name = 'ConformanceFailure';

  constructor(
    /** The spec section or vendor rule that was broken, e.g. "RFC 6749 §5.2". */
    readonly rule: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${rule}: expected ${expected}, but ${actual}`);
  }
}

/** The harness could not judge (target unreachable, browser missing, bad configuration): exit code 2. */
export class HarnessError extends Error {
  override readonly name = 'HarnessError';
}

/** Exception type names the runner counts as conformance findings rather than harness trouble. */
export const FINDING_EXCEPTION_TYPES: readonly string[] = ['ConformanceFailure'];
