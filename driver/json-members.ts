/**
 * What JSON.parse hides: a member named twice in one object, of which it silently keeps the last. RFC 6749
 * §3.2 and §5.1 allow each response parameter once, so the check needs the raw text.
 */

/** Names that one JSON object of the text (at any depth) holds twice. The text must already parse as JSON. */
export function repeatedMembers(text: string): string[] {
  const repeated = new Set<string>();
  let at = 0;
  const skipSpace = (): void => {
    while (/\s/.test(text[at] ?? '')) at += 1;
  };
  const readString = (): string => {
    const start = at;
    at += 1;
    while (at < text.length && text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    at += 1;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const readValue = (): void => {
    skipSpace();
    const char = text[at];
    if (char === '{') {
      const names = new Set<string>();
      at += 1;
      skipSpace();
      while (at < text.length && text[at] !== '}') {
        const name = readString();
        if (names.has(name)) repeated.add(name);
        names.add(name);
        skipSpace();
        at += 1; // the colon
        readValue();
        skipSpace();
        if (text[at] === ',') at += 1;
        skipSpace();
      }
      at += 1;
    } else if (char === '[') {
      at += 1;
      skipSpace();
      while (at < text.length && text[at] !== ']') {
        readValue();
        skipSpace();
        if (text[at] === ',') at += 1;
        skipSpace();
      }
      at += 1;
    } else if (char === '"') {
      readString();
    } else {
      while (at < text.length && !/[\s,}\]]/.test(text[at] ?? '')) at += 1;
    }
  };
  // The caller has already seen the text parse as JSON, so the scan needs no error handling of its own.
  readValue();
  return [...repeated];
}
