/** The one-defect variants and the probe: each variant is a valid, distinct defect; the probe hears only what would change. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defectivePipeline, swap } from '../../mock-server/defect';
import { DEFECTS, findDefect } from '../../mock-server/defects';
import { type RunningMockServer, startMockServer } from '../../mock-server/index';
import { findRequirement } from '../../spec/requirements/catalog';
import { codeFor, expectOAuthError, passwordTokens, postForm, resourceStatus, tokenRequest } from './helpers';

describe('the one-defect variants', () => {
  it('are at least 25, with unique kebab-case ids and a summary each', () => {
    assert.ok(DEFECTS.length >= 25, `only ${DEFECTS.length}`);
    assert.equal(new Set(DEFECTS.map((d) => d.id)).size, DEFECTS.length);
    for (const defect of DEFECTS) {
      assert.match(defect.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(defect.summary.length > 10, defect.id);
    }
  });

  it('name only requirements of the catalog, each once', () => {
    for (const defect of DEFECTS) {
      assert.ok(defect.breaks.length > 0, `${defect.id} breaks nothing`);
      assert.equal(new Set(defect.breaks).size, defect.breaks.length, `${defect.id} names a requirement twice`);
      for (const id of defect.breaks) assert.ok(findRequirement(id) !== undefined, `${defect.id}: ${id} is not in the catalog`);
    }
  });

  it('change the pipeline or the replies, and every swap finds the rule it replaces', () => {
    for (const defect of DEFECTS) {
      assert.ok((defect.swaps?.length ?? 0) + Object.keys(defect.replies ?? {}).length > 0, `${defect.id} changes nothing`);
      assert.doesNotThrow(() => defectivePipeline(defect), defect.id);
    }
  });

  it('refuses a swap that names no rule of the pipeline', () => {
    const stray = { id: 'stray', summary: 'swaps a rule no table has', breaks: ['6749-4.1.3-code-bound-to-client'], swaps: [swap(() => undefined, () => undefined)] };
    assert.throws(() => defectivePipeline(stray), /names no rule/);
  });

  it('refuses an unknown id with the list of known ones, at lookup and at start-up', async () => {
    assert.throws(() => findDefect('no-such-defect'), /unknown defect "no-such-defect"; known: redirect-to-unregistered-uri/);
    await assert.rejects(startMockServer({ defect: 'no-such-defect' }), /unknown defect/);
  });

  it('takes no probe, which compares the reference with the defects', async () => {
    await assert.rejects(startMockServer({ defect: 'reusable-code', probe: () => undefined }), /takes none/);
  });
});

describe('a variant running', () => {
  let server: RunningMockServer;
  before(async () => {
    server = await startMockServer({ defect: 'code-not-bound-to-client' });
  });
  after(() => server.stop());

  it('has the defect it was started with, and only that', async () => {
    assert.equal(server.defect?.id, 'code-not-bound-to-client');
    const code = await codeFor(server, 'private-server-web');
    const other = server.registry.apps['private-desktop'];
    const stolen = await tokenRequest(server, other, [
      ['grant_type', 'authorization_code'],
      ['code', code],
      ['redirect_uri', server.registry.apps['private-server-web'].redirectUris[0]!],
    ]);
    assert.equal(stolen.status, 200, 'the defect lets another client redeem the code');
    const again = await tokenRequest(server, other, [['grant_type', 'authorization_code'], ['code', code]]);
    await expectOAuthError(again, 'invalid_grant', 'OAU-106');
  });
});

describe('the probe of the reference', () => {
  let server: RunningMockServer;
  const heard: string[] = [];
  before(async () => {
    server = await startMockServer({ probe: (id) => heard.push(id) });
  });
  after(() => server.stop());

  it('hears nothing from a password grant and a resource call that every variant answers alike', async () => {
    heard.length = 0;
    const tokens = await passwordTokens(server);
    assert.equal(await resourceStatus(server, tokens.access_token), 200);
    assert.ok(!heard.includes('reusable-code') && !heard.includes('revoked-access-token-accepted'), heard.join(', '));
  });

  it('hears the variants that would have answered a replayed code, and answers as the reference', async () => {
    const app = server.registry.apps['private-server-web'];
    const code = await codeFor(server, 'private-server-web');
    const redeem = [['grant_type', 'authorization_code'], ['code', code], ['redirect_uri', app.redirectUris[0]!]] as const;
    heard.length = 0;
    assert.equal((await tokenRequest(server, app, redeem)).status, 200);
    assert.ok(!heard.includes('reusable-code'), 'a first redemption is the same for every variant');
    heard.length = 0;
    await expectOAuthError(await tokenRequest(server, app, redeem), 'invalid_grant', 'OAU-106');
    assert.ok(heard.includes('reusable-code'), heard.join(', '));
    assert.ok(heard.includes('code-reuse-keeps-tokens'), heard.join(', '));
  });

  it('hears a variant that alters replies only where the alteration changes the answer', async () => {
    heard.length = 0;
    const app = server.registry.apps['private-desktop'];
    await postForm(server, '/restapi/oauth/token', [['grant_type', 'password'], ['username', 'x'], ['password', 'y']], {
      authorization: `Basic ${Buffer.from(`${app.clientId}:wrong`).toString('base64')}`,
    });
    assert.ok(heard.includes('invalid-client-400-without-challenge'), heard.join(', '));
    assert.ok(!heard.includes('token-response-cacheable'), 'an error answer is not a token response');
  });
});
