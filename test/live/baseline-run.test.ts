import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = resolve(__dirname, '..', '..');
const SCENARIO = 'An unknown grant type is refused as unsupported';
const FOLDER = mkdtempSync(join(tmpdir(), 'conformance-baseline-'));

/** One scenario the mock's ringcentral mode fails (OAU-250 invalid_request) and its strict mode passes. */
function run(target: string, deviations: readonly object[]): { status: number | null; out: string } {
  const file = join(FOLDER, `baseline-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ target: 'ringcentral', deviations }));
  const result = spawnSync(
    process.execPath,
    [
      '--require', require.resolve('ts-node/register/transpile-only'), join(ROOT, 'cli', 'conformance.ts'),
      '--target', target, '--baseline', file, '--reports', join(FOLDER, 'reports'), '--name', `^${SCENARIO}$`,
      join(ROOT, 'features', 'rfc6749', 'token-endpoint.feature'),
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return { status: result.status, out: result.stdout + result.stderr };
}

const entry = (expires: string): object => ({
  requirement: '6749-5.2-unsupported-grant-type',
  reason: 'OAU-250 invalid_request for an unknown grant type',
  source: 'https://developers.ringcentral.com/guide/basics/errors',
  expires,
  scenarios: [SCENARIO],
});

describe('the runner judges a run against a baseline', () => {
  it('exits 0 when the only failure is a listed, unexpired deviation', () => {
    const { status, out } = run('mock:ringcentral', [entry('2999-12-31')]);
    assert.equal(status, 0, out);
    assert.match(out, /known deviation: 6749-5\.2-unsupported-grant-type/);
  });

  it('exits 1 on a failure the baseline does not list', () => {
    const { status, out } = run('mock:ringcentral', []);
    assert.equal(status, 1, out);
    assert.match(out, /not in it: 1 failed/);
  });

  it('exits 1 on an expired entry, whose failure counts as new again', () => {
    const { status, out } = run('mock:ringcentral', [entry('2020-01-01')]);
    assert.equal(status, 1, out);
    assert.match(out, /EXPIRED baseline entry 6749-5\.2-unsupported-grant-type/);
  });

  it('exits 1 on a stale entry: the target now keeps the rule', () => {
    const { status, out } = run('mock', [entry('2999-12-31')]);
    assert.equal(status, 1, out);
    assert.match(out, /STALE baseline entry 6749-5\.2-unsupported-grant-type/);
  });
});

describe('a baseline entry that can never match', () => {
  it('stops the run with exit 2 when it names a scenario the suite does not have', () => {
    const { status, out } = run('mock:ringcentral', [{ ...entry('2999-12-31'), scenarios: [`${SCENARIO}d`] }]);
    assert.equal(status, 2, out);
    assert.match(out, /deviations\[0\]\.scenarios: no scenario of the suite is named/);
  });
});
