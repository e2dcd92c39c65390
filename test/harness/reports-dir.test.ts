import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { claimReportsDir } from '../../cli/reports-dir';
import { HarnessError } from '../../driver/errors';

describe('claimReportsDir', () => {
  it('refuses the kernel\'s file systems by name, where mkdir would hang instead of failing', () => {
    for (const path of ['/proc/x', '/sys/reports', '/proc']) {
      assert.throws(() => claimReportsDir(path), (error: unknown) => error instanceof HarnessError && /no place to write to/.test(error.message));
    }
  });

  it('replaces only the files it is told are its own', () => {
    const dir = mkdtempSync(join(tmpdir(), 'reports-own-'));
    writeFileSync(join(dir, 'mutation-report.md'), 'old');
    writeFileSync(join(dir, 'cucumber-report.html'), 'a conformance run');
    claimReportsDir(dir, ['mutation-report.md']).release();
    assert.equal(existsSync(join(dir, 'mutation-report.md')), false);
    assert.equal(readFileSync(join(dir, 'cucumber-report.html'), 'utf8'), 'a conformance run');
    rmSync(dir, { recursive: true });
  });

  const root = mkdtempSync(join(tmpdir(), 'reports-dir-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('removes the previous reports and nothing else', () => {
    const dir = join(root, 'shared');
    claimReportsDir(dir).release();
    writeFileSync(join(dir, 'junit.xml'), 'old');
    writeFileSync(join(dir, 'notes.txt'), 'keep me');
    const reports = claimReportsDir(dir);
    reports.release();
    assert.equal(existsSync(join(dir, 'junit.xml')), false);
    assert.equal(readFileSync(join(dir, 'notes.txt'), 'utf8'), 'keep me');
  });

  it('refuses a file with one line and leaves it alone', () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'content');
    assert.throws(() => claimReportsDir(file), (error: unknown) => error instanceof HarnessError && /a-file is not a folder$/.test(error.message));
    assert.equal(readFileSync(file, 'utf8'), 'content');
  });

  it('refuses a folder another live run holds, and takes over a lock left by a dead one', () => {
    const dir = join(root, 'locked');
    const first = claimReportsDir(dir);
    assert.throws(() => claimReportsDir(dir), (error: unknown) => error instanceof HarnessError && /another conformance run/.test(error.message));
    first.release();
    writeFileSync(join(dir, '.conformance.lock'), '999999999');
    claimReportsDir(dir).release();
  });

  it('says why a folder cannot be used instead of throwing a raw file-system error', () => {
    const file = join(root, 'plain');
    writeFileSync(file, '');
    assert.throws(() => claimReportsDir(join(file, 'below')), (error: unknown) => error instanceof HarnessError && /cannot write reports to .*ENOTDIR/.test(error.message));
  });
});
