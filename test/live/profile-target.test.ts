/**
 * Any OAuth 2.0 server, described by a profile file: the example profile of the oauth2-mock-server library,
 * pointed by its variables at a copy of the library this test starts on loopback, runs through the
 * conformance command like any user's server would, and its violations come out as findings.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OAuth2Server } from 'oauth2-mock-server';

const ROOT = resolve(__dirname, '..', '..');
const PROFILE = join(ROOT, 'targets', 'oauth2-mock-server', 'profile.json');

function conformance(args: readonly string[], env: Record<string, string>): Promise<{ status: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--require', require.resolve('ts-node/register/transpile-only'), join(ROOT, 'cli', 'conformance.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (status) => done({ status, output }));
  });
}

describe('a server described by a profile file', () => {
  const server = new OAuth2Server();
  let env: Record<string, string>;
  before(async () => {
    await server.issuer.keys.generate('RS256');
    await server.start(0, '127.0.0.1');
    env = {
      OAUTH2_MOCK_SERVER_URL: `http://127.0.0.1:${server.address().port}`,
      OAUTH2_MOCK_SERVER_CLIENT_SECRET: 'a-web-app-secret',
      OAUTH2_MOCK_SERVER_DESKTOP_CLIENT_SECRET: 'a-desktop-app-secret',
      OAUTH2_MOCK_SERVER_MOBILE_CLIENT_SECRET: 'a-mobile-app-secret',
      OAUTH2_MOCK_SERVER_PASSWORD: 'a-password',
    };
  });
  after(() => server.stop());

  it('is judged through its profile: the stock library revokes nothing, so it is non-conformant (exit 1)', async () => {
    const reports = mkdtempSync(join(tmpdir(), 'conformance-profile-reports-'));
    const run = await conformance([
      '--target', PROFILE, '--reports', reports, '--tags', 'not @browser and not @ringcentral', join(ROOT, 'features', 'rfc7009', 'token-revocation.feature'),
    ], env);
    assert.equal(run.status, 1, run.output);
    assert.match(run.output, new RegExp(`Target: oauth2-mock-server at ${env['OAUTH2_MOCK_SERVER_URL']}`));
    assert.match(run.output, /FAIL .*A revoked refresh token no longer works/);
    assert.match(run.output, /Verdict: non-conformant \(exit 1\)/);
    const junit = readFileSync(join(reports, 'junit.xml'), 'utf8');
    assert.match(junit, /<failure/);
    for (const secret of Object.values(env).slice(1)) assert.ok(!junit.includes(secret), 'a secret reached the JUnit report');
  });

  it('names the variable a profile lacks, in one line, and judges nothing (exit 2)', async () => {
    const run = await conformance(['--target', PROFILE, join(ROOT, 'features', 'rfc7009')], { ...env, OAUTH2_MOCK_SERVER_URL: 'not a url' });
    assert.equal(run.status, 2, run.output);
    assert.match(run.output, /baseUrl/);
    assert.doesNotMatch(run.output, /\n\s+at /, 'a stack trace');
  });
});
