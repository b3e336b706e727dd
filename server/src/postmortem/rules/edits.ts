// Building fix edits that fit the document they land in.
import type { Fix, Position, TextEdit } from '../../finding';
import type { PostmortemModel } from '../model';
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

/**
 * Whether `edit` writes inside an HTML block or cuts one: markdown-it ends the block at an inserted blank
 * line, and reads the lines left out of it as Markdown ('```' becomes an open fence). Editing around a block
 * is safe: inserting at its first line's start, or removing it whole.
 */
function editsHtmlBlock(model: PostmortemModel, source: SourceText, edit: TextEdit): boolean {
  const start = source.offsetAt(edit.range.start);
  const end = source.offsetAt(edit.range.end);
  return model.htmlBlocks.some((block) => {
    const first = source.lineStarts[block.line];
    const last = source.lineEnd(block.endLine);
    if (start === end) return start > first && start <= last;
    const whole = start <= first && end >= last && edit.newText === '';
    return start < last && end > first && !whole;
  });
}

/** The fixes none of whose edits land inside or cut an HTML block. */
export function fixesAroundHtml(model: PostmortemModel, source: SourceText, fixes: Fix[]): Fix[] {
  if (model.htmlBlocks.length === 0) return fixes;
  return fixes.filter((fix) => !fix.edits.some((edit) => editsHtmlBlock(model, source, edit)));
}

/** `line` if no HTML block holds it past its first line, else the line after the block (`after`) or its first. */
export function lineOutsideHtml(model: PostmortemModel, line: number, after: boolean): number {
  const block = model.htmlBlocks.find((b) => line > b.line && line <= b.endLine);
  return block ? (after ? block.endLine + 1 : block.line) : line;
}
