import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runConformance } from '../../cli/conformance';
import { type RunningMockServer, startMockServer } from '../../mock-server';

/**
 * The runner against a server described by a profile file, here the mock started by the test so that the
 * test can look inside afterwards: a scenario whose last step fails must leave no session open.
 */
describe('clean-up at the end of every scenario', () => {
  let mock: RunningMockServer;
  const folder = mkdtempSync(join(tmpdir(), 'conformance-cleanup-'));

  before(async () => {
    mock = await startMockServer();
    const own = mock.targetProfile();
    const app = own.apps['private-desktop'];
    const [user] = Object.values(own.users);
    assert.ok(app?.clientSecret !== undefined && user?.password !== undefined);
    process.env['CLEANUP_TEST_CLIENT_ID'] = app.clientId;
    process.env['CLEANUP_TEST_CLIENT_SECRET'] = app.clientSecret;
    process.env['CLEANUP_TEST_USERNAME'] = user.username;
    process.env['CLEANUP_TEST_PASSWORD'] = user.password;
    const profile = {
      name: 'cleanup-test',
      baseUrl: own.baseUrl,
      paths: own.paths,
      capabilities: ['password-grant'],
      apps: { 'private-desktop': { clientId: { env: 'CLEANUP_TEST_CLIENT_ID' }, clientSecret: { env: 'CLEANUP_TEST_CLIENT_SECRET' }, redirectUris: app.redirectUris } },
      users: { main: { username: { env: 'CLEANUP_TEST_USERNAME' }, password: { env: 'CLEANUP_TEST_PASSWORD' } } },
      loginPage: own.loginPage,
    };
    writeFileSync(join(folder, 'profile.json'), JSON.stringify(profile));
    writeFileSync(
      join(folder, 'failing.feature'),
      [
        'Feature: A scenario that fails once it holds tokens',
        '  @req:6749-6-validate-refresh-token',
        '  Scenario: The last step fails after a refresh',
        '    Given an app holding tokens',
        '    When the app refreshes its access token',
        '    Then the token request fails with invalid_grant',
        '',
      ].join('\n'),
    );
  });

  after(async () => {
    await mock.stop();
  });

  it('revokes every token the scenario obtained, though its last step failed', async () => {
    const lines: string[] = [];
    const code = await runConformance(
      ['--target', join(folder, 'profile.json'), '--reports', join(folder, 'reports'), join(folder, 'failing.feature')],
      (line) => lines.push(line),
    );
    assert.equal(code, 1, lines.join('\n'));
    assert.ok(lines.some((line) => line.startsWith('FAIL')), lines.join('\n'));
    assert.equal(mock.openSessions(), 0, 'a session was left open');
  });
});
