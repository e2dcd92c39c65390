/**
 * Cucumber's JUnit formatter reports every failed scenario as a <failure>. In JUnit a failure is a
 * failed check and an error is trouble running the test, which is exactly the line between a finding
 * and "could not judge": scenarios that failed for any reason but a ConformanceFailure become <error>.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { FINDING_EXCEPTION_TYPES } from '../driver/errors';

const FAILURE_ELEMENT = /<failure( type="([^"]*)")?([^>]*?)(\/>|>([\s\S]*?)<\/failure>)/g;

export function separateHarnessErrors(xml: string): string {
  const rewritten = xml.replace(FAILURE_ELEMENT, (element: string, typeAttribute: string | undefined, type: string | undefined, rest: string, end: string, body: string | undefined) => {
    if (type !== undefined && FINDING_EXCEPTION_TYPES.includes(type)) return element;
    return end === '/>' ? `<error${typeAttribute ?? ''}${rest}/>` : `<error${typeAttribute ?? ''}${rest}>${body ?? ''}</error>`;
  });
  const failures = count(rewritten, /<failure[\s/>]/g);
  const errors = count(rewritten, /<error[\s/>]/g);
  return rewritten.replace(/(<testsuite\b[^>]*?) failures="\d+" errors="\d+"/, `$1 failures="${failures}" errors="${errors}"`);
}

export function rewriteJUnitFile(path: string): void {
  writeFileSync(path, separateHarnessErrors(readFileSync(path, 'utf8')));
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}
