import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConformanceArgs, UsageError } from '../../cli/args';

describe('parseConformanceArgs', () => {
  it('defaults to the embedded mock, the reports folder and a 10 s timeout', () => {
    const options = parseConformanceArgs([]);
    assert.equal(options.target, 'mock');
    assert.equal(options.reportsDir, 'reports');
    assert.equal(options.timeoutMs, 10_000);
    assert.deepEqual(options.paths, ['features/**/*.feature']);
  });

  it('takes a one-defect variant of the mock and the stock library as targets', () => {
    assert.equal(parseConformanceArgs(['--target', 'mock:defect:reusable-code']).target, 'mock:defect:reusable-code');
    assert.equal(parseConformanceArgs(['--target', 'oauth2-mock-server']).target, 'oauth2-mock-server');
  });

  it('takes tags, a name filter and feature paths', () => {
    const options = parseConformanceArgs(['--tags', '@rfc6750 and not @browser', '--name', 'expired', 'features/rfc6750']);
    assert.equal(options.tags, '@rfc6750 and not @browser');
    assert.equal(options.name, 'expired');
    assert.deepEqual(options.paths, ['features/rfc6750']);
  });

  it('takes a client under test, and a command built on the runner brings its own defaults', () => {
    assert.equal(parseConformanceArgs(['--client', 'ringcentral-sdk']).client, 'ringcentral-sdk');
    assert.equal(parseConformanceArgs(['--client', 'careless:no-pkce,no-state']).client, 'careless:no-pkce,no-state');
    assert.equal(parseConformanceArgs([]).client, undefined);
    const client = parseConformanceArgs([], { paths: ['client-features'], reportsDir: 'reports/client', client: 'reference' });
    assert.deepEqual([client.paths, client.reportsDir, client.client], [['client-features'], 'reports/client', 'reference']);
  });

  for (const [argv, pattern] of [
    [['--bogus'], /bogus/],
    [['--client', 'okhttp'], /--client: unknown client "okhttp" \(available: reference, ringcentral-sdk/],
    [['--client', 'careless:no-pkce,tidy'], /--client: unknown lapse tidy \(known: secret-in-query/],
    [['--client', 'adapters/missing.ts'], /--client: no such module: adapters\/missing\.ts/],
    [['--target', 'nowhere'], /unknown target "nowhere"/],
    [['--target', 'mock:defect:nowhere'], /unknown defect "nowhere" \(npm run selftest -- --help lists the \d+ variants\)/],
    [['--timeout', '0'], /--timeout/],
    [['--timeout', 'soon'], /--timeout/],
    [['--timeout', '1e4'], /--timeout/],
    [['--timeout', '0x10'], /--timeout/],
    [['--timeout', '99999999999'], /--timeout/],
    [['--timeout', '-5'], /-5|--timeout/],
    [['--tags', '@rfc6750 and'], /--tags: .*could not be parsed/],
    [['features/no-such.feature'], /no such feature file or folder: features\/no-such\.feature/],
    [['--name', '(unclosed'], /--name/],
    [['--reports', ' '], /--reports/],
  ] as const) {
    it(`refuses ${argv.join(' ')} with a one-line reason`, () => {
      assert.throws(() => parseConformanceArgs(argv), (error: unknown) => {
        assert.ok(error instanceof UsageError);
        assert.match(error.message, pattern);
        assert.equal(error.message.includes('\n'), false);
        return true;
      });
    });
  }
});
