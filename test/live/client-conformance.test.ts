import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { runClientConformance } from '../../cli/client-conformance';
import { runConformance } from '../../cli/conformance';
import { LAPSES, type Lapse } from '../../driver/clients/reference-client';

/**
 * The client checks against real clients: the careless client with one lapse at a time must be caught by
 * the requirement the lapse breaks, RingCentral's SDK is judged (its deviations named), a module of one's
 * own loads as an adapter, and the server suite runs through a client with the other scenarios skipped.
 * Every run is the real command in-process: embedded mock, real HTTP over loopback, real browser.
 */
interface Run {
  readonly code: number;
  readonly output: string;
}

describe('client conformance', () => {
  const folder = mkdtempSync(join(tmpdir(), 'client-conformance-'));
  let runs = 0;
  after(() => rmSync(folder, { recursive: true, force: true }));

  async function run(command: typeof runConformance, argv: readonly string[]): Promise<Run> {
    const lines: string[] = [];
    runs += 1;
    const code = await command(['--reports', join(folder, `run-${runs}`), ...argv], (line) => lines.push(line));
    return { code, output: lines.join('\n') };
  }

  for (const [lapse, { breaks }] of Object.entries(LAPSES) as [Lapse, (typeof LAPSES)[Lapse]][]) {
    it(`the careless client that ${LAPSES[lapse].does} is caught by ${breaks}`, async () => {
      const { code, output } = await run(runClientConformance, ['--client', `careless:${lapse}`, '--tags', `@req:${breaks}`]);
      assert.match(output, new RegExp(`^ {7}at "[^"]+": ${breaks.replace(/\./g, '\\.')} \\(`, 'm'), output);
      assert.notEqual(code, 2, output);
    });
  }

  it("judges RingCentral's SDK: it sends no state and does not check it, which its baseline names", async () => {
    const tags = ['--tags', '@req:6749-10.12-client-sends-state or @req:6749-10.12-client-csrf-protection or @req:rc-public-client-sends-pkce'];
    const judged = await run(runClientConformance, ['--client', 'ringcentral-sdk', ...tags]);
    assert.equal(judged.code, 1, judged.output);
    assert.match(judged.output, /: 6749-10\.12-client-sends-state \(RFC 6749 §10\.12\)/);
    assert.match(judged.output, /: 6749-10\.12-client-csrf-protection \(RFC 6749 §10\.12\): .*redeemed the planted code/);
    assert.match(judged.output, /^ok .*S256 PKCE challenge/m);
    const known = await run(runClientConformance, ['--client', 'ringcentral-sdk', '--baseline', 'clients/ringcentral-sdk/baseline.json', ...tags]);
    assert.equal(known.code, 0, known.output);
    assert.match(known.output, /2 known deviations/);
  });

  it('loads an adapter module of your own, and says plainly what is wrong with one that is not', async () => {
    const own = join(folder, 'own-adapter.ts');
    const reference = resolve('driver/clients/reference-client');
    writeFileSync(own, `const { ReferenceClient } = require(${JSON.stringify(reference)});\nexports.createClientAdapter = (context) => new ReferenceClient(context, 'mine', []);\n`);
    const ok = await run(runClientConformance, ['--client', own, '--tags', '@req:6750-2.1-client-prefers-header']);
    assert.equal(ok.code, 0, ok.output);
    assert.match(ok.output, /Client under test: .*own-adapter\.ts/);
    const empty = join(folder, 'empty-adapter.ts');
    writeFileSync(empty, 'exports.nothing = 1;\n');
    await assert.rejects(run(runClientConformance, ['--client', empty]), /exports no function createClientAdapter/);
    const partial = join(folder, 'partial-adapter.ts');
    writeFileSync(partial, "exports.createClientAdapter = () => ({ name: 'partial', description: 'half done', cannot: {}, passwordGrant: async () => undefined });\n");
    await assert.rejects(run(runClientConformance, ['--client', partial]), /has no jwtGrant, redeemCode, beginLogin, finishLogin, refresh, logout, callApi, elapse/);
    const throwing = join(folder, 'throwing-adapter.ts');
    writeFileSync(throwing, "exports.createClientAdapter = () => { throw new Error('no licence key'); };\n");
    await assert.rejects(run(runClientConformance, ['--client', throwing]), /createClientAdapter\(context\) threw: no licence key/);
    await assert.rejects(run(runClientConformance, ['--client', join(folder, 'missing.ts')]), /no such module/);
    await assert.rejects(run(runClientConformance, ['--client', 'careless:nope']), /unknown lapse nope/);
    await assert.rejects(run(runClientConformance, ['--client', 'careless:no-pkce,']), /with none empty/);
    const unauthenticated = join(folder, 'unauthenticated-adapter.ts');
    writeFileSync(
      unauthenticated,
      `const { ReferenceClient } = require(${JSON.stringify(reference)});\n` +
        "exports.createClientAdapter = (context) => { const client = new ReferenceClient(context, 'no-auth', []); client.authenticated = function (app, form, path) { return { url: new URL(path, context.target.baseUrl).toString(), headers: {} }; }; return client; };\n",
    );
    const caught = await run(runClientConformance, ['--client', unauthenticated, '--name', 'authenticates with HTTP Basic']);
    assert.equal(caught.code, 1, caught.output);
    assert.match(caught.output, /: 6749-4\.3\.2-client-authenticates \(RFC 6749 §4\.3\.2\): .*carried no Authorization header/);
  });

  it("refuses a target that records no requests, and a baseline of another client, before any scenario runs", async () => {
    await assert.rejects(run(runClientConformance, ['--target', 'oauth2-mock-server']), /records no requests, so the client suite cannot see what the client sends/);
    await assert.rejects(run(runClientConformance, ['--baseline', 'clients/ringcentral-sdk/baseline.json']), /lists the deviations of ringcentral-sdk, not of the client under test \(reference\)/);
    await assert.rejects(run(runConformance, ['client-features']), /judge a client: name one with --client/);
  });

  it('runs the server scenarios a client can express through it and skips the others with the reason', async () => {
    const { code, output } = await run(runConformance, ['--client', 'ringcentral-sdk', '--name', "^The right password yields|^A token request by GET issues no token$|^A JWT credential yields", 'features/rfc6749', 'features/ringcentral']);
    assert.equal(code, 0, output);
    assert.match(output, /^ok .*The right password yields a bearer token/m);
    assert.match(output, /^ok .*A JWT credential yields a bearer token/m);
    assert.match(output, /^skip .*by GET issues no token[^\n]*\n {7}at "the app requests a token with the user's password by GET": the ringcentral-sdk client cannot take this step/m);
    assert.match(output, /^Client under test: ringcentral-sdk \(@ringcentral\/sdk [\d.]+/m);
  });
});
