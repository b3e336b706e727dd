// Folding ranges of Puppet code: brackets that span lines, heredocs, block comments and runs of
// line comments. Read from the tokens, so half-typed code folds too.
import type { Token, TokenKind } from '../tokens';
import { asDocument, type PuppetDocument, type PuppetInput } from './document';

export interface PuppetFold {
  startLine: number;
  /** Inclusive. */
  endLine: number;
  kind?: 'comment';
}

const closerOf: Partial<Record<TokenKind, TokenKind>> = { '{': '}', '[': ']', '(': ')' };

export function puppetFolds(input: PuppetInput): PuppetFold[] {
  const doc = asDocument(input);
  const line = (offset: number) => doc.source.positionAt(offset).line;
  // The editor keeps one fold per start line: the widest.
  const folds = new Map<number, PuppetFold>();
  const add = (fold: PuppetFold) => {
    if (fold.endLine <= fold.startLine) return;
    const known = folds.get(fold.startLine);
    if (!known || known.endLine < fold.endLine) folds.set(fold.startLine, fold);
  };
  const open: Token[] = [];
  for (const token of doc.tokens) {
    if (closerOf[token.kind]) open.push(token);
    else if (token.kind === '}' || token.kind === ']' || token.kind === ')') {
      const at = open.findLastIndex((o) => closerOf[o.kind] === token.kind);
      if (at < 0) continue;
      // The closing line stays visible.
      add({ startLine: line(open[at].start), endLine: line(token.start) - 1 });
      open.length = at;
    }
    if (token.heredoc?.terminated) add({ startLine: line(token.start), endLine: line(token.heredoc.endLineEnd) });
  }
  commentFolds(doc, line).forEach(add);
  return [...folds.values()].sort((a, b) => a.startLine - b.startLine);
}

/** Block comments over several lines, and runs of two or more lines holding only a `#` comment. */
function commentFolds(doc: PuppetDocument, line: (offset: number) => number): PuppetFold[] {
  const folds: PuppetFold[] = [];
  let run: PuppetFold | undefined;
  for (const comment of doc.comments) {
    const start = line(comment.start);
    if (comment.kind === 'blockComment') {
      folds.push({ startLine: start, endLine: line(comment.end), kind: 'comment' });
      continue;
    }
    if (comment.kind !== 'lineComment') continue;
    const ownLine = doc.text.slice(doc.source.lineStarts[start], comment.start).trim() === '';
    if (!ownLine) continue;
    if (run && run.endLine === start - 1) run.endLine = start;
    else {
      run = { startLine: start, endLine: start, kind: 'comment' };
      folds.push(run);
    }
  }
  return folds;
}
