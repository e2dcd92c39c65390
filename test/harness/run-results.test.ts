import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Envelope, TestStepResult } from '@cucumber/messages';
import { RunResults } from '../../cli/run-results';

const at = (seconds: number) => ({ seconds, nanos: 0 });
const duration = { seconds: 0, nanos: 0 };

/** The messages Cucumber emits for one scenario of one step that ends with the given result. */
function scenario(id: string, result: TestStepResult, tags: readonly string[] = []): Envelope[] {
  const pickleTags = tags.map((name) => ({ name, astNodeId: '' }));
  return [
    { pickle: { id: `p${id}`, uri: 'features/x.feature', name: `scenario ${id}`, language: 'en', steps: [{ id: `ps${id}`, text: `step ${id}`, astNodeIds: [] }], tags: pickleTags, astNodeIds: [] } },
    { testCase: { id: `tc${id}`, pickleId: `p${id}`, testSteps: [{ id: `ts${id}`, pickleStepId: `ps${id}` }], testRunStartedId: 'run' } },
    { testCaseStarted: { id: `s${id}`, testCaseId: `tc${id}`, attempt: 0, timestamp: at(1) } },
    { testStepFinished: { testCaseStartedId: `s${id}`, testStepId: `ts${id}`, testStepResult: result, timestamp: at(2) } },
    { testCaseFinished: { testCaseStartedId: `s${id}`, timestamp: at(3), willBeRetried: false } },
  ] as Envelope[];
}

describe('RunResults', () => {
  it('says with every scenario how long the run has taken so far, and keeps each scenario\'s tags', () => {
    const lines: string[] = [];
    const results = new RunResults((line) => lines.push(line));
    const envelopes = scenario('1', { status: 'PASSED', duration } as never, ['@browser']);
    const finished = { testCaseFinished: { testCaseStartedId: 's1', timestamp: at(3_726), willBeRetried: false } } as Envelope;
    for (const envelope of [{ testRunStarted: { timestamp: at(0) } } as Envelope, ...envelopes.slice(0, -1), finished]) results.onMessage(envelope);
    assert.match(lines[0] ?? '', /^ok {3}\[1\/1 1:02:06\] scenario 1 /);
    assert.deepEqual(results.scenarios[0]?.tags, ['@browser']);
  });

  it('tells a server finding from a harness failure by the exception type, and counts undefined steps apart', () => {
    const lines: string[] = [];
    const results = new RunResults((line) => lines.push(line));
    const envelopes = [
      ...scenario('1', { status: 'PASSED', duration } as never),
      ...scenario('2', { status: 'FAILED', duration, exception: { type: 'ConformanceFailure', message: 'RFC 6749 §5.2: expected x' } } as never),
      ...scenario('3', { status: 'FAILED', duration, exception: { type: 'HarnessError', message: 'could not connect' } } as never),
      ...scenario('4', { status: 'FAILED', duration, exception: { type: 'TypeError', message: 'boom' } } as never),
      ...scenario('5', { status: 'UNDEFINED', duration } as never),
      ...scenario('6', { status: 'SKIPPED', duration } as never),
    ];
    // Cucumber announces every test case before the first one starts.
    const announced = (e: Envelope) => e.pickle !== undefined || e.testCase !== undefined;
    for (const envelope of [...envelopes.filter(announced), ...envelopes.filter((e) => !announced(e))]) results.onMessage(envelope);
    assert.deepEqual(
      results.scenarios.map((s) => s.verdict),
      ['passed', 'finding', 'harness', 'harness', 'undefined', 'skipped'],
    );
    assert.equal(results.count('harness'), 2);
    assert.match(lines.join('\n'), /FAIL \[2\/6 0:00\] scenario 2 \(2000 ms\)\n {7}at "step 2": RFC 6749 §5\.2: expected x/);
  });

  it('weighs a finding by the strongest requirement its scenario cites', () => {
    const lines: string[] = [];
    const results = new RunResults((line) => lines.push(line));
    const failed = { status: 'FAILED', duration, exception: { type: 'ConformanceFailure', message: 'broken' } } as never;
    for (const envelope of [
      ...scenario('1', failed, ['@req:6749-4.1.2-revoke-on-code-reuse']),
      ...scenario('2', failed, ['@req:6749-4.1.2-revoke-on-code-reuse', '@req:6749-4.1.2-code-single-use']),
      ...scenario('3', failed, ['@req:7009-2.1-access-revocation-may-end-refresh']),
      ...scenario('4', failed),
    ]) {
      results.onMessage(envelope);
    }
    assert.deepEqual(results.scenarios.map((s) => s.level), ['warning', 'blocking', 'informational', 'blocking']);
    assert.deepEqual([results.findings('blocking'), results.findings('warning'), results.findings('informational')], [2, 1, 1]);
    assert.match(lines.join('\n'), /WARN \[1\/1 0:00\] scenario 1/);
    assert.match(lines.join('\n'), /info \[3\/3 0:00\] scenario 3/);
  });

  it('weighs a finding whose check names one of the cited requirements as that one, and records which', () => {
    const results = new RunResults(() => undefined);
    const cited = ['@req:6749-10.12-client-sends-state', '@req:6749-10.12-state-unguessable'];
    const naming = (message: string) => ({ status: 'FAILED', duration, exception: { type: 'ConformanceFailure', message } }) as never;
    for (const envelope of [
      ...scenario('1', naming('6749-10.12-client-sends-state (RFC 6749 §10.12): expected a state'), cited),
      ...scenario('2', naming('6749-10.12-state-unguessable (RFC 6749 §10.12): expected fresh states'), cited),
      ...scenario('3', naming('6749-2.3.1-credentials-not-in-uri (RFC 6749 §2.3.1): not cited here'), cited),
    ]) {
      results.onMessage(envelope);
    }
    assert.deepEqual(results.scenarios.map((s) => [s.level, s.judged]), [['warning', '6749-10.12-client-sends-state'], ['blocking', '6749-10.12-state-unguessable'], ['blocking', undefined]]);
  });

  it('says why a scenario was skipped, from the reason its step logged', () => {
    const lines: string[] = [];
    const results = new RunResults((line) => lines.push(line));
    const [pickle, testCase, started, step, finished] = scenario('1', { status: 'SKIPPED', duration } as never);
    const log = { attachment: { testCaseStartedId: 's1', mediaType: 'text/x.cucumber.log+plain', body: 'skipped: the target has no such app', contentEncoding: 'IDENTITY' } };
    for (const envelope of [pickle, testCase, started, log, step, finished]) results.onMessage(envelope as Envelope);
    assert.equal(results.scenarios[0]?.message, 'the target has no such app');
    assert.match(lines.join('\n'), /skip \[1\/1 0:00\] scenario 1 .*\n {7}at "step 1": the target has no such app/);
  });

  it('reports a retried scenario once, by its last attempt', () => {
    const results = new RunResults(() => undefined);
    const [pickle, testCase, started, step, finished] = scenario('1', { status: 'FAILED', duration, exception: { type: 'ConformanceFailure' } } as never);
    for (const envelope of [pickle, testCase, started, step]) results.onMessage(envelope as Envelope);
    results.onMessage({ testCaseFinished: { ...finished?.testCaseFinished, willBeRetried: true } } as Envelope);
    assert.equal(results.scenarios.length, 0);
  });
});
