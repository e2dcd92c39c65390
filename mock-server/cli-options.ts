/** The standalone mock's command line, parsed without side effects so that it can be tested in-process. */
import { isMockMode, MOCK_MODES, type MockMode } from './mode';
import { type FaultPlan, faultPlanProblem, MAX_FAULT_DELAY_MS } from './faults';
import { budgetProblem, type RateBudget } from './rate-limit';

export const USAGE = `Usage: npm run mock -- [--port N] [--host H] [--mode M] [--auth-rate R] [fault options] [--help]

Starts the mock OAuth 2.0 authorization server and keeps it running until Ctrl-C.
  --port N        port to listen on (default: a free port)
  --host H        address to bind (default: 127.0.0.1)
  --mode M        strict (default: the RFCs' reference) or ringcentral (RingCentral's observed behaviour)
  --auth-rate R   requests per window for the token and revocation endpoints together, e.g. 5/60s, 5/1s,
                  10/500ms or 5/1m (default: none in strict mode, 5/60s in ringcentral mode)
  --help          show this text

Faults for testing a client (more at any time: POST a JSON plan to /__mock/faults, see the README):
  --fail-next N       the next N requests fail (to --fail-path only, when given)
  --fail-path P       only requests to this path, e.g. /restapi/oauth/token (default: every endpoint)
  --fail-status S     answer them with status S, 200 to 599 (default 503 unless only --fail-delay is given)
  --fail-delay MS     wait MS milliseconds first (with no --fail-status: then answer as usual)
  --fail-body TEXT    the body of the faulty answer (default: a JSON error)
  --fail-header H     a header of the faulty answer, "Name: value", e.g. "Retry-After: 5"; may be repeated

Exit codes: 0 stopped with Ctrl-C or SIGTERM, 1 an error while stopping, 2 a bad option or the mock could not start.`;

export interface CliOptions {
  readonly help: boolean;
  readonly host?: string;
  readonly port?: number;
  readonly mode?: MockMode;
  readonly authRateLimit?: RateBudget;
  /** From the --fail-* options; absent without --fail-next. */
  readonly fault?: FaultPlan;
}

interface FaultOptions {
  count?: number;
  path?: string;
  status?: number;
  delayMs?: number;
  body?: string;
  headers?: Record<string, string>;
}

/** A mistake in the command line: reported in one line, exit code 2. */
export class UsageError extends Error {}

export function parseCliOptions(args: readonly string[]): CliOptions {
  let options: CliOptions = { help: false };
  const fault: FaultOptions = {};
  for (let index = 0; index < args.length; index += 1) {
    const argument = args[index] ?? '';
    // Both "--port 8080" and "--port=8080".
    const [name = '', inline] = argument.startsWith('--') ? argument.split(/=(.*)/s, 2) : [argument];
    const value = (): string => {
      const given = inline ?? args[(index += 1)];
      if (given === undefined || given === '') throw new UsageError(`${name} needs a value`);
      return given;
    };
    switch (name) {
      case '--help':
      case '-h':
        options = { ...options, help: true };
        break;
      case '--host':
        options = { ...options, host: value() };
        break;
      case '--port':
        options = { ...options, port: parsePort(value()) };
        break;
      case '--mode':
        options = { ...options, mode: parseMode(value()) };
        break;
      case '--auth-rate':
        options = { ...options, authRateLimit: parseRate(value()) };
        break;
      case '--fail-next':
        fault.count = parseWhole(name, value(), 1);
        break;
      case '--fail-path':
        fault.path = value();
        break;
      case '--fail-status':
        fault.status = parseWhole(name, value(), 200, 599);
        break;
      case '--fail-delay':
        fault.delayMs = parseWhole(name, value(), 0, MAX_FAULT_DELAY_MS);
        break;
      case '--fail-body':
        fault.body = value();
        break;
      case '--fail-header': {
        const [headerName = '', headerValue] = value().split(/:(.*)/s, 2);
        if (!/^[A-Za-z0-9-]+$/.test(headerName.trim()) || headerValue === undefined) {
          throw new UsageError(`--fail-header must be "Name: value", e.g. "Retry-After: 5"`);
        }
        fault.headers = { ...fault.headers, [headerName.trim()]: headerValue.trim() };
        break;
      }
      default:
        throw new UsageError(`unknown option ${argument}`);
    }
  }
  const plan = faultPlan(fault);
  return plan === undefined ? options : { ...options, fault: plan };
}

/** The --fail-* options as one plan; the others without --fail-next are a mistake, not ignored. */
function faultPlan(given: FaultOptions): FaultPlan | undefined {
  const { count, ...rest } = given;
  if (count === undefined) {
    if (Object.keys(rest).length > 0) throw new UsageError('the --fail-* options need --fail-next N, the number of requests to fail');
    return undefined;
  }
  const status = rest.status ?? (rest.delayMs === undefined ? 503 : undefined);
  const plan: FaultPlan = { ...rest, count, ...(status === undefined ? {} : { status }) };
  const problem = faultPlanProblem(plan);
  if (problem !== undefined) throw new UsageError(`--fail-*: ${problem}`);
  return plan;
}

function parseWhole(name: string, text: string, min: number, max = 1_000_000): number {
  const number = /^\d{1,7}$/.test(text) ? Number(text) : Number.NaN;
  if (!(number >= min && number <= max)) throw new UsageError(`${name} must be a whole number from ${min} to ${max}, not ${text}`);
  return number;
}

function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`--port must be a whole number from 0 to 65535, not ${text}`);
  return port;
}

function parseMode(text: string): MockMode {
  if (!isMockMode(text)) throw new UsageError(`--mode must be ${MOCK_MODES.join(' or ')}, not ${text}`);
  return text;
}

const WINDOW_UNITS_MS = { ms: 1, s: 1000, m: 60_000 } as const;

/** Requests, a slash, a window and its unit: "5/60s" is 5 requests per 60 seconds. */
const RATE_SYNTAX = /^(\d{1,9})\/(\d{1,9}(?:\.\d{1,3})?)(ms|s|m)$/;

function parseRate(text: string): RateBudget {
  const match = RATE_SYNTAX.exec(text);
  if (match !== null) {
    const [, requests, window, unit] = match;
    const budget = { requests: Number(requests), windowMs: Number(window) * WINDOW_UNITS_MS[unit as keyof typeof WINDOW_UNITS_MS] };
    if (budgetProblem(budget) === undefined) return budget;
  }
  throw new UsageError(`--auth-rate must be requests per window with a unit, e.g. 5/60s, 10/500ms or 5/1m, not ${text}`);
}
