import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { scanForSecrets } from '../../cli/secret-scan';

describe('scanForSecrets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'secret-scan-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('names every file that contains a secret, raw or encoded, in nested folders too', () => {
    mkdirSync(join(dir, 'nested'));
    writeFileSync(join(dir, 'clean.html'), '<p>[REDACTED]</p>');
    writeFileSync(join(dir, 'raw.ndjson'), '{"body":"password=hunter2-hunter2"}');
    writeFileSync(join(dir, 'nested', 'encoded.xml'), '<x>token%2Fwith%2Fslashes</x>');
    const leaks = scanForSecrets(dir, ['hunter2-hunter2', 'token/with/slashes', 'absent-value-123']);
    assert.deepEqual(leaks.map((leak) => leak.file).sort(), [join(dir, 'nested', 'encoded.xml'), join(dir, 'raw.ndjson')]);
  });

  it('ignores values too short to be told from ordinary text', () => {
    writeFileSync(join(dir, 'short.txt'), 'id 101');
    assert.deepEqual(scanForSecrets(dir, ['101']), []);
  });

  it('finds nothing in a folder that does not exist', () => {
    assert.deepEqual(scanForSecrets(join(dir, 'missing'), ['hunter2-hunter2']), []);
  });
});
