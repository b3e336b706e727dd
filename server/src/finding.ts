// Plain types shared by every analysis (postmortem, markdownlint, puppet).
// Only server/src/lsp and the CLI translate them to protocol or output formats.

/** 0-based line, and character in UTF-16 code units (as JS strings and LSP count). */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Preferred fixes are the ones an editor applies on "fix all". */
  preferred?: boolean;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type FindingSource = 'postmortem' | 'markdownlint' | 'puppet';

export interface RelatedInfo {
  range: Range;
  message: string;
}

/** A finding has this one shape everywhere: LSP, CLI formatters, markdownlint adapter. */
export interface Finding {
  range: Range;
  severity: Severity;
  source: FindingSource;
  rule: string;
  message: string;
  fixes: Fix[];
  related?: RelatedInfo[];
}

export function range(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}
