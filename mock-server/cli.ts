/**
 * `npm run mock`: runs the mock authorization server standalone until interrupted, printing its mode, rate
 * limit, endpoints and the credentials of its apps and users (JWTs included) so that an SDK or a person can use it.
 */
import type { RateLimit } from '../driver/target';
import { type CliOptions, parseCliOptions, USAGE, UsageError } from './cli-options';
import { JWT_BEARER } from './grant-types';
import { type MockMode, type PendingFault, type RunningMockServer, startMockServer } from './index';
import { PATHS } from './paths';

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

/** Starts the server the command line asks for; a number is the exit code when there is nothing to run. */
export async function runCommandLine(args: readonly string[], output: CliOutput): Promise<RunningMockServer | number> {
  let options: CliOptions;
  try {
    options = parseCliOptions(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    output.err(`mock: ${error.message} (try --help)`);
    return 2;
  }
  if (options.help) {
    output.out(USAGE);
    return 0;
  }
  let server: RunningMockServer;
  try {
    server = await startMockServer({
      ...(options.host === undefined ? {} : { host: options.host }),
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.mode === undefined ? {} : { mode: options.mode }),
      ...(options.authRateLimit === undefined ? {} : { authRateLimit: options.authRateLimit }),
      ...(options.fault === undefined ? {} : { faults: [options.fault] }),
    });
  } catch (error) {
    // A port in use or an address not on this machine: configuration, not a crash.
    output.err(`mock: cannot start: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  output.out(describe(server));
  return server;
}

function describe(server: RunningMockServer): string {
  const endpoints = Object.entries(PATHS).map(([name, path]) => [name, `${server.baseUrl}${path}`]);
  const apps = Object.values(server.registry.apps).map((app) => [
    app.kind,
    app.clientId,
    app.clientSecret ?? '(public)',
    app.redirectUris.length === 0 ? '(none)' : app.redirectUris.join(' '),
  ]);
  const users = server.registry.users.map((user) => [user.username, user.extension, user.password]);
  // A JWT is too long for a table column; each goes on a line of its own, ready to copy.
  const jwts = server.registry.users.flatMap((user) => [`JWT credential of ${user.username} (grant_type=${JWT_BEARER}):`, user.jwt]);
  return [
    `Mock authorization server listening on ${server.baseUrl}`,
    `Mode: ${server.mode} (${MODE_SUMMARIES[server.mode]})`,
    `Rate limit: ${describeRateLimits(server.targetProfile().rateLimits)}`,
    `Faults: ${describeFaults(server.pendingFaults())}`,
    '',
    table(endpoints),
    '',
    table([['kind', 'client id', 'client secret', 'redirect URIs'], ...apps]),
    '',
    table([['username', 'extension', 'password'], ...users]),
    '',
    ...jwts,
    '',
    'Press Ctrl-C to stop.',
  ].join('\n');
}

const MODE_SUMMARIES: Readonly<Record<MockMode, string>> = {
  strict: "the RFCs' reference",
  ringcentral: "RingCentral's documented and observed behaviour",
};

function describeRateLimits(limits: readonly RateLimit[]): string {
  if (limits.length === 0) return 'none';
  return limits
    .map((limit) => `${limit.requests} requests per ${limit.windowSeconds} s on ${limit.endpoints.join(' and ')} (group ${limit.group})`)
    .join('; ');
}

function describeFaults(faults: readonly PendingFault[]): string {
  if (faults.length === 0) return 'none (POST a plan to /__mock/faults to add some)';
  return faults
    .map((fault) => {
      const answer = fault.status === undefined ? 'the usual answer' : `HTTP ${fault.status}${fault.body === undefined ? '' : ' with the given body'}`;
      const delay = fault.delayMs === undefined ? '' : ` after ${fault.delayMs} ms`;
      return `the next ${fault.remaining} request(s) to ${fault.path ?? 'any endpoint'} get ${answer}${delay}`;
    })
    .join('; ');
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows.reduce<number[]>((acc, row) => row.map((cell, i) => Math.max(acc[i] ?? 0, cell.length)), []);
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}

async function main(): Promise<void> {
  const running = runCommandLine(process.argv.slice(2), {
    out: (text) => console.log(text),
    err: (text) => console.error(text),
  });
  // Listening before the banner is printed: whoever reads it may signal at once.
  const stop = (): void => {
    running
      .then(async (outcome) => {
        if (typeof outcome !== 'number') await outcome.stop();
      })
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(`mock: error while stopping: ${error instanceof Error ? error.message : String(error)}`);
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const outcome = await running;
  if (typeof outcome === 'number') process.exitCode = outcome;
}

if (require.main === module) void main();
