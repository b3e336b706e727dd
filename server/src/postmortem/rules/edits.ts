// Building fix edits that fit the document they land in.
import type { Position, TextEdit } from '../../finding';
import type { SourceText } from '../../sourceText';

/** The document's own line break, so inserted lines match the rest. */
export function lineBreak(source: SourceText): string {
  return source.text.includes('\r\n') ? '\r\n' : '\n';
}

/** Inserts `text` at `at`, replacing nothing. */
export function insertAt(at: Position, text: string): TextEdit {
  return { range: { start: at, end: at }, newText: text };
}

/** Inserts `block` (whole lines) before line `line` (or at the end of the document), with a blank line before and after. */
export function insertBlockAt(source: SourceText, line: number, block: string): TextEdit {
  const nl = lineBreak(source);
  if (line >= source.lineCount) {
    const trailingBreaks = (/\s*$/.exec(source.text)?.[0].match(/\n/g) ?? []).length;
    const lead = source.text.trim() === '' ? '' : nl.repeat(Math.max(0, 2 - trailingBreaks));
    return insertAt(source.positionAt(source.text.length), lead + block);
  }
  const before = line > 0 && source.line(line - 1).trim() !== '' ? nl : '';
  const after = source.line(line).trim() !== '' ? nl : '';
  return insertAt({ line, character: 0 }, before + block + after);
}

/** Whether `offset` falls between two letters or two digits, where an edit would split a word ('PM|一'). */
export function insideWord(source: SourceText, offset: number): boolean {
  // Two code units each side: enough for one code point, surrogate pairs included.
  const before = source.text.slice(Math.max(0, offset - 2), offset);
  const after = source.text.slice(offset, offset + 2);
  return (/[\p{L}\p{M}]$/u.test(before) && /^[\p{L}\p{M}]/u.test(after)) || (/\p{N}$/u.test(before) && /^\p{N}/u.test(after));
}
