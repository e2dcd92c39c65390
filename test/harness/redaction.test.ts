import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderExchange } from '../../driver/exchange';
import { ConformanceFailure, HarnessError } from '../../driver/errors';
import { Redactor } from '../../driver/redaction';
import { runRedactor } from '../../driver/run-secrets';

describe('Redactor', () => {
  it('hides learnt values in every spelling a transcript can use', () => {
    const redactor = new Redactor();
    redactor.remember('s3cret/value+with space', 'secret');
    const text = redactor.redact('raw s3cret/value+with space, url s3cret%2Fvalue%2Bwith%20space, form s3cret%2Fvalue%2Bwith+space');
    assert.equal(text.includes('s3cret'), false);
    assert.equal(text.split('[REDACTED]').length, 4);
  });

  it('labels tokens with a fingerprint so two tokens can be told apart', () => {
    const redactor = new Redactor();
    redactor.remember('token-aaaaaaaa', 'token');
    redactor.remember('token-bbbbbbbb', 'token');
    const text = redactor.redact('token-aaaaaaaa token-bbbbbbbb token-aaaaaaaa');
    const labels = text.match(/#[0-9a-f]{8}/g) ?? [];
    assert.equal(labels.length, 3);
    assert.equal(labels[0], labels[2]);
    assert.notEqual(labels[0], labels[1]);
  });

  it('hides a secret whole even when another secret is part of it', () => {
    const redactor = new Redactor();
    redactor.remember('abcd', 'secret');
    redactor.remember('abcdefgh', 'token');
    assert.match(redactor.redact('x abcdefgh y'), /^x \[REDACTED token #[0-9a-f]{8}\] y$/);
  });

  it('learns the secret inside a Basic header and the token of a Bearer header', () => {
    const redactor = new Redactor();
    redactor.rememberAuthorization(`Basic ${Buffer.from('client-id:the-client-secret').toString('base64')}`);
    redactor.rememberAuthorization('Bearer the-bearer-token');
    assert.ok(redactor.values().includes('the-client-secret'));
    assert.ok(redactor.values().includes('the-bearer-token'));
  });
});

describe('renderExchange', () => {
  it('shows no secret from a token exchange, in either direction', () => {
    const redactor = new Redactor();
    const secrets = ['client-secret-1234', 'user-password-5678', 'access-token-abcdef', 'refresh-token-ghijkl', 'code-mnopqr'];
    const [clientSecret, password, accessToken, refreshToken, code] = secrets;
    const transcript = renderExchange(
      {
        title: 'token request',
        request: {
          method: 'POST',
          url: `http://127.0.0.1:1/restapi/oauth/token?code=${code}`,
          headers: {
            authorization: `Basic ${Buffer.from(`app:${clientSecret}`).toString('base64')}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({ grant_type: 'password', username: 'alice', password: password ?? '' }).toString(),
        },
        response: {
          status: 200,
          headers: { 'content-type': 'application/json', location: `http://127.0.0.1:2/cb?code=${code}` },
          body: JSON.stringify({ access_token: accessToken, refresh_token: refreshToken, token_type: 'bearer' }),
        },
        durationMs: 3,
      },
      redactor,
    );
    for (const secret of secrets) assert.equal(transcript.includes(secret), false, `${secret} leaked`);
    assert.match(transcript, /username=alice/);
    assert.match(transcript, /HTTP 200/);
  });

  it('records a request that got no answer', () => {
    const transcript = renderExchange(
      { title: 'revocation', request: { method: 'POST', url: 'http://127.0.0.1:9/revoke', headers: {} }, failure: 'could not connect (ECONNREFUSED)', durationMs: 1 },
      new Redactor(),
    );
    assert.match(transcript, /NO RESPONSE after 1 ms: could not connect \(ECONNREFUSED\)/);
  });
});

describe('redaction at the edges', () => {
  it('hides a token that a long body would cut in two', () => {
    const redactor = new Redactor();
    const token = `tok-${'x'.repeat(40)}`;
    // The padding puts the token across the 4000-character cut of the pretty-printed body.
    const body = JSON.stringify({ padding: 'p'.repeat(3955), access_token: token, token_type: 'bearer' });
    const printed = JSON.stringify(JSON.parse(body), null, 2);
    assert.ok(printed.indexOf(token) < 4000 && printed.indexOf(token) + token.length > 4000);
    const transcript = renderExchange(
      {
        title: 'token request',
        request: { method: 'POST', url: 'http://127.0.0.1:1/token', headers: {} },
        response: { status: 200, headers: { 'content-type': 'application/json' }, body },
        durationMs: 1,
      },
      redactor,
    );
    assert.equal(transcript.includes('tok-'), false);
    assert.match(transcript, /more characters\]/);
  });

  it('keeps known secrets out of the messages of findings and harness errors', () => {
    runRedactor.remember('leaky-token-value-123', 'token');
    const finding = new ConformanceFailure('RFC 6750 §3', 'a Bearer challenge', 'it was "Negotiate leaky-token-value-123"');
    const harness = new HarnessError('the server answered leaky-token-value-123');
    for (const text of [finding.message, finding.actual, finding.stack ?? '', harness.message]) {
      assert.equal(text.includes('leaky-token-value-123'), false, text);
    }
  });
});
