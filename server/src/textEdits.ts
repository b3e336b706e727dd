// Applying TextEdits to a plain string: used by tests of fixes and by the CLI's --fix.
import { comparePositions, type TextEdit } from './finding';
import { SourceText } from './sourceText';

/**
 * Applies edits that all refer to positions in the original `text` (as LSP edits do).
 * Edits at the same position are applied in the given order; overlapping edits are a bug in the caller.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const source = new SourceText(text);
  const ordered = edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => comparePositions(a.edit.range.start, b.edit.range.start) || a.index - b.index);
  let out = '';
  let cursor = 0;
  for (const { edit } of ordered) {
    const start = source.offsetAt(edit.range.start);
    const end = source.offsetAt(edit.range.end);
    if (start < cursor) throw new Error(`Overlapping edits at ${edit.range.start.line}:${edit.range.start.character}`);
    if (end < start) throw new Error(`Edit ends before it starts at ${edit.range.start.line}:${edit.range.start.character}`);
    out += text.slice(cursor, start) + edit.newText;
    cursor = end;
  }
  return out + text.slice(cursor);
}
