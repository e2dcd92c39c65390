/**
 * Request budgets like RingCentral's "Auth" group: the token and revocation endpoints share N requests per
 * window. Arrivals are kept as a sliding window on wall time, never on the MockClock, which scenarios move
 * forward by hours. A request refused with 429 is not counted, so a client that waits out Retry-After gets in.
 */

export interface RateBudget {
  readonly requests: number;
  readonly windowMs: number;
}

/** RingCentral's Auth group: 5 requests a minute per user and app (developer guide, "Rate limits"). */
export const RINGCENTRAL_AUTH_BUDGET: RateBudget = { requests: 5, windowMs: 60_000 };

export const AUTH_GROUP = 'auth';

export type Admission =
  | { readonly admitted: true; readonly remaining: number }
  | { readonly admitted: false; readonly retryAfterSeconds: number };

/** Why a budget cannot be enforced, or undefined when it can. */
export function budgetProblem(budget: RateBudget): string | undefined {
  if (!Number.isSafeInteger(budget.requests) || budget.requests < 1) return `requests must be a whole number of at least 1, not ${budget.requests}`;
  if (!Number.isFinite(budget.windowMs) || budget.windowMs <= 0) return `windowMs must be a positive number of milliseconds, not ${budget.windowMs}`;
  return undefined;
}

export class SlidingWindow {
  /** Arrival times of the admitted requests still inside the window, oldest first. */
  private readonly arrivals: number[] = [];

  constructor(
    readonly budget: RateBudget,
    private readonly now: () => number = () => performance.now(),
  ) {
    const problem = budgetProblem(budget);
    if (problem !== undefined) throw new RangeError(`rate limit: ${problem}`);
  }

  /** Counts the request when the window has room; otherwise says how long until the oldest arrival leaves it. */
  admit(): Admission {
    const now = this.now();
    const horizon = now - this.budget.windowMs;
    while ((this.arrivals[0] ?? Number.POSITIVE_INFINITY) <= horizon) this.arrivals.shift();
    if (this.arrivals.length >= this.budget.requests) {
      const oldest = this.arrivals[0] ?? now;
      return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.budget.windowMs - now) / 1000)) };
    }
    this.arrivals.push(now);
    return { admitted: true, remaining: this.budget.requests - this.arrivals.length };
  }
}

/** The developer guide's X-Rate-Limit-* headers; the window in whole seconds, rounded up. */
export function rateLimitHeaders(group: string, budget: RateBudget, remaining: number): Readonly<Record<string, string>> {
  return {
    'X-Rate-Limit-Group': group,
    'X-Rate-Limit-Limit': String(budget.requests),
    'X-Rate-Limit-Remaining': String(remaining),
    'X-Rate-Limit-Window': String(Math.max(1, Math.ceil(budget.windowMs / 1000))),
  };
}
