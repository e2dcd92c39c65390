import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Envelope } from '@cucumber/messages';
import { runConformance } from '../../cli/conformance';
import { runMergeReports } from '../../cli/merge-reports';
import { RunResults } from '../../cli/run-results';
import { assignShards, BROWSER_WEIGHT, weightOf } from '../../cli/shard';
import { planScenarios } from '../../cli/suite-run';

/**
 * Sharding against the real runner: n parts of a selection run exactly the scenarios of one run of it, and
 * merging their reports gives the single run's verdicts, counts and exit code, with a baseline too.
 */
describe('shards and merged reports', () => {
  const folder = mkdtempSync(join(tmpdir(), 'conformance-shards-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  async function run(command: typeof runConformance, argv: readonly string[]): Promise<{ code: number; output: string }> {
    const lines: string[] = [];
    const code = await command(argv, (line) => lines.push(line));
    return { code, output: lines.join('\n') };
  }

  function verdicts(reports: string): { byScenario: Map<string, string>; counts: string } {
    const results = new RunResults(() => undefined);
    for (const line of readFileSync(join(reports, 'messages.ndjson'), 'utf8').split('\n')) if (line.trim() !== '') results.onMessage(JSON.parse(line) as Envelope);
    const byScenario = new Map(results.scenarios.map((s) => [`${s.uri} :: ${s.name} :: ${s.tags.join(' ')}`, `${s.verdict}/${s.level}`]));
    const counts = ['passed', 'skipped', 'harness', 'undefined'].map((v) => results.count(v as never)).join(',') + ';' + ['blocking', 'warning', 'informational'].map((l) => results.findings(l as never)).join(',');
    return { byScenario, counts };
  }

  it('puts every scenario of the whole suite in exactly one part, the same one each time, and balances the parts', async () => {
    const scenarios = await planScenarios({ cucumberPaths: ['features/**/*.feature'] });
    assert.ok(scenarios.length > 100);
    for (const count of [1, 2, 3, 5, 8]) {
      const parts = assignShards(scenarios, count);
      assert.deepEqual(assignShards(scenarios, count), parts, 'the same parts on a second call');
      assert.ok(parts.every((part) => part >= 1 && part <= count));
      const loads = Array.from({ length: count }, (_, index) => scenarios.filter((_, at) => parts[at] === index + 1).reduce((sum, s) => sum + weightOf(s), 0));
      assert.ok(Math.max(...loads) - Math.min(...loads) <= BROWSER_WEIGHT, `loads ${loads.join(', ')} for ${count} parts`);
    }
  });

  for (const [label, target, tags, expected] of [
    ['a failing target', 'mock:defect:password-accepts-any-password', 'not @browser', 1],
    ['a target judged against its baseline', 'mock:ringcentral', '@rfc6750 and not @browser', 0],
  ] as const) {
    it(`3 parts of a run against ${label} merge into the verdicts, counts and exit code of one run`, async () => {
      const common = ['--target', target, '--tags', tags];
      const single = await run(runConformance, [...common, '--reports', join(folder, `${label}-single`)]);
      assert.equal(single.code, expected, single.output);
      const parts = [1, 2, 3].map((index) => join(folder, `${label}-part-${index}`));
      const ran: number[] = [];
      for (const [index, reports] of parts.entries()) {
        const part = await run(runConformance, [...common, '--shard', `${index + 1}/3`, '--reports', reports]);
        ran.push(verdicts(reports).byScenario.size);
        assert.notEqual(part.code, 2, part.output);
      }
      const merged = await run(runMergeReports, ['--reports', join(folder, `${label}-merged`), ...parts]);
      assert.equal(merged.code, single.code, merged.output);
      const one = verdicts(join(folder, `${label}-single`));
      const all = verdicts(join(folder, `${label}-merged`));
      assert.equal(ran.reduce((sum, n) => sum + n, 0), one.byScenario.size, 'the parts together ran as many scenarios as the single run');
      assert.deepEqual([...all.byScenario].sort(), [...one.byScenario].sort());
      assert.equal(all.counts, one.counts);
      assert.equal(merged.output.split('\n').at(-1)?.replace(/\(exit \d\)/, ''), single.output.split('\n').at(-1)?.replace(/\(exit \d\)/, ''));
      const junit = readFileSync(join(folder, `${label}-merged`, 'junit.xml'), 'utf8');
      assert.equal((junit.match(/<testcase /g) ?? []).length, one.byScenario.size);
      assert.match(readFileSync(join(folder, `${label}-merged`, 'summary.md'), 'utf8'), /^# Conformance of .*3 shards merged: /);
    });
  }

  it('refuses parts that are missing, doubled or from different runs, with the reason', async () => {
    const part = (name: string, index: number, tags: string) => run(runConformance, ['--tags', tags, '--shard', `${index}/2`, '--reports', join(folder, name)]);
    await part('revocation-1', 1, '@rfc7009 and not @browser');
    await part('revocation-2', 2, '@rfc7009 and not @browser');
    await part('pkce-2', 2, '@rfc7636 and not @browser');
    const merge = (...folders: string[]) => run(runMergeReports, ['--reports', join(folder, 'odd-merged'), ...folders.map((f) => join(folder, f))]);
    await assert.rejects(merge('revocation-1'), /part 2\/2 is missing/);
    await assert.rejects(merge('revocation-1', 'revocation-1', 'revocation-2'), /part 1\/2 is given twice/);
    await assert.rejects(merge('revocation-1', 'pkce-2'), /parts of different runs: selection/);
    await assert.rejects(merge('revocation-1', 'revocation-2').then(() => run(runMergeReports, ['--reports', join(folder, 'revocation-1'), join(folder, 'revocation-1'), join(folder, 'revocation-2')])), /a folder of its own/);
    assert.ok(existsSync(join(folder, 'revocation-1', 'run.json')), 'a refused merge leaves the parts alone');
    // A part cut short: its record says it finished, but a scenario's messages are gone.
    cpSync(join(folder, 'revocation-2'), join(folder, 'revocation-2-cut'), { recursive: true });
    const messages = join(folder, 'revocation-2-cut', 'messages.ndjson');
    const lines = readFileSync(messages, 'utf8').split('\n');
    writeFileSync(messages, lines.filter((line) => !line.startsWith('{"testCaseFinished"') || lines.indexOf(line) !== lines.findIndex((l) => l.startsWith('{"testCaseFinished"'))).join('\n'));
    await assert.rejects(merge('revocation-1', 'revocation-2-cut'), /did not run the scenarios its part holds.*1 missing/);
    // A part that leaked a secret into its reports: the merged verdict cannot be judged either.
    cpSync(join(folder, 'revocation-2'), join(folder, 'revocation-2-leaked'), { recursive: true });
    const record = join(folder, 'revocation-2-leaked', 'run.json');
    const parsed = JSON.parse(readFileSync(record, 'utf8')) as { outcome: { leaks: number } };
    writeFileSync(record, JSON.stringify({ ...parsed, outcome: { ...parsed.outcome, code: 2, leaks: 3 } }));
    const leaked = await merge('revocation-1', 'revocation-2-leaked');
    assert.equal(leaked.code, 2, leaked.output);
    assert.match(leaked.output, /Verdict: secrets leaked into the reports of part 2/);
    await assert.rejects(run(runMergeReports, [join(folder, 'nowhere')]), /no such reports folder/);
    await assert.rejects(run(runConformance, ['--shard', '4/3']), /--shard: the part must be from 1 to 3, not 4/);
    await assert.rejects(run(runConformance, ['--tags', '@rc-code-lives-a-minute and not @browser', '--shard', '1/2']), /too few for 2 parts/);
  });
});
