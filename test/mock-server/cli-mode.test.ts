import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runCommandLine } from '../../mock-server/cli';
import { parseCliOptions, UsageError } from '../../mock-server/cli-options';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, output: { out: (text: string) => out.push(text), err: (text: string) => err.push(text) } };
}

describe('npm run mock: --mode and --auth-rate', () => {
  test('--mode names a mode, --auth-rate requests per window with a unit', () => {
    assert.deepEqual(parseCliOptions(['--mode', 'ringcentral']), { help: false, mode: 'ringcentral' });
    assert.deepEqual(parseCliOptions(['--mode=strict']), { help: false, mode: 'strict' });
    assert.deepEqual(parseCliOptions(['--auth-rate', '5/60s']), { help: false, authRateLimit: { requests: 5, windowMs: 60_000 } });
    assert.deepEqual(parseCliOptions(['--auth-rate=10/500ms']), { help: false, authRateLimit: { requests: 10, windowMs: 500 } });
    assert.deepEqual(parseCliOptions(['--auth-rate', '5/1m']), { help: false, authRateLimit: { requests: 5, windowMs: 60_000 } });
    assert.deepEqual(parseCliOptions(['--auth-rate', '3/1.5s']), { help: false, authRateLimit: { requests: 3, windowMs: 1500 } });
  });

  test('bad values are usage errors', () => {
    for (const args of [
      ['--mode'],
      ['--mode', 'lenient'],
      ['--auth-rate'],
      ['--auth-rate', '5'],
      ['--auth-rate', '5/60'],
      ['--auth-rate', '0/60s'],
      ['--auth-rate', '5/0s'],
      ['--auth-rate', '-5/60s'],
      ['--auth-rate', '5/60h'],
      ['--auth-rate', 'five/60s'],
    ]) {
      assert.throws(() => parseCliOptions(args), UsageError, args.join(' '));
    }
  });

  test('a bad value prints one line and means exit code 2', async () => {
    const mode = capture();
    assert.equal(await runCommandLine(['--mode', 'lenient'], mode.output), 2);
    assert.deepEqual(mode.err, ['mock: --mode must be strict or ringcentral, not lenient (try --help)']);
    const rate = capture();
    assert.equal(await runCommandLine(['--auth-rate', '5/60'], rate.output), 2);
    assert.deepEqual(rate.err, ['mock: --auth-rate must be requests per window with a unit, e.g. 5/60s, 10/500ms or 5/1m, not 5/60 (try --help)']);
  });

  test('--help names both options', async () => {
    const help = capture();
    assert.equal(await runCommandLine(['--help'], help.output), 0);
    assert.match(help.out.join('\n'), /--mode M\s+strict .* or ringcentral/);
    assert.match(help.out.join('\n'), /--auth-rate R/);
  });

  test('the banner prints the mode, the rate limit and each user\'s JWT credential', async () => {
    const started = capture();
    const server = await runCommandLine(['--mode', 'ringcentral', '--auth-rate', '5/1s'], started.output);
    assert.ok(typeof server !== 'number');
    try {
      const banner = started.out.join('\n');
      assert.match(banner, /^Mode: ringcentral \(RingCentral's documented and observed behaviour\)$/m);
      assert.match(banner, /^Rate limit: 5 requests per 1 s on token and revoke \(group auth\)$/m);
      const user = server.registry.users[0]!;
      assert.match(banner, new RegExp(`^JWT credential of \\${user.username} \\(grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer\\):\\n${user.jwt}$`, 'm'));
      assert.deepEqual(server.targetProfile().rateLimits[0]?.windowSeconds, 1);
    } finally {
      await server.stop();
    }
  });

  test('the default banner: strict mode, no rate limit', async () => {
    const started = capture();
    const server = await runCommandLine([], started.output);
    assert.ok(typeof server !== 'number');
    try {
      const banner = started.out.join('\n');
      assert.match(banner, /^Mode: strict \(the RFCs' reference\)$/m);
      assert.match(banner, /^Rate limit: none$/m);
      assert.ok(banner.includes(server.registry.users[0]!.jwt));
    } finally {
      await server.stop();
    }
  });

  test('ringcentral mode without --auth-rate has the Auth group of the platform', async () => {
    const started = capture();
    const server = await runCommandLine(['--mode=ringcentral'], started.output);
    assert.ok(typeof server !== 'number');
    try {
      assert.match(started.out.join('\n'), /^Rate limit: 5 requests per 60 s on token and revoke \(group auth\)$/m);
    } finally {
      await server.stop();
    }
  });
});
