/** RFC 6749 §3.3: a scope is a space-delimited list of case-sensitive strings. */
export function parseScope(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  return [...new Set(text.split(' ').filter((item) => item !== ''))];
}

export function formatScope(scope: readonly string[]): string {
  return scope.join(' ');
}

/** The requested entries that the ceiling does not contain. */
export function beyond(requested: readonly string[], ceiling: readonly string[]): string[] {
  return requested.filter((item) => !ceiling.includes(item));
}
