/**
 * Two of the three kinds of failure the harness tells apart. The third, "the server answered with an
 * OAuth error", is not an exception: it is data in a response, which negative scenarios expect.
 * Their messages end up in every report, and they may quote what a server sent, so they are redacted.
 */
import { runRedactor } from './run-secrets';

/** The server broke a rule: a conformance finding. The runner maps it to exit code 1. */
export class ConformanceFailure extends Error {
  override readonly name = 'ConformanceFailure';
  readonly expected: string;
  readonly actual: string;

  constructor(
    /** The spec section or vendor rule that was broken, e.g. "RFC 6749 §5.2". */
    readonly rule: string,
    expected: string,
    actual: string,
  ) {
    super(runRedactor.redact(`${rule}: expected ${expected}, but ${actual}`));
    this.expected = runRedactor.redact(expected);
    this.actual = runRedactor.redact(actual);
  }
}

/** The harness could not judge (target unreachable, browser missing, bad configuration): exit code 2. */
export class HarnessError extends Error {
  override readonly name = 'HarnessError';

  constructor(message: string) {
    super(runRedactor.redact(message));
  }
}

/** Exception type names the runner counts as conformance findings rather than harness trouble. */
export const FINDING_EXCEPTION_TYPES: readonly string[] = ['ConformanceFailure'];

/**
 * The target lacks what the scenario needs (an app type, a grant, a password, a clock): the scenario is
 * reported as skipped with this reason, never as passed or failed.
 */
export class SkipScenario extends Error {
  override readonly name = 'SkipScenario';

  constructor(reason: string) {
    super(runRedactor.redact(reason));
  }
}
