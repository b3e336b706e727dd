// A ```puppet fence as a Puppet document of its own: the code as markdown-it gives it, and an exact map
// between positions in that virtual document and positions in the Markdown file.
//
// Code lines correspond one to one (virtual line n is Markdown line `firstLine + n`), but a fence in a list
// item or blockquote has its container's prefix removed from each line, and a line shorter than the fence's
// indent (a blank line) loses less. So the map is per line: the number of Markdown characters before the
// virtual line's first one. A tab that markdown-it expands only partly into spaces makes a line inexact:
// its positions are still mapped (for diagnostics), but no edit may touch it.
import type { Fix, Position, Range, TextEdit } from '../finding';
import type { CodeFence, PostmortemModel } from '../postmortem/model';
import { SourceText } from '../sourceText';

/** Info-string languages we check as Puppet. */
const puppetLanguages: ReadonlySet<string> = new Set(['puppet', 'pp']);

export function isPuppetFence(fence: CodeFence): boolean {
  return puppetLanguages.has(fence.lang);
}

interface LineMap {
  /**
   * Markdown characters before the virtual line's first character. Negative when markdown-it expanded
   * a tab into more spaces than it stood for: the line's tails still line up.
   */
  shift: number;
  /** False when the virtual line is not the Markdown line's tail (a partly expanded tab). */
  exact: boolean;
}

export class EmbeddedPuppet {
  /** The code, as Puppet sees it: markdown-it's content, with `\n` line breaks. */
  readonly source: SourceText;
  /** Markdown line of the virtual document's first line. */
  readonly firstLine: number;
  private readonly lines: LineMap[];
  /** The Markdown's line break, for fix text (markdown-it normalises the content to `\n`). */
  private readonly lineBreak: string;
  /** What a new line inside the fence starts with: the container's indentation and `>` markers. */
  private readonly continuation: string;

  constructor(
    readonly fence: CodeFence,
    markdown: SourceText,
  ) {
    this.source = new SourceText(fence.content);
    this.firstLine = fence.range.start.line + 1;
    // Content ending in a line break has an empty last virtual line: the one the closing marker is on.
    const codeLines = fence.content.endsWith('\n') ? this.source.lineCount - 1 : this.source.lineCount;
    this.lines = [];
    for (let n = 0; n < codeLines; n++) {
      const written = markdown.line(this.firstLine + n);
      const code = this.source.line(n);
      this.lines.push({ shift: written.length - code.length, exact: written.endsWith(code) });
    }
    const afterFirst = markdown.lineStarts[this.firstLine] ?? markdown.text.length;
    this.lineBreak = markdown.text.slice(afterFirst - 2, afterFirst) === '\r\n' ? '\r\n' : '\n';
    const opening = markdown.line(fence.range.start.line);
    this.continuation = opening.slice(0, Math.max(0, opening.indexOf(fence.marker))).replace(/[^>\s]/g, ' ');
  }

  /** Number of Markdown lines holding code. */
  get lineCount(): number {
    return this.lines.length;
  }

  /** The Markdown position of a virtual one. Past the last code line, the end of the last code line. */
  markdownPositionAt(virtual: Position): Position {
    if (this.lines.length === 0) return { ...this.fence.contentRange.start };
    const clamped = this.source.positionAt(this.source.offsetAt(virtual));
    if (clamped.line >= this.lines.length) {
      const last = this.lines.length - 1;
      return { line: this.firstLine + last, character: this.lines[last].shift + this.source.line(last).length };
    }
    return { line: this.firstLine + clamped.line, character: Math.max(0, this.lines[clamped.line].shift + clamped.character) };
  }

  markdownRange(virtual: Range): Range {
    return { start: this.markdownPositionAt(virtual.start), end: this.markdownPositionAt(virtual.end) };
  }

  /**
   * The virtual position of a Markdown one on a code line, or undefined outside the code. A position in
   * the container's indentation is taken as the start of the code line.
   */
  virtualPositionAt(markdown: Position): Position | undefined {
    const line = markdown.line - this.firstLine;
    if (line < 0 || line >= this.lines.length) return undefined;
    const character = Math.min(Math.max(0, markdown.character - this.lines[line].shift), this.source.line(line).length);
    return { line, character };
  }

  /** True when the Markdown position is on one of the fence's code lines. */
  contains(markdown: Position): boolean {
    return markdown.line >= this.firstLine && markdown.line < this.firstLine + this.lines.length;
  }

  /**
   * A fix of the virtual document as a fix of the Markdown, or undefined when it cannot be made exactly
   * inside the fence: every edit must start and end on code lines that map exactly, and new lines (and
   * text on blank ones) get the container's prefix so the code stays in its list item or blockquote.
   */
  markdownFix(fix: Fix): Fix | undefined {
    const edits: TextEdit[] = [];
    for (const edit of fix.edits) {
      if (!this.editable(edit.range)) return undefined;
      const range = this.markdownRange(edit.range);
      let newText = edit.newText.replace(/\r?\n/g, this.lineBreak + this.continuation);
      if (this.bareBlankLine(edit.range.start.line)) {
        // Text written on it would fall out of the list item or blockquote: write the whole prefix first.
        range.start.character = 0;
        newText = this.continuation + newText;
      }
      edits.push({ range, newText });
    }
    return { ...fix, edits };
  }

  /** A blank code line written with less than the container's prefix (`>` alone, or nothing in a list item). */
  private bareBlankLine(line: number): boolean {
    return this.source.line(line) === '' && this.lines[line].shift < this.continuation.length;
  }

  private editable(range: Range): boolean {
    const start = this.source.positionAt(this.source.offsetAt(range.start));
    const end = this.source.positionAt(this.source.offsetAt(range.end));
    if (end.line >= this.lines.length) return false;
    for (let line = start.line; line <= end.line; line++) if (!this.lines[line].exact) return false;
    return true;
  }
}

/** The Puppet fences of a postmortem, in document order. */
export function embeddedPuppet(model: PostmortemModel, markdown: SourceText): EmbeddedPuppet[] {
  return model.fences.filter(isPuppetFence).map((fence) => new EmbeddedPuppet(fence, markdown));
}

/** The fence whose code lines hold a Markdown position: where hover, completion and definition apply. */
export function fenceAt(fences: readonly EmbeddedPuppet[], markdown: Position): EmbeddedPuppet | undefined {
  return fences.find((f) => f.contains(markdown));
}
