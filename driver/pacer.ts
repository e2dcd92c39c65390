/**
 * Paces requests to a target's rate limits, so that a run against a throttled server (RingCentral's Auth
 * group: about 5 requests a minute) takes close to the shortest time the limits allow and meets no 429.
 *
 * A budget of N requests per window W is kept as a sliding window of completion times: the next request
 * leaves only when fewer than N completed within the last W. The server counts arrivals, and a request
 * arrives before it completes, so a request the pacer lets go never finds the server's window full, whatever
 * the latency. The server's own word wins where it says more: X-Rate-Limit-Remaining: 0 before this client's
 * own count is full holds the group back for X-Rate-Limit-Window seconds, and a 429's Retry-After is waited
 * out before the request is retried.
 */
import type { EndpointPaths, RateLimit } from './target';

export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const REAL_CLOCK: PacerClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** How often a request refused with 429 is sent again before the run gives up on it (could not judge). */
export const MAX_RATE_LIMIT_RETRIES = 3;

/** A Retry-After beyond this is not waited for: the run would stall, so the request is given up on. */
const MAX_RETRY_AFTER_MS = 120_000;

export interface GroupStats {
  readonly group: string;
  readonly requests: number;
  readonly limit: number;
  readonly windowSeconds: number;
  /** Time spent waiting before requests of the group left. */
  readonly waitedMs: number;
  /** Answers of 429 the group met (each one retried). */
  readonly throttled: number;
  /** Wall time from the group's first request leaving to its last completing. */
  readonly spanMs: number;
}

interface Group {
  readonly limit: RateLimit;
  readonly paths: ReadonlySet<string>;
  /** Completion times of the requests still inside the window; an in-flight request counts as Infinity. */
  readonly slots: number[];
  heldUntil: number;
  requests: number;
  waitedMs: number;
  throttled: number;
  firstSent?: number;
  lastDone?: number;
}

/** A claimed place in the budgets of the groups that cover one request. */
export interface PacedRequest {
  /** Called once the answer arrived, with its headers (lower-case names). */
  done(headers: Readonly<Record<string, string>>): void;
}

/** A wait this long is said as it starts: on a live target paced to a few requests a minute, a run would seem to hang. */
export const ANNOUNCED_WAIT_MS = 5_000;

export class RequestPacer {
  private readonly groups: Group[];
  /** Every 429 answer met, whether or not a group covers its path. */
  throttledAnswers = 0;
  /** Told of every wait of ANNOUNCED_WAIT_MS or more as it starts: how long, and what for. */
  onLongWait?: (ms: number, why: string) => void;

  constructor(
    limits: readonly RateLimit[],
    paths: EndpointPaths,
    private readonly clock: PacerClock = REAL_CLOCK,
  ) {
    this.groups = limits.map((limit) => ({
      limit,
      paths: new Set(limit.endpoints.map((endpoint) => paths[endpoint])),
      slots: [],
      heldUntil: 0,
      requests: 0,
      waitedMs: 0,
      throttled: 0,
    }));
  }

  /** Waits until the request fits every budget that covers its path, then claims a place in each. */
  async claim(path: string): Promise<PacedRequest> {
    const groups = this.groups.filter((group) => group.paths.has(path));
    for (;;) {
      const now = this.clock.now();
      const wait = Math.max(0, ...groups.map((group) => this.waitFor(group, now)));
      if (wait === 0) break;
      for (const group of groups) group.waitedMs += wait;
      if (wait >= ANNOUNCED_WAIT_MS) {
        const budgets = groups.map((group) => `${group.limit.group} (${group.limit.requests} per ${group.limit.windowSeconds} s)`).join(', ');
        this.onLongWait?.(wait, `the rate limit ${budgets} before ${path}`);
      }
      await this.clock.sleep(wait);
    }
    const sent = this.clock.now();
    const claimed = groups.map((group) => {
      group.requests += 1;
      group.firstSent ??= sent;
      group.slots.push(Infinity);
      return group;
    });
    return {
      done: (headers) => {
        const finished = this.clock.now();
        for (const group of claimed) {
          const index = group.slots.indexOf(Infinity);
          if (index >= 0) group.slots[index] = finished;
          group.lastDone = finished;
          // The server may count more than this client sent (other clients of the same app): when it says the
          // budget is spent while this client's own count says otherwise, its word wins for a whole window.
          // Counted generously, as the server may count: this request, and every one that completed less than a
          // window before this one left.
          const ownCount = group.slots.filter((slot) => slot + group.limit.windowSeconds * 1000 > sent).length;
          if (headers['x-rate-limit-remaining'] === '0' && ownCount < group.limit.requests) {
            const windowSeconds = Number(headers['x-rate-limit-window']);
            const hold = Number.isFinite(windowSeconds) && windowSeconds > 0 ? windowSeconds * 1000 : group.limit.windowSeconds * 1000;
            group.heldUntil = Math.max(group.heldUntil, finished + hold);
          }
        }
      },
    };
  }

  /**
   * After a 429: how long to wait before sending the request again, from Retry-After (seconds or an HTTP
   * date) or else the group's window; undefined when it is not worth waiting (too long, or retried enough).
   */
  retryDelay(path: string, headers: Readonly<Record<string, string>>, attempt: number): number | undefined {
    this.throttledAnswers += 1;
    if (attempt >= MAX_RATE_LIMIT_RETRIES) return undefined;
    const groups = this.groups.filter((group) => group.paths.has(path));
    for (const group of groups) group.throttled += 1;
    const delay = retryAfterMs(headers['retry-after']) ?? Math.max(1000, ...groups.map((group) => group.limit.windowSeconds * 1000));
    return delay > MAX_RETRY_AFTER_MS ? undefined : delay;
  }

  /** Waits out a 429 before the request is sent again. */
  async wait(ms: number, path: string): Promise<void> {
    if (ms >= ANNOUNCED_WAIT_MS) this.onLongWait?.(ms, `the Retry-After of a 429 from ${path}`);
    await this.clock.sleep(ms);
  }

  stats(): GroupStats[] {
    return this.groups.map((group) => ({
      group: group.limit.group,
      requests: group.requests,
      limit: group.limit.requests,
      windowSeconds: group.limit.windowSeconds,
      waitedMs: Math.round(group.waitedMs),
      throttled: group.throttled,
      spanMs: group.firstSent === undefined || group.lastDone === undefined ? 0 : Math.round(group.lastDone - group.firstSent),
    }));
  }

  private waitFor(group: Group, now: number): number {
    const windowMs = group.limit.windowSeconds * 1000;
    // Completions older than the window no longer count.
    while (group.slots.length > 0 && (group.slots[0] ?? 0) !== Infinity && (group.slots[0] ?? 0) + windowMs < now) group.slots.shift();
    const held = group.heldUntil > now ? group.heldUntil - now : 0;
    if (group.slots.length < group.limit.requests) return held;
    const oldest = group.slots[0] ?? now;
    // An in-flight request (Infinity) is waited for in small steps: its completion time is not known yet.
    const free = oldest === Infinity ? 10 : oldest + windowMs - now + 1;
    return Math.max(held, free, 1);
  }
}

/** The least time the limits allow for this many requests of one group: full windows between batches. */
export function minimumSpanMs(stats: GroupStats): number {
  return Math.max(0, Math.ceil(stats.requests / stats.limit) - 1) * stats.windowSeconds * 1000;
}

function retryAfterMs(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
