// Applying TextEdits to a plain string: used by tests of fixes and by the CLI's --fix.
import { comparePositions, type TextEdit } from './finding';
import { SourceText } from './sourceText';

/**
 * Whether two edits claim some of the same text. Edits that only touch do not: an insertion at the start or
 * end of a replaced span, or two insertions at one place. Callers that combine edits (fix all) use this same
 * test, so every set they build is one `applyEdits` accepts.
 */
export function editsOverlap(a: TextEdit, b: TextEdit): boolean {
  return comparePositions(a.range.start, b.range.end) < 0 && comparePositions(b.range.start, a.range.end) < 0;
}

/**
 * Applies edits that all refer to positions in the original `text` (as LSP edits do), in the order editors
 * use: by start, an insertion before a replacement that starts at the same place, then in the given order.
 * Overlapping edits are a bug in the caller.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const source = new SourceText(text);
  const ordered = edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => comparePositions(a.edit.range.start, b.edit.range.start) || comparePositions(a.edit.range.end, b.edit.range.end) || a.index - b.index);
  let out = '';
  let cursor = 0;
  let previous: TextEdit | undefined;
  for (const { edit } of ordered) {
    const start = source.offsetAt(edit.range.start);
    const end = source.offsetAt(edit.range.end);
    if (previous && editsOverlap(previous, edit)) throw new Error(`Overlapping edits at ${edit.range.start.line}:${edit.range.start.character}`);
    if (end < start) throw new Error(`Edit ends before it starts at ${edit.range.start.line}:${edit.range.start.character}`);
    out += text.slice(cursor, start) + edit.newText;
    cursor = end;
    previous = edit;
  }
  return out + text.slice(cursor);
}
