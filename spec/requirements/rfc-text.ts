/**
 * Reads an RFC's plain text (as published by the RFC Editor) into its numbered sections and finds every
 * sentence that carries a BCP 14 keyword (MUST, SHOULD, MAY, ...). The catalog's completeness check maps
 * each such sentence to a requirement; this file only reads, it knows nothing of the catalog.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const RFC_NUMBERS = ['6749', '6750', '7009'] as const;
export type BundledRfc = (typeof RFC_NUMBERS)[number];

/** Longest first, so that "MUST NOT" is not read as "MUST". */
export const BCP14_KEYWORDS = [
  'MUST NOT',
  'MUST',
  'REQUIRED',
  'SHALL NOT',
  'SHALL',
  'SHOULD NOT',
  'SHOULD',
  'NOT RECOMMENDED',
  'RECOMMENDED',
  'MAY',
  'OPTIONAL',
] as const;
export type Bcp14Keyword = (typeof BCP14_KEYWORDS)[number];

const KEYWORD_PATTERN = new RegExp(`\\b(${BCP14_KEYWORDS.join('|')})\\b`, 'g');

export interface KeywordSentence {
  readonly rfc: BundledRfc;
  /** "4.1.2.1", or "A" for an appendix. */
  readonly section: string;
  /** 1-based position among the keyword sentences of its section: the stable address of a sentence. */
  readonly ordinal: number;
  readonly keywords: readonly Bcp14Keyword[];
  readonly text: string;
}

/** The address a catalog entry uses for a sentence, e.g. "6749:4.1.2:3". */
export function sentenceRef(sentence: Pick<KeywordSentence, 'rfc' | 'section' | 'ordinal'>): string {
  return `${sentence.rfc}:${sentence.section}:${sentence.ordinal}`;
}

export interface RfcSection {
  readonly number: string;
  readonly title: string;
  /** Paragraphs with their lines joined; a definition's term and its text form one paragraph. */
  readonly paragraphs: readonly string[];
}

export const RFC_TEXT_DIR = join(__dirname, '..', 'rfc');

export function readRfc(rfc: BundledRfc, dir: string = RFC_TEXT_DIR): RfcSection[] {
  return parseSections(readFileSync(join(dir, `rfc${rfc}.txt`), 'utf8'));
}

const PAGE_FOOTER = /\[Page \d+\]\s*$/;
const PAGE_HEADER = /^RFC \d{4} {2,}.* \d{4}\s*$/;
const HEADING = /^(\d+(?:\.\d+)*)\.? {1,}(\S.*)$|^Appendix ([A-Z])\. {1,}(\S.*)$/;
/** Front matter and back matter carry no requirements. */
const UNNUMBERED_END = /^(Authors?'? Address(es)?|Acknowledgements)\s*$/;

export function parseSections(text: string): RfcSection[] {
  const lines = withoutPageBreaks(text.replace(/\f/g, '\n').split(/\r?\n/));
  // The body starts at the first heading at the left margin; the table of contents is indented.
  const start = lines.findIndex((line) => /^1\. {1,}\S/.test(line));
  if (start < 0) throw new Error('no section 1 found: not an RFC in plain-text form');

  const sections: { number: string; title: string; lines: string[] }[] = [];
  for (const line of lines.slice(start)) {
    if (UNNUMBERED_END.test(line)) break;
    const heading = HEADING.exec(line);
    if (heading !== null) {
      sections.push({ number: heading[1] ?? heading[3] ?? '', title: (heading[2] ?? heading[4] ?? '').trim(), lines: [] });
    } else {
      sections.at(-1)?.lines.push(line);
    }
  }
  return sections.map(({ number, title, lines: body }) => ({ number, title, paragraphs: paragraphsOf(body) }));
}

/**
 * Drops page footers and headers. The blank lines around a break are padding, not a paragraph end, when
 * the text before it stops in the middle of a sentence: then the two halves are joined.
 */
function withoutPageBreaks(lines: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (PAGE_HEADER.test(line)) continue;
    if (!PAGE_FOOTER.test(line)) {
      kept.push(line);
      continue;
    }
    let last = kept.length - 1;
    while (last >= 0 && (kept[last] ?? '').trim() === '') last -= 1;
    if (last >= 0 && !/[.:;]["')]?\s*$/.test(kept[last] ?? '')) {
      kept.length = last + 1;
      // Skip the blank lines and the header that open the next page.
      while (i + 1 < lines.length && ((lines[i + 1] ?? '').trim() === '' || PAGE_HEADER.test(lines[i + 1] ?? ''))) i += 1;
    }
  }
  return kept;
}

function paragraphsOf(lines: readonly string[]): string[] {
  const paragraphs: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') {
      if (current !== '') paragraphs.push(current);
      current = '';
    } else if (current === '') {
      current = line;
    } else {
      // RFCs end a sentence with two spaces; a line break after a full stop keeps that mark.
      current += /[.!?]["')]?$/.test(current) ? `  ${line}` : ` ${line}`;
    }
  }
  if (current !== '') paragraphs.push(current);
  return paragraphs;
}

export function sentencesOf(paragraph: string): string[] {
  return paragraph
    .split(/(?<=[.!?:;]["')]?) {2,}/)
    .map((sentence) => sentence.replace(/\s+/g, ' ').trim())
    .filter((sentence) => sentence !== '');
}

export function keywordsIn(sentence: string): Bcp14Keyword[] {
  const found = new Set<Bcp14Keyword>();
  for (const match of sentence.matchAll(KEYWORD_PATTERN)) found.add(match[1] as Bcp14Keyword);
  return [...found];
}

export function keywordSentences(rfc: BundledRfc, dir: string = RFC_TEXT_DIR): KeywordSentence[] {
  const result: KeywordSentence[] = [];
  for (const section of readRfc(rfc, dir)) {
    let ordinal = 0;
    for (const paragraph of section.paragraphs) {
      for (const text of sentencesOf(paragraph)) {
        const keywords = keywordsIn(text);
        if (keywords.length === 0) continue;
        ordinal += 1;
        result.push({ rfc, section: section.number, ordinal, keywords, text });
      }
    }
  }
  return result;
}

/** Error responses define these parameters in the same list as the codes. */
const RESPONSE_PARAMETERS = new Set(['error_description', 'error_uri']);

/**
 * The error codes a section defines, from its definition list: a line holding only a lower-case code,
 * indented as a term, followed by its indented description.
 */
export function definedErrorCodes(rfc: BundledRfc, sectionNumber: string, dir: string = RFC_TEXT_DIR): string[] {
  const section = readRfc(rfc, dir).find((s) => s.number === sectionNumber);
  if (section === undefined) throw new Error(`RFC ${rfc} has no section ${sectionNumber}`);
  const codes: string[] = [];
  for (const paragraph of section.paragraphs) {
    const term = /^([a-z]+(?:_[a-z]+)+):? +[A-Z]/.exec(paragraph);
    if (term?.[1] !== undefined && !RESPONSE_PARAMETERS.has(term[1])) codes.push(term[1]);
  }
  return codes;
}
