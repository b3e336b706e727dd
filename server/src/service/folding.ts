// Folding ranges: every section (title to its last non-blank line) and every code fence.
import { comparePositions } from '../finding';
import type { PostmortemModel, Section } from '../postmortem/model';
import type { SourceText } from '../sourceText';

export interface Fold {
  startLine: number;
  /** Inclusive. */
  endLine: number;
}

export function folds(model: PostmortemModel, source: SourceText): Fold[] {
  const result: Fold[] = [];
  for (const section of model.sections) {
    if (!hasBody(section)) continue;
    // Trailing blank lines stay visible, so folded sections keep their spacing.
    let end = Math.min(section.bodyRange.end.line, source.lineCount - 1);
    while (end > section.range.end.line && source.line(end).trim() === '') end--;
    if (end > section.range.start.line) result.push({ startLine: section.range.start.line, endLine: end });
  }
  for (const fence of model.fences) {
    const { start, end } = fence.range;
    // A range ending at column 0 stops before that line.
    const endLine = end.character === 0 && end.line > start.line ? end.line - 1 : end.line;
    if (endLine > start.line) result.push({ startLine: start.line, endLine });
  }
  return result.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

/** A section whose next section starts right after its title has an empty body range. */
export function hasBody(section: Section): boolean {
  return comparePositions(section.bodyRange.start, section.bodyRange.end) < 0;
}
