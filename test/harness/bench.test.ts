import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { BUDGETS, median, parseBenchArgs, readRun, renderSummary, type SuiteRun, summarize, tokenThroughput } from '../../cli/bench';
import { UsageError } from '../../cli/args';

describe('the benchmark', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('takes the middle value, or the mean of the two middle ones', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.ok(Number.isNaN(median([])));
  });

  it('refuses run counts and batch sizes out of range, naming the option', () => {
    assert.throws(() => parseBenchArgs(['--runs', '0']), (error: unknown) => error instanceof UsageError && /--runs must be a whole number from 1 to 20, not "0"/.test(error.message));
    assert.throws(() => parseBenchArgs(['--requests', 'many']), /--requests must be a whole number from 100 to 100000/);
    assert.deepEqual(parseBenchArgs([]), { help: false, runs: 3, requests: 2000, reportsDir: 'reports', enforceBudgets: false });
  });

  it('reads the first scenario\'s start, durations by kind and the browser launches from a run\'s own output', () => {
    const at = (ms: number) => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });
    const scenario = (id: string, tags: string[], startMs: number, endMs: number) => [
      { pickle: { id: `p${id}`, uri: 'x.feature', name: id, language: 'en', steps: [], tags: tags.map((name) => ({ name, astNodeId: '' })), astNodeIds: [] } },
      { testCase: { id: `c${id}`, pickleId: `p${id}`, testSteps: [], testRunStartedId: 'r' } },
      { testCaseStarted: { id: `s${id}`, testCaseId: `c${id}`, attempt: 0, timestamp: at(startMs) } },
      { testCaseFinished: { testCaseStartedId: `s${id}`, timestamp: at(endMs), willBeRetried: false } },
    ];
    const file = join(dir, 'messages.ndjson');
    const envelopes = [...scenario('a', ['@browser'], 101_500, 102_400), ...scenario('b', [], 102_400, 102_420)];
    writeFileSync(file, `${envelopes.map((envelope) => JSON.stringify(envelope)).join('\n')}\n`);
    const log = 'x pw:browser <launching> /usr/bin/chromium --headless\nx pw:browser <launched> pid=1\n';
    const run = readRun(file, 100_000, 3.2, log);
    assert.equal(run.firstScenarioSeconds, 1.5);
    assert.deepEqual(run.browserScenarioMs, [900]);
    assert.deepEqual(run.otherScenarioMs, [20]);
    assert.equal(run.browserLaunches, 1);
  });

  it('judges the medians against the budgets', () => {
    const run = (wallSeconds: number, firstScenarioSeconds: number, browserLaunches: number): SuiteRun => ({
      wallSeconds, firstScenarioSeconds, scenarios: 2, browserScenarioMs: [900, 1100], otherScenarioMs: [20], browserLaunches,
    });
    const fast = summarize([run(20, 0.5, 1), run(40, 0.9, 1), run(25, 2, 1)], [100, 300, 200], 500, [0.5]);
    assert.deepEqual(fast.withinBudget, { suite: true, firstScenario: true, browserLaunches: true });
    assert.equal(fast.medians.browserScenarioMs, 1000);
    assert.equal(fast.medians.tokenRequestsPerSecond, 200);
    const slow = summarize([run(BUDGETS.suiteSeconds, 1, 2)], [100], 500, [3]);
    assert.deepEqual(slow.withinBudget, { suite: false, firstScenario: false, browserLaunches: false });
    assert.match(renderSummary(slow).join('\n'), /median 30 s over 1 run \(budget under 30 s: OVER BUDGET\)/);
  });

  it('measures the mock\'s token endpoint with every grant granted', async () => {
    assert.ok((await tokenThroughput(100)) > 0);
  });
});
