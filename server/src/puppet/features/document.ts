// One Puppet text parsed once for the editor features: hover, completion, symbols, definition and
// folding all read it. The features take either such a document or the bare text.
import type { Range } from '../../finding';
import { firstPassing } from '../../sortedSearch';
import { SourceText } from '../../sourceText';
import { forEachChild, type Node, type Program } from '../ast';
import { parsePuppet, type ParseResult } from '../parser';
import type { PuppetSyntaxError } from '../syntaxError';
import type { Token, Trivia } from '../tokens';

export interface PuppetDocument {
  text: string;
  source: SourceText;
  program: Program;
  /** The main token stream, ending with 'eof'. */
  tokens: readonly Token[];
  /** Comments, in source order. */
  comments: readonly Trivia[];
  errors: readonly PuppetSyntaxError[];
}

/** A Puppet text, or one already parsed (the language server keeps one per open file or fence). */
export type PuppetInput = string | PuppetDocument;

/**
 * `parsed` and `source` may come from a parse done elsewhere (the language service parses each text
 * once); a parse with whitespace trivia is fine, only its comments are kept.
 */
export function puppetDocument(text: string, parsed: ParseResult = parsePuppet(text), source = new SourceText(text)): PuppetDocument {
  return {
    text,
    source,
    program: parsed.ast,
    tokens: parsed.tokens,
    comments: parsed.trivia.filter((t) => t.kind === 'lineComment' || t.kind === 'blockComment'),
    errors: parsed.errors,
  };
}

export function asDocument(input: PuppetInput): PuppetDocument {
  return typeof input === 'string' ? puppetDocument(input) : input;
}

export interface Span {
  start: number;
  end: number;
}

export function rangeOf(doc: PuppetDocument, span: Span): Range {
  return { start: doc.source.positionAt(span.start), end: doc.source.positionAt(span.end) };
}

export function textOf(doc: PuppetDocument, span: Span): string {
  return doc.text.slice(span.start, span.end);
}

/**
 * The nodes containing `offset`, outermost first; an offset just past a node's end still counts,
 * so the word before the cursor is found. A heredoc's text lies on the lines after its tag, outside
 * the heredoc node, and is searched too.
 */
export function nodePath(doc: PuppetDocument, offset: number): Node[] {
  const path: Node[] = [doc.program];
  const holds = (node: Node) => node.start <= offset && offset <= node.end;
  for (;;) {
    const parent = path[path.length - 1];
    let inside: Node | undefined;
    forEachChild(parent, (child) => {
      // A later child starting exactly at the offset wins over one ending there.
      if (holds(child) || (child.type === 'Heredoc' && holds(child.text))) inside = child;
    });
    if (!inside) return path;
    path.push(inside);
  }
}

/** Index of the last token that starts before `offset` (-1 when none). */
export function tokenIndexBefore(tokens: readonly Token[], offset: number): number {
  return firstPassing(tokens, (token) => token.start >= offset) - 1;
}
