/**
 * `npm run client-conformance`: the client-conformance suite (client-features/) with a client under test
 * against the embedded mock, which records every request the client sends; the same reports, verdict and
 * exit codes as `npm run conformance`, judged on the client instead of the server.
 */
import { runCommand } from './command';
import { CLIENT_FEATURES, runConformance, stopCleanlyOnSignals } from './conformance';

export const CLIENT_USAGE = `Usage: npm run client-conformance -- [options] [feature files or folders]

Runs the client-conformance scenarios (${CLIENT_FEATURES}/): the client under test signs in, refreshes, calls
the API and logs out as it sees fit, and the embedded mock records what it sent; each check cites the
client-side requirement it judges. Same reports as npm run conformance (HTML, JUnit, coverage).

Options:
  --client <name>    the client under test (default: reference, the harness's own careful client):
                       ringcentral-sdk              RingCentral's official JavaScript SDK (@ringcentral/sdk)
                       careless:<lapse>[,<lapse>…]  the reference client with lapses on purpose
                                                    (listed below)
                       <module>.ts or .js           your adapter: exports createClientAdapter(context)
  --baseline <file>  known deviations of the client (e.g. clients/ringcentral-sdk/baseline.json)
  --target <name>    default mock; the checks need a target that records requests (the mock does)
  --tags, --name, --timeout, --shard, --record, --help   as for npm run conformance
  --reports <dir>    where reports are written (default: reports/client)

Lapses of the careless client (each breaks one requirement):
${lapseLines()}

Exit codes: 0 the client conforms, 1 it does not, 2 could not judge.`;

function lapseLines(): string {
  const { LAPSES } = require('../driver/clients/reference-client') as typeof import('../driver/clients/reference-client');
  const width = Math.max(...Object.keys(LAPSES).map((name) => name.length));
  return Object.entries(LAPSES)
    .map(([name, lapse]) => `  ${name.padEnd(width)}  ${lapse.does} (${lapse.breaks})`)
    .join('\n');
}

export function runClientConformance(argv: readonly string[], write: (line: string) => void): Promise<number> {
  return runConformance(argv, write, { usage: CLIENT_USAGE, defaults: { paths: [CLIENT_FEATURES], reportsDir: 'reports/client', client: 'reference' } });
}

if (require.main === module) {
  stopCleanlyOnSignals('client-conformance');
  runCommand('client-conformance', runClientConformance);
}
