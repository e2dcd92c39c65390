/**
 * The reports folder of one run. The runner writes only its own report files there and removes only
 * those: the folder may be shared with other files, and it must never lose them. A lock file keeps two
 * runs from writing the same reports at once.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HarnessError } from '../driver/errors';

export const REPORT_FILES = {
  html: 'cucumber-report.html',
  junit: 'junit.xml',
  messages: 'messages.ndjson',
  coverageHtml: 'coverage.html',
  coverageMarkdown: 'coverage.md',
  summary: 'summary.md',
  run: 'run.json',
} as const;

const LOCK_FILE = '.conformance.lock';

export interface ReportsDir {
  readonly path: string;
  file(name: keyof typeof REPORT_FILES): string;
  release(): void;
}

/**
 * Creates the folder if needed, takes the lock and removes the previous run's reports (the given files, by
 * default the conformance reports), so none can be mistaken for this run's.
 */
export function claimReportsDir(path: string, ownFiles: readonly string[] = Object.values(REPORT_FILES)): ReportsDir {
  try {
    refuseKernelFolder(path, '--reports');
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory() === false) {
      throw new HarnessError(`--reports ${path} is not a folder`);
    }
    mkdirSync(path, { recursive: true });
    takeLock(path);
    for (const name of ownFiles) rmSync(join(path, name), { force: true });
  } catch (error) {
    if (error instanceof HarnessError) throw error;
    throw new HarnessError(`cannot write reports to ${path}: ${describeFsError(error)}`);
  }
  return {
    path,
    file: (name) => join(path, REPORT_FILES[name]),
    release: () => rmSync(join(path, LOCK_FILE), { force: true }),
  };
}

/**
 * The kernel's own file systems are no place for reports or fixtures, and Node's mkdir can hang on them (/proc) instead of
 * failing; refused by name, before anything touches them.
 */
export function refuseKernelFolder(path: string, option: string): void {
  if (/^\/(proc|sys)(\/|$)/.test(resolve(path))) throw new HarnessError(`${option} ${path}: the kernel's own file systems are no place to write to; name another folder`);
}

function takeLock(dir: string): void {
  const lock = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (error) {
      if (!isCode(error, 'EEXIST')) throw error;
      const holder = Number(readFileSync(lock, 'utf8').trim());
      if (isRunning(holder)) {
        throw new HarnessError(`another conformance run (pid ${holder}) is writing to ${dir}; wait for it or pass --reports <another folder>`);
      }
      rmSync(lock, { force: true }); // left behind by a run that was killed
    }
  }
  throw new HarnessError(`could not lock ${dir} for this run`);
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isCode(error, 'EPERM');
  }
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}

function describeFsError(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) return String(error.code);
  return error instanceof Error ? error.message : String(error);
}
