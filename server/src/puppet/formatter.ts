// The Puppet formatter: indentation and arrow alignment, changing nothing but whitespace.
//
// Indentation follows the brackets: the lines inside a `{ }`, `[ ]` or `( )` that spans lines go
// one level deeper than the line that opened it, and several brackets opened on one line
// (`foo({`) open one level together. A line continuing an expression (after `=`, `=>`, `and`, or
// starting with `.`, `?`) goes one level deeper too, except around the relationship arrows `->`
// and `~>`, which Puppet's style guide writes at the statement's level. Arrows are aligned per
// resource body and hash the way puppet-lint's arrow_alignment check expects (arrowAlignment.ts).
// The text of strings, heredocs and comments is never touched, nor are lines that start inside
// one. Trailing blanks are removed.
//
// Only code that parses is formatted: on broken code the brackets cannot be trusted. The layout is
// computed from tokens alone, so formatting formatted code changes nothing. Before returning, the
// result is lexed again and compared with the input token by token; a difference would be a bug
// here, and then no edit is made.
import type { Range, TextEdit } from '../finding';
import { SourceText } from '../sourceText';
import { arrowGroups, expectedArrowColumn, type Arrow, type ArrowLayout } from './arrowAlignment';
import { walk, type Program } from './ast';
import { tokenIndexBefore } from './features/document';
import { lexPuppet } from './lexer';
import { parsePuppet, type ParseResult } from './parser';
import type { PuppetIssueCode } from './syntaxError';
import type { Token, TokenKind, Trivia } from './tokens';

export interface PuppetFormatOptions {
  /** Spaces per nesting level; Puppet's style is 2. */
  indent?: number;
  /** Format only the lines this range overlaps; a range ending at character 0 stops before that line. */
  range?: Range;
}

/** The parser's checks on statement lists: the code is whole, so it can be laid out. */
const layoutSafeCodes: ReadonlySet<PuppetIssueCode> = new Set<PuppetIssueCode>([
  'IDEM_EXPRESSION_NOT_LAST',
  'IDEM_NOT_ALLOWED_LAST',
  'RESOURCE_WITHOUT_TITLE',
]);

/** Edits that format `text`, or none when it has syntax errors. */
export function formatPuppet(text: string, options: PuppetFormatOptions = {}): TextEdit[] {
  const result = format(text, options.indent ?? 2);
  if (!result) return [];
  const edits = whitespaceEdits(result.before, result.after);
  const range = options.range;
  if (!range) return edits;
  const lastLine = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  return edits.filter((e) => e.range.start.line >= range.start.line && e.range.start.line <= lastLine);
}

/** The whole text formatted, or undefined when it has syntax errors. */
export function formattedPuppet(text: string, indent = 2): string | undefined {
  return format(text, indent)?.after.text;
}

/** A text's code as the formatter compares it: tokens and comments in source order. */
interface Code {
  text: string;
  tokens: readonly Token[];
  comments: readonly Trivia[];
  /** Tokens and comments merged in source order. */
  items: ReadonlyArray<Item>;
}

interface Item {
  start: number;
  end: number;
  /** Absent for a comment. */
  token?: Token;
}

function format(text: string, indent: number): { before: Code; after: Code } | undefined {
  if (!Number.isInteger(indent) || indent < 1) throw new RangeError(`indent must be a whole number of spaces, got ${indent}`);
  const parsed = parsePuppet(text, { whitespace: true });
  if (parsed.errors.some((e) => !layoutSafeCodes.has(e.code))) return undefined;
  const broken = breakSharedArrowLines(text, parsed);
  const formatted = layOut(broken === text ? parsed : parsePuppet(broken, { whitespace: true }), broken, indent);
  const relexed = lexPuppet(formatted);
  const before = codeOf(text, parsed.tokens, parsed.trivia);
  const after = codeOf(formatted, relexed.tokens, relexed.trivia);
  if (relexed.errors.length > 0 || !sameCode(before, after)) return undefined;
  return { before, after };
}

// ---- arrows ----

/** The arrow groups the formatter aligns: in resources, defaults, overrides, collectors, hashes and selectors. */
function alignmentGroups(program: Program, tokens: readonly Token[]): Arrow[][] {
  const groups: Arrow[][] = [];
  walk(program, (node) => {
    switch (node.type) {
      case 'Resource':
      case 'ResourceDefaults':
      case 'ResourceOverride':
      case 'Collector':
      case 'Selector':
        break;
      case 'Hash':
        if (node.braced) break;
        return true;
      default:
        return true;
    }
    // Nested bodies and hashes are levels of this one's token run, as in puppet-lint.
    groups.push(...arrowGroups(tokensWithin(tokens, node.start, node.end)));
    return false;
  });
  return groups;
}

function tokensWithin(tokens: readonly Token[], start: number, end: number): Token[] {
  let i = tokenIndexBefore(tokens, start) + 1;
  const inside: Token[] = [];
  for (; i < tokens.length && tokens[i].end <= end && tokens[i].kind !== 'eof'; i++) inside.push(tokens[i]);
  return inside;
}

const BLANKS = /^[^\S\r\n]*$/;

/** Name and arrow on one line with only blanks between: the arrow can be moved. */
function isMovable(text: string, { param, arrow }: Arrow): boolean {
  return BLANKS.test(text.slice(param.end, arrow.start));
}

/**
 * In a group of arrows spanning lines, starts a line at each name that follows a comma (or, for
 * the first, the `{` or title) on its line, as puppet-lint's fix does: a name sharing its line
 * with an earlier arrow can only be aligned on a line of its own, and one after `}, ` or the title
 * would push the whole group's arrows far to the right.
 */
function breakSharedArrowLines(text: string, parsed: ParseResult): string {
  const source = new SourceText(text);
  const lineOf = (offset: number) => source.positionAt(offset).line;
  const breaks: Array<{ start: number; end: number; eol: string }> = [];
  for (const group of alignmentGroups(parsed.ast, parsed.tokens)) {
    const arrows = group.filter((a) => isMovable(text, a));
    if (new Set(arrows.map((a) => lineOf(a.arrow.start))).size < 2) continue;
    arrows.forEach(({ param }, i) => {
      const before = parsed.tokens[tokenIndexBefore(parsed.tokens, param.start)];
      const breakable = before?.kind === ',' || (i === 0 && (before?.kind === '{' || before?.kind === ':'));
      if (breakable && BLANKS.test(text.slice(before.end, param.start))) {
        const line = lineOf(param.start);
        const terminator = text.slice(source.lineEnd(line), source.lineStarts[line + 1] ?? text.length);
        breaks.push({ start: before.end, end: param.start, eol: terminator || '\n' });
      }
    });
  }
  if (breaks.length === 0) return text;
  breaks.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const b of breaks) {
    out += text.slice(at, b.start) + b.eol;
    at = b.end;
  }
  return out + text.slice(at);
}

// ---- indentation ----

const openers: ReadonlySet<TokenKind> = new Set<TokenKind>(['{', '[', '(']);
const closers: ReadonlySet<TokenKind> = new Set<TokenKind>(['}', ']', ')']);
const relationships: ReadonlySet<TokenKind> = new Set<TokenKind>(['->', '~>', '<-', '<~']);
/** A line ending with one of these goes on in the next line. */
const continuedAfter: ReadonlySet<TokenKind> = new Set<TokenKind>([
  '=', '+=', '-=', '=>', '+>', '?', '!', '.', '@', '@@', 'and', 'or', 'in',
  '==', '!=', '=~', '!~', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '<<', '>>',
]);
/** A line starting with one of these continues the line before. */
const continuingWith: ReadonlySet<TokenKind> = new Set<TokenKind>([
  '.', '?', 'and', 'or', 'in', '=', '+=', '-=', '=>', '+>',
  '==', '!=', '=~', '!~', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '<<', '>>',
]);
/** After these a new element or statement starts: never a continuation. */
const elementStarts: ReadonlySet<TokenKind> = new Set<TokenKind>(['{', '[', '(', ',', ';', ':']);

/**
 * Whether the line starting with `first` continues the expression of the line before. Only among
 * statements and attributes: inside `( )` and `[ ]` the bracket's level already sets lines apart.
 */
function isContinuation(previous: Token | undefined, first: Item, innermost: Level | undefined): boolean {
  const kind = first.token?.kind;
  if (!previous || !kind || elementStarts.has(previous.kind)) return false;
  if (innermost?.opener && innermost.opener.kind !== '{') return false;
  if (relationships.has(previous.kind) || relationships.has(kind)) return false;
  return continuedAfter.has(previous.kind) || continuingWith.has(kind);
}

/** An open bracket, or the attributes of a resource body whose title starts its own line. */
interface Level {
  /** The bracket; absent for a body. */
  opener?: Token;
  /** Indentation of the line that closes the bracket. */
  closeIndent: number;
  /** Indentation of the lines inside. */
  inner: number;
  /** A body ends where its last attribute does. */
  bodyEnd?: number;
}

interface Structure {
  /**
   * `{` opening the body of a statement (if, case option, class...), mapped to where the
   * statement's line starts: the body closes at that line's level, however its condition runs
   * on. A lambda's body is not here: it belongs to the line of its call.
   */
  statementBraces: Map<number, number>;
  /** Resource bodies by title start. */
  bodies: Map<number, { titleEnd: number; bodyEnd: number }>;
}

function structure(program: Program): Structure {
  const statementBraces = new Map<number, number>();
  const bodies = new Map<number, { titleEnd: number; bodyEnd: number }>();
  walk(program, (node) => {
    switch (node.type) {
      case 'If':
      case 'Unless':
        statementBraces.set(node.then.start, node.start);
        // `} else {`: the else body belongs to its own line.
        if (node.else?.type === 'Block') statementBraces.set(node.else.start, node.else.start);
        break;
      case 'Class':
      case 'Define':
      case 'Node':
      case 'Function':
      case 'TypeDefinition':
      case 'CaseOption':
        statementBraces.set(node.body.start, node.start);
        break;
      case 'ResourceBody':
        bodies.set(node.title.start, { titleEnd: node.title.end, bodyEnd: node.end });
        break;
    }
  });
  return { statementBraces, bodies };
}

function isComment(t: Trivia): boolean {
  return t.kind === 'lineComment' || t.kind === 'blockComment';
}

function codeOf(text: string, tokens: readonly Token[], trivia: readonly Trivia[]): Code {
  const code = tokens.filter((t) => t.kind !== 'eof');
  const comments = trivia.filter(isComment);
  const items: Item[] = [];
  let c = 0;
  for (const token of code) {
    while (c < comments.length && comments[c].start < token.start) items.push(comments[c++]);
    items.push({ start: token.start, end: token.end, token });
  }
  while (c < comments.length) items.push(comments[c++]);
  return { text, tokens: code, comments, items };
}

/** Heredocs of the tokens, also those inside interpolations, in order. */
function* heredocs(tokens: readonly Token[]): Generator<Token> {
  for (const token of tokens) {
    if (token.heredoc) yield token;
    for (const part of [...(token.parts ?? []), ...(token.heredoc?.parts ?? [])]) {
      if (part.kind === 'interpolation') yield* heredocs(part.tokens);
    }
  }
}

/** Blanks replacing [start, end) of one line. */
interface Gap {
  start: number;
  end: number;
  width: number;
}

function layOut(parsed: ParseResult, text: string, step: number): string {
  const source = new SourceText(text);
  const lineCount = source.lineCount;
  const lineOf = (offset: number) => source.positionAt(offset).line;
  const { items } = codeOf(text, parsed.tokens, parsed.trivia);
  const { statementBraces, bodies } = structure(parsed.ast);

  // Lines that start inside a string, comment or heredoc keep their text as it is.
  const frozen = new Uint8Array(lineCount);
  const freeze = (from: number, to: number) => frozen.fill(1, from, to + 1);
  for (const item of items) freeze(lineOf(item.start) + 1, lineOf(item.end - 1));
  for (const { heredoc } of heredocs(parsed.tokens)) freeze(lineOf(heredoc!.bodyStart), lineOf(heredoc!.endLineEnd));

  const trailingFrom = new Map<number, number>();
  for (const t of parsed.trivia) {
    const next = text.charCodeAt(t.end);
    if (t.kind === 'whitespace' && (t.end === text.length || next === 10 || next === 13)) trailingFrom.set(lineOf(t.start), t.start);
  }

  const indents: Array<number | undefined> = new Array(lineCount);
  const firstStarts: Array<number | undefined> = new Array(lineCount);
  const stack: Level[] = [];
  let previous: Token | undefined;
  /** A resource title that starts its line: its attributes go a level deeper, from the line where it ends. */
  let title: { titleEnd: number; bodyEnd: number; indent: number; depth: number } | undefined;
  let k = 0;
  for (let n = 0; n < lineCount; n++) {
    const next = n + 1 < lineCount ? source.lineStarts[n + 1] : Infinity;
    const first = k < items.length && items[k].start < next && !frozen[n] ? items[k] : undefined;
    if (first) {
      while (stack.length > 0 && first.start >= (stack[stack.length - 1].bodyEnd ?? Infinity)) stack.pop();
    }
    const innermost = stack[stack.length - 1];
    let indent = innermost?.inner ?? 0;
    if (first) {
      if (first.token && closers.has(first.token.kind)) indent = innermostBracket(stack)?.closeIndent ?? 0;
      else if (isContinuation(previous, first, innermost)) indent += step;
      indents[n] = indent;
      firstStarts[n] = first.start;
      const body = bodies.get(first.start);
      if (body) title = { ...body, indent, depth: stack.length };
    }
    for (; k < items.length && items[k].start < next; k++) {
      const token = items[k].token;
      if (!token) continue;
      if (openers.has(token.kind)) {
        // A statement's body closes at the level of the statement's first line, however its condition runs on.
        const owner = items[k] === first ? undefined : statementBraces.get(token.start);
        const own = owner === undefined ? indent : (indents[lineOf(owner)] ?? indent);
        stack.push({ opener: token, closeIndent: own, inner: own + step });
      } else if (closers.has(token.kind)) {
        while (stack.length > 0 && !stack.pop()!.opener);
      }
      previous = token;
    }
    if (title && title.titleEnd < next) {
      if (stack.length === title.depth && title.bodyEnd > next) {
        stack.push({ closeIndent: title.indent, inner: title.indent + step, bodyEnd: title.bodyEnd });
      }
      title = undefined;
    }
  }

  const gaps = alignArrows(parsed, text, source, indents, firstStarts);

  let out = '';
  for (let n = 0; n < lineCount; n++) {
    const start = source.lineStarts[n];
    const end = source.lineEnd(n);
    const terminator = text.slice(end, n + 1 < lineCount ? source.lineStarts[n + 1] : text.length);
    const first = firstStarts[n];
    if (!frozen[n] && first === undefined) {
      out += terminator;
      continue;
    }
    let line = first === undefined ? '' : ' '.repeat(indents[n]!);
    let at = first ?? start;
    const cut = Math.min(trailingFrom.get(n) ?? end, end);
    for (const gap of gaps.get(n) ?? []) {
      line += text.slice(at, gap.start) + ' '.repeat(gap.width);
      at = gap.end;
    }
    out += line + text.slice(at, Math.max(at, cut)) + terminator;
  }
  return out;
}

function innermostBracket(stack: readonly Level[]): Level | undefined {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i].opener) return stack[i];
  return undefined;
}

/** Enough for arrows of hashes nested on shared lines to settle; one pass is the usual case. */
const ALIGNMENT_PASSES = 8;

/** The blanks before each aligned arrow, by line: found by repeating until the groups agree (arrows of nested hashes can share lines). */
function alignArrows(
  parsed: ParseResult,
  text: string,
  source: SourceText,
  indents: ReadonlyArray<number | undefined>,
  firstStarts: ReadonlyArray<number | undefined>,
): Map<number, Gap[]> {
  const lineOf = (token: Token) => source.positionAt(token.start).line;
  const byLine = new Map<number, Gap[]>();
  const gapOf = new Map<Token, Gap>();
  const layout: ArrowLayout = {
    line: lineOf,
    column(token) {
      const n = lineOf(token);
      const first = firstStarts[n];
      let column = first === undefined ? token.start - source.lineStarts[n] : indents[n]! + token.start - first;
      for (const gap of byLine.get(n) ?? []) if (gap.end <= token.start) column += gap.width - (gap.end - gap.start);
      return column;
    },
  };
  const groups = alignmentGroups(parsed.ast, parsed.tokens).map((group) => {
    // Arrows that could not get a line of their own (a comment is in the way) keep their place.
    const lines = new Set<number>();
    return group.filter((a) => {
      const line = lineOf(a.arrow);
      const movable = lineOf(a.param) === line && isMovable(text, a) && !lines.has(line);
      lines.add(line);
      return movable;
    });
  });
  for (let pass = 0; pass < ALIGNMENT_PASSES; pass++) {
    let changed = false;
    for (const group of groups) {
      const column = expectedArrowColumn(group, layout);
      if (column === undefined) continue;
      for (const { param, arrow } of group) {
        const width = column - layout.column(param) - (param.end - param.start);
        let gap = gapOf.get(arrow);
        if (!gap) {
          gap = { start: param.end, end: arrow.start, width: arrow.start - param.end };
          gapOf.set(arrow, gap);
          const line = lineOf(arrow);
          byLine.set(line, [...(byLine.get(line) ?? []), gap].sort((a, b) => a.start - b.start));
        }
        if (gap.width !== width) {
          gap.width = width;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return byLine;
}

// ---- checking and diffing ----

function heredocValues(tokens: readonly Token[]): string[] {
  return [...heredocs(tokens)].map((t) => t.heredoc!.value);
}

/** Same tokens and comments, and the same blanks where Puppet reads them (`$a [1]`, a call's `(`). */
function sameCode(a: Code, b: Code): boolean {
  if (a.tokens.length !== b.tokens.length || a.comments.length !== b.comments.length) return false;
  const slice = (code: Code, span: { start: number; end: number }) => code.text.slice(span.start, span.end);
  for (let i = 0; i < a.tokens.length; i++) {
    const x = a.tokens[i];
    const y = b.tokens[i];
    if (x.kind !== y.kind || slice(a, x) !== slice(b, y)) return false;
    if (x.kind === '[' && x.spaceBefore !== y.spaceBefore) return false;
    if (x.kind === '(' && x.lineStart !== y.lineStart) return false;
  }
  for (let i = 0; i < a.comments.length; i++) if (slice(a, a.comments[i]) !== slice(b, b.comments[i])) return false;
  const ha = heredocValues(a.tokens);
  const hb = heredocValues(b.tokens);
  return ha.length === hb.length && ha.every((v, i) => v === hb[i]);
}

/** The smallest edits turning `before` into `after`, which differ only between their items. */
function whitespaceEdits(before: Code, after: Code): TextEdit[] {
  const source = new SourceText(before.text);
  const edits: TextEdit[] = [];
  const edit = (at: number, from: string, to: string) => {
    if (from === to) return;
    let head = 0;
    while (head < from.length && head < to.length && from[head] === to[head]) head++;
    let tail = 0;
    while (tail < from.length - head && tail < to.length - head && from[from.length - 1 - tail] === to[to.length - 1 - tail]) tail++;
    edits.push({
      range: { start: source.positionAt(at + head), end: source.positionAt(at + from.length - tail) },
      newText: to.slice(head, to.length - tail),
    });
  };
  for (let i = 0; i <= before.items.length; i++) {
    const from = i === 0 ? 0 : before.items[i - 1].end;
    const fromEnd = i < before.items.length ? before.items[i].start : before.text.length;
    const to = i === 0 ? 0 : after.items[i - 1].end;
    const toEnd = i < after.items.length ? after.items[i].start : after.text.length;
    const old = before.text.slice(from, fromEnd);
    const now = after.text.slice(to, toEnd);
    if (old === now) continue;
    const oldLines = old.split('\n');
    const newLines = now.split('\n');
    if (oldLines.length !== newLines.length) {
      edit(from, old, now);
      continue;
    }
    // Line by line, so heredoc text between the changes is not part of any edit.
    let at = from;
    oldLines.forEach((line, j) => {
      edit(at, line, newLines[j]);
      at += line.length + 1;
    });
  }
  return edits;
}
