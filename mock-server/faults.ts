/**
 * Faults injected on purpose, for testing how a client copes: the next N requests (to one path, or to any
 * endpoint) get a given status, body and headers instead of the endpoint's answer, or the endpoint's own
 * answer after a delay. Set through /__mock/faults or `npm run mock -- --fail-next N …`.
 */
import { CONTROL_PATHS, routeOfPath } from './paths';
import type { Reply } from './replies';
import type { MockRequest } from './request';

export interface FaultPlan {
  /** How many requests the fault applies to, 1 or more. */
  readonly count: number;
  /** Only requests to this path; every endpoint when absent (the mock's controls are never faulted). */
  readonly path?: string;
  /** The status to answer with; without it, the endpoint answers as usual (after the delay). */
  readonly status?: number;
  /** Milliseconds to wait before answering. */
  readonly delayMs?: number;
  /** The body of the faulty answer; a short JSON error by default. */
  readonly body?: string;
  /** Headers of the faulty answer, e.g. Retry-After. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface PendingFault extends FaultPlan {
  /** How many of `count` are still to come. */
  readonly remaining: number;
}

/** A fault plan's limits: a test that hangs for minutes or answers with a status HTTP has not got is a mistake. */
export const MAX_FAULT_DELAY_MS = 120_000;
/** A token of RFC 9110 §5.6.2. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const MAX_FAULT_COUNT = 1_000_000;

/** What is wrong with a plan, in one line; undefined when it can be used. */
export function faultPlanProblem(plan: FaultPlan): string | undefined {
  if (!Number.isInteger(plan.count) || plan.count < 1 || plan.count > MAX_FAULT_COUNT) return `count must be a whole number from 1 to ${MAX_FAULT_COUNT}`;
  if (plan.status !== undefined && !(Number.isInteger(plan.status) && plan.status >= 200 && plan.status <= 599)) return 'status must be a whole number from 200 to 599';
  if (plan.delayMs !== undefined && !(Number.isFinite(plan.delayMs) && plan.delayMs >= 0 && plan.delayMs <= MAX_FAULT_DELAY_MS)) {
    return `delayMs must be a number of milliseconds from 0 to ${MAX_FAULT_DELAY_MS}`;
  }
  if (plan.status === undefined && plan.delayMs === undefined) return 'a fault needs a status, a delayMs or both';
  if (plan.status === undefined && (plan.body !== undefined || plan.headers !== undefined)) return 'body and headers need a status to go with';
  if (plan.path !== undefined && !plan.path.startsWith('/')) return 'path must start with /, e.g. /restapi/oauth/token';
  // A plan that can never fire would wait forever and make a test pass for the wrong reason.
  if (plan.path !== undefined && (routeOfPath(plan.path) === undefined || CONTROL_PATHS.includes(plan.path))) {
    return `path must be one of the mock's endpoints, exactly and without a query (e.g. /restapi/oauth/token), not ${plan.path}`;
  }
  if ((plan.status === 204 || plan.status === 304) && plan.body !== undefined) return `a ${plan.status} answer has no body`;
  for (const [name, value] of Object.entries(plan.headers ?? {})) {
    if (!HEADER_NAME.test(name)) return `"${name}" is not a header name (letters, digits and !#$%&'*+-.^_\`|~ only)`;
    if (typeof value !== 'string' || /[\u0000-\u0008\u000a-\u001f\u007f]/.test(value)) return `the value of header ${name} must be text on one line`;
  }
  return undefined;
}

export class FaultInjector {
  private pending: { plan: FaultPlan; remaining: number }[] = [];

  add(plan: FaultPlan): void {
    const problem = faultPlanProblem(plan);
    if (problem !== undefined) throw new RangeError(problem);
    this.pending.push({ plan, remaining: plan.count });
  }

  list(): PendingFault[] {
    return this.pending.map(({ plan, remaining }) => ({ ...plan, remaining }));
  }

  clear(): void {
    this.pending = [];
  }

  /** The first pending fault for this request, counted as used; undefined when none applies. */
  take(request: MockRequest): FaultPlan | undefined {
    const entry = this.pending.find(({ plan }) => plan.path === undefined || plan.path === request.path);
    if (entry === undefined) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.pending = this.pending.filter((other) => other !== entry);
    return entry.plan;
  }
}

/** The answer a fault gives in place of the endpoint's. */
export function faultReply(plan: FaultPlan & { readonly status: number }): Reply {
  const body = plan.body ?? JSON.stringify({ error: 'temporarily_unavailable', error_description: `Injected fault: HTTP ${plan.status}`, errors: [] });
  const json = plan.body === undefined || /^\s*[[{]/.test(plan.body);
  return { status: plan.status, headers: { 'Content-Type': json ? 'application/json' : 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...plan.headers }, body };
}
