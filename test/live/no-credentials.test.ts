import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = resolve(__dirname, '..', '..');

describe('--target ringcentral without credentials', () => {
  it('exits 2 with one line naming the variables to set', () => {
    // A scratch working folder, so that a developer's own .env does not count.
    const cwd = mkdtempSync(join(tmpdir(), 'conformance-nocreds-'));
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('RINGCENTRAL_')));
    const run = spawnSync(process.execPath, ['--require', require.resolve('ts-node/register/transpile-only'), join(ROOT, 'cli', 'conformance.ts'), '--target', 'ringcentral', join(ROOT, 'features')], {
      cwd,
      env: { ...env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
      encoding: 'utf8',
    });
    assert.equal(run.status, 2, run.stdout + run.stderr);
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines.length, 1, run.stderr);
    assert.match(lines[0] ?? '', /^conformance: target ringcentral has no app and no user credentials: set RINGCENTRAL_PUBLIC_BROWSER_BASED_CLIENT_ID, .*RINGCENTRAL_PRIVATE_SERVER_ONLY_CLIENT_SECRET, .*RINGCENTRAL_USERNAME \(see \.env\.example and the README\)$/);
  });
});
