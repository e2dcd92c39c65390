import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseBaseline } from '../../cli/baseline';
import type { RunResults, ScenarioResult } from '../../cli/run-results';
import { assignShards, parseShard } from '../../cli/shard';
import { decide, publishSummary, renderSummary } from '../../cli/verdict';

const scenario = (name: string, verdict: ScenarioResult['verdict'], extra: Partial<ScenarioResult> = {}): ScenarioResult => ({
  name,
  uri: 'features/x.feature',
  feature: 'X',
  tags: [],
  verdict,
  requirementIds: ['6749-4.1.2-code-single-use'],
  level: 'blocking',
  durationMs: 1,
  ...extra,
});

/** The part of RunResults the verdict and the summary read. */
function resultsOf(scenarios: ScenarioResult[]): RunResults {
  return {
    scenarios,
    count: (verdict: ScenarioResult['verdict']) => scenarios.filter((s) => s.verdict === verdict).length,
    findings: (level: ScenarioResult['level']) => scenarios.filter((s) => s.verdict === 'finding' && s.level === level).length,
  } as unknown as RunResults;
}

describe('the summary people read', () => {
  const results = resultsOf([
    scenario('A code works once', 'finding', { message: '6749-4.1.2-code-single-use (RFC 6749 §4.1.2): expected a refusal, but the code | worked *again*', judged: '6749-4.1.2-code-single-use' }),
    scenario('Tokens say their type', 'passed'),
    scenario('A warning', 'finding', { level: 'warning', message: 'RFC 6750 §3: expected a realm' }),
    ...['One', 'Two', 'Three', 'Four'].map((name) => scenario(`Skipped ${name}`, 'skipped', { message: 'the target has no public app' })),
    scenario('Skipped Five', 'skipped', { message: 'no JWT credential' }),
  ]);

  it('counts by verdict, lists blocking failures with their requirement and one line of evidence, warnings, and skips by reason', () => {
    const text = renderSummary({ subject: 'mock', results, decision: decide(results, undefined, () => undefined) });
    assert.match(text, /^# Conformance of mock: non-conformant \(exit 1\)\n/);
    assert.match(text, /\| 1 \| 1 \| 0 \| 1 \| 0 \| 5 \| 0 \|/);
    assert.match(text, /## Blocking failures\n\n- \*\*A code works once\*\* \(`6749-4\.1\.2-code-single-use`\), features\/x\.feature: .*the code \\\| worked \\\*again\\\*/);
    assert.match(text, /## Warnings \(SHOULD level\)\n\n- \*\*A warning\*\*/);
    assert.match(text, /- 4 × the target has no public app \(Skipped One; Skipped Two; Skipped Three; …\)\n- 1 × no JWT credential \(Skipped Five\)/);
  });

  it('with a baseline: names known deviations, and stale and expired entries', () => {
    const baseline = parseBaseline(
      JSON.stringify({
        target: 'mock',
        deviations: [
          { requirement: '6749-4.1.2-code-single-use', reason: 'known', source: 'https://example.com/a', expires: '2099-01-01', scenarios: ['A code works once'] },
          { requirement: '6749-4.1.2-code-single-use', reason: 'fixed long ago', source: 'https://example.com/b', expires: '2099-01-01', scenarios: ['Tokens say their type'] },
          { requirement: '6749-4.1.2-code-single-use', reason: 'old', source: 'https://example.com/c', expires: '2000-01-01', scenarios: ['An old failure'] },
        ],
      }),
      'baseline.json',
    );
    const withOld = resultsOf([...results.scenarios, scenario('An old failure', 'finding', { message: 'still broken' })]);
    const decision = decide(withOld, baseline, () => undefined, '2026-12-04');
    const text = renderSummary({ subject: 'mock', results: withOld, decision });
    assert.equal(decision.code, 1);
    assert.match(text, /## Stale baseline entries .*\n\n- `6749-4\.1\.2-code-single-use`: fixed long ago/);
    assert.match(text, /## Expired baseline entries\n\n- `6749-4\.1\.2-code-single-use` expired 2000-01-01, still fails: old/);
    assert.match(text, /## Known deviations \(1\)\n\n- A code works once/);
    assert.match(text, /\| 1 \| 1 \| 1 \| 1 \| 0 \| 5 \| 0 \|/, 'the expired entry fails anew; the one known apart');
  });

  it('a run in which every scenario was skipped judged nothing: exit 2, not conformant', () => {
    const skipped = resultsOf([scenario('One', 'skipped', { message: 'no such app' }), scenario('Two', 'skipped', { message: 'no such app' })]);
    const decision = decide(skipped, undefined, () => undefined);
    assert.deepEqual([decision.code, decision.words], [2, 'every selected scenario was skipped: nothing was judged (the summary says why)']);
  });

  it('is written to the reports, printed, and added to the CI step summary when the host offers one', () => {
    const folder = mkdtempSync(join(tmpdir(), 'summary-'));
    try {
      const stepSummary = join(folder, 'step-summary.md');
      writeFileSync(stepSummary, '# an earlier step\n');
      const printed: string[] = [];
      publishSummary('# Conformance of mock: conformant (exit 0)\n', join(folder, 'summary.md'), (line) => printed.push(line), { GITHUB_STEP_SUMMARY: stepSummary });
      assert.equal(readFileSync(join(folder, 'summary.md'), 'utf8'), '# Conformance of mock: conformant (exit 0)\n');
      assert.match(readFileSync(stepSummary, 'utf8'), /^# an earlier step\n# Conformance of mock/);
      assert.ok(printed.includes('# Conformance of mock: conformant (exit 0)'));
      publishSummary('# x\n', join(folder, 'summary.md'), (line) => printed.push(line), { GITHUB_STEP_SUMMARY: join(folder, 'no', 'such', 'dir.md') });
      assert.ok(printed.some((line) => line.startsWith('summary: cannot add to GITHUB_STEP_SUMMARY')));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('--shard', () => {
  it('reads i/n and refuses anything else with the reason', () => {
    assert.deepEqual(parseShard('2/3'), { index: 2, count: 3 });
    for (const [text, reason] of [['3', /must be i\/n/], ['0/3', /part must be from 1 to 3/], ['4/3', /part must be from 1 to 3/], ['1/0', /number of parts/], ['1/65', /number of parts/], ['a/b', /must be i\/n/]] as const) {
      const parsed = parseShard(text);
      assert.equal(typeof parsed, 'string', text);
      assert.match(parsed as string, reason);
    }
  });

  it('spreads browser scenarios first and keeps every scenario in one part, by file and line, not by input order', () => {
    const browser = (uri: string, line: number) => ({ uri, line, tags: ['@browser'] });
    const plain = (uri: string, line: number) => ({ uri, line, tags: [] });
    const scenarios = [plain('b.feature', 1), browser('a.feature', 9), plain('a.feature', 2), browser('a.feature', 3), plain('c.feature', 4)];
    const parts = assignShards(scenarios, 2);
    assert.deepEqual(parts, [2, 2, 1, 1, 1]);
    const reversed = assignShards([...scenarios].reverse(), 2).reverse();
    assert.deepEqual(reversed, parts);
  });
});
