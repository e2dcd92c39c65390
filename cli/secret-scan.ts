/** Looks through every written report for the values of secrets used in the run. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Leak {
  readonly file: string;
  /** How many distinct secret values the file contains; the values themselves are never printed. */
  readonly count: number;
}

/** Values shorter than this are too likely to occur by chance to count as a leak. */
const MIN_SCANNED_LENGTH = 8;

export function scanForSecrets(dir: string, secrets: Iterable<string>): Leak[] {
  const needles = [...new Set(secrets)].filter((value) => value.length >= MIN_SCANNED_LENGTH);
  const leaks: Leak[] = [];
  for (const file of listFiles(dir)) {
    const text = readFileSync(file, 'latin1');
    const count = needles.filter((value) => spellings(value).some((form) => text.includes(form))).length;
    if (count > 0) leaks.push({ file, count });
  }
  return leaks;
}

function spellings(value: string): string[] {
  const latin1 = Buffer.from(value, 'utf8').toString('latin1');
  return [latin1, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)];
}

function listFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(path);
    return entry.isFile() ? [path] : [];
  });
}
