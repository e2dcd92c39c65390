import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import { runConformance } from '../../cli/conformance';
import { runHooks } from '../../driver/run-context';

/**
 * The scan after every run, end to end: a hook stands in for a faulty writer and copies each exchange as it
 * was sent and received, secrets and all, into the folder under test. The run must fail as could not judge
 * and name the file, however green its scenarios were.
 */
describe('the secret scan after a run', () => {
  const folder = mkdtempSync(join(tmpdir(), 'conformance-leak-'));
  const scenario = ['--name', '^The right password yields a bearer token the resource accepts$', 'features/rfc6749/password-grant.feature'];
  afterEach(() => delete runHooks.onExchange);
  after(() => rmSync(folder, { recursive: true, force: true }));

  async function runLeakingInto(leakFolder: string, extra: readonly string[]): Promise<{ code: number; output: string }> {
    runHooks.onExchange = (exchange) => appendFileSync(join(leakFolder, 'raw-exchanges.log'), `${JSON.stringify(exchange)}\n`);
    const lines: string[] = [];
    const code = await runConformance([...extra, ...scenario], (line) => lines.push(line));
    return { code, output: lines.join('\n') };
  }

  it('finds the raw exchanges in the reports folder and fails the run', async () => {
    const reports = join(folder, 'reports');
    const { code, output } = await runLeakingInto(reports, ['--reports', reports]);
    assert.equal(code, 2, output);
    assert.match(output, /^ok +\[1\/1/m);
    assert.match(output, /LEAK: .*reports\/raw-exchanges\.log contains \d+ secret value\(s\) from this run/);
    assert.match(output, /Verdict: secrets leaked into the reports \(exit 2\)/);
  });

  it('scans the fixtures a run records as well, since they are made to be committed', async () => {
    const fixtures = join(folder, 'fixtures');
    const { code, output } = await runLeakingInto(fixtures, ['--reports', join(folder, 'reports-2'), '--record', fixtures]);
    assert.equal(code, 2, output);
    assert.match(output, /LEAK: .*fixtures\/raw-exchanges\.log contains/);
    assert.doesNotMatch(output, /LEAK: .*reports-2/);
  });
});
