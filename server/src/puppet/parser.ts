// The Puppet parser: tokens to a syntax tree with exact offsets, never throwing.
//
// It accepts the language of Puppet's LALR grammar (egrammar.ra) with the same precedence, and
// reports a syntax error on the same token Puppet does: the first one that cannot continue the
// program ("Syntax error at 'mode'"). Where Puppet stops there, we recover at statement, body and
// bracket boundaries (using indentation to tell where a closing bracket went missing) and go on
// to report later, independent errors. A few of Puppet's checks on the form of statement lists
// (a value that has no effect, a resource without a title) are made here too, since that is how
// Puppet reports a mistyped `include`.
import type * as A from './ast';
import type { Token, TokenKind, Trivia } from './tokens';
import { KEYWORDS, STATEMENT_FUNCTIONS } from './tokens';
import { lexPuppet, type LexOptions } from './lexer';
import type { PuppetIssueCode, PuppetSyntaxError, RelatedLocation } from './syntaxError';
import { SourceText } from '../sourceText';

export interface ParseResult {
  ast: A.Program;
  /** Lexical and syntax errors in text order, then the statement-list checks. */
  errors: PuppetSyntaxError[];
  tokens: Token[];
  trivia: Trivia[];
}

export function parsePuppet(text: string, options: LexOptions = {}): ParseResult {
  const lexed = lexPuppet(text, options);
  const parser = new Parser(text, lexed.tokens, lexed.errors);
  const ast = parser.parseProgram();
  return { ast, errors: parser.allErrors(), tokens: lexed.tokens, trivia: lexed.trivia };
}

/** Nesting deeper than this is reported instead of risking the JS stack. */
const MAX_DEPTH = 200;

/** Thrown to unwind to the nearest recovery point; the error itself is already recorded. */
const ABORT = Symbol('syntax error');

// Binding powers, from Puppet's precedence table (higher binds tighter).
const BP_OR = 1;
const BP_AND = 2;
const BP_SELECTOR = 3;
const BP_COMPARE = 4;
const BP_EQUALITY = 5;
const BP_SHIFT = 6;
const BP_ADD = 7;
const BP_MULTIPLY = 8;
const BP_MATCH = 9;
const BP_IN = 10;
const BP_UMINUS = 11;
const BP_SPLAT = 12;
const BP_NOT = 13;
const BP_COLLECT = 14;

const binaryPower: ReadonlyMap<TokenKind, number> = new Map<TokenKind, number>([
  ['or', BP_OR],
  ['and', BP_AND],
  ['<', BP_COMPARE],
  ['<=', BP_COMPARE],
  ['>', BP_COMPARE],
  ['>=', BP_COMPARE],
  ['==', BP_EQUALITY],
  ['!=', BP_EQUALITY],
  ['<<', BP_SHIFT],
  ['>>', BP_SHIFT],
  ['+', BP_ADD],
  ['-', BP_ADD],
  ['*', BP_MULTIPLY],
  ['/', BP_MULTIPLY],
  ['%', BP_MULTIPLY],
  ['=~', BP_MATCH],
  ['!~', BP_MATCH],
  ['in', BP_IN],
]);

const keywordKinds: ReadonlySet<TokenKind> = new Set<TokenKind>(KEYWORDS);

/** Keywords Puppet accepts as attribute names (`unless => ...`); not true/false. */
function isAttributeName(kind: TokenKind): boolean {
  return kind === 'name' || (keywordKinds.has(kind) && kind !== 'true' && kind !== 'false');
}

function isOpener(kind: TokenKind): boolean {
  return kind === '{' || kind === '[' || kind === '(';
}

function isCloser(kind: TokenKind): boolean {
  return kind === '}' || kind === ']' || kind === ')';
}

function closerOf(opener: Token | undefined): TokenKind | undefined {
  if (!opener) return undefined;
  return opener.kind === '{' ? '}' : opener.kind === '[' ? ']' : opener.kind === '(' ? ')' : undefined;
}

/** Tokens that begin a statement at the start of a line often enough to resume parsing there. */
const statementStarts: ReadonlySet<TokenKind> = new Set<TokenKind>([
  'name', 'classref', 'variable', 'if', 'unless', 'case', 'class', 'define', 'node', 'function', 'type', '@', '@@',
]);

/** Errors that swallow the rest of the text: the end of input is not a second mistake. */
const swallowingCodes: ReadonlySet<PuppetIssueCode> = new Set<PuppetIssueCode>([
  'UNCLOSED_QUOTE',
  'UNCLOSED_MLCOMMENT',
  'UNCLOSED_INTERPOLATION',
  'HEREDOC_WITHOUT_END_TAGGED_LINE',
  'NESTING_TOO_DEEP',
]);

/** Statements separated by commas: only valid as the arguments of a statement function (`include a, b`). */
interface CommaList {
  list: A.Expression[];
  commas: Token[];
}
type RawStatement = A.Expression | CommaList;

function isCommaList(s: RawStatement): s is CommaList {
  return 'commas' in s;
}

class Parser {
  private tokens: Token[];
  private index = 0;
  private cur: Token;
  /** End offset of the last consumed token. */
  private prevEnd = 0;
  private depth = 0;
  private readonly syntaxErrors: PuppetSyntaxError[] = [];
  private readonly checkErrors: PuppetSyntaxError[] = [];
  private eofReported: boolean;
  private depthReported = false;
  /** For indentation, made only when recovery or a closer needs it. */
  private source: SourceText | undefined;
  private readonly indents = new Map<number, number>();
  private lastReportedAt = -1;
  /** Where a runaway string was seen: later unclosed-quote errors are its echo. */
  private quotesOutOfStep: number | undefined;
  /** parseStatements ended a block whose `}` is missing (already reported). */
  private blockLostCloser = false;
  /** Error tokens met so far: code around them is not checked further. */
  private lexicalErrorsSeen = 0;
  /** Open brackets, innermost last: what "end of input" leaves unclosed. */
  private readonly openers: Token[] = [];
  /** Parsing the tokens of a `${...}`, whose end is its `}`. */
  private interpolationEnd = false;
  /** The first `{` whose `}` is indented less than its own line: likely the one missing a `}`. */
  private misindentedOpener: Token | undefined;
  /** The last block the text ended inside, as far as it got: what a definition body holds so far. */
  private blockCutAtEnd: A.Block | undefined;
  /** A class, define or node the text ended inside, for its statement to keep in place of an Error node. */
  private definitionCutAtEnd: A.Expression | undefined;

  constructor(
    private readonly text: string,
    tokens: Token[],
    private readonly lexErrors: PuppetSyntaxError[],
  ) {
    this.tokens = tokens;
    this.cur = tokens[0];
    this.eofReported = lexErrors.some((e) => swallowingCodes.has(e.code));
  }

  allErrors(): PuppetSyntaxError[] {
    const outOfStep = this.quotesOutOfStep ?? Infinity;
    const lexErrors = this.lexErrors.filter((e) => e.code !== 'UNCLOSED_QUOTE' || e.start < outOfStep);
    const errors = [...lexErrors, ...this.syntaxErrors].sort((a, b) => a.start - b.start);
    return errors.concat(this.checkErrors);
  }

  parseProgram(): A.Program {
    const body = this.parseStatements(undefined);
    return { type: 'Program', start: 0, end: this.text.length, body };
  }

  // ---- token stream ----

  private advance(): Token {
    const t = this.cur;
    if (this.index < this.tokens.length - 1) {
      this.prevEnd = t.end;
      this.cur = this.tokens[++this.index];
    }
    return t;
  }

  private rewindTo(index: number): void {
    this.index = index;
    this.cur = this.tokens[index];
    this.prevEnd = index > 0 ? this.tokens[index - 1].end : 0;
  }

  /** Whether the current token is a `kind` (a method, so checks are not narrowed across advance()). */
  private at(kind: TokenKind): boolean {
    return this.cur.kind === kind;
  }

  private peek(n = 1): Token {
    return this.tokens[Math.min(this.index + n, this.tokens.length - 1)];
  }

  private expect(kind: TokenKind, hint?: string): Token {
    if (this.at(kind)) return this.advance();
    return this.fail(hint);
  }

  /** Reports a syntax error at the current token and unwinds to the nearest recovery point. */
  private fail(hint?: string, related?: RelatedLocation[]): never {
    this.reportAt(this.cur, hint, related);
    throw ABORT;
  }

  private reportAt(token: Token, hint?: string, related?: RelatedLocation[]): void {
    // The lexer has already reported what is wrong with an error token.
    if (token.kind === 'error') {
      this.lexicalErrorsSeen++;
      return;
    }
    if (token.kind === 'eof') {
      if (this.eofReported) return;
      this.eofReported = true;
      if (this.interpolationEnd) {
        this.syntaxError('SYNTAX_ERROR', withHint("Syntax error at '}'", hint), token.start, token.end + 1, related);
        return;
      }
      const at = this.endOfLastLine();
      this.syntaxError('SYNTAX_ERROR', withHint('Syntax error at end of input', hint), at, at, related ?? this.unclosedRelated());
      return;
    }
    // A construct that recovered stops at the token it failed on; the enclosing one must not report it again.
    if (token.start === this.lastReportedAt) return;
    this.lastReportedAt = token.start;
    const runaway = this.runawayStringBefore(token);
    if (runaway) {
      related = [...(related ?? []), { start: runaway.start, end: runaway.start + 1, message: 'this string runs over several lines: is a closing quote missing?' }];
      // Quotes pair up wrongly from here on: the unclosed quote at the end is this same mistake.
      this.quotesOutOfStep ??= token.start;
    }
    this.syntaxError('SYNTAX_ERROR', withHint(`Syntax error at ${this.describe(token)}`, hint), token.start, token.end, related);
  }

  /** The string just before `token`, when it spans lines and `token` follows it on its last line. */
  private runawayStringBefore(token: Token): Token | undefined {
    const prev = this.tokens[this.index - 1];
    if (!prev || prev === token || prev.kind !== 'string') return undefined;
    const text = this.text;
    if (!text.slice(prev.start, prev.end).includes('\n') || text.slice(prev.end, token.start).includes('\n')) return undefined;
    return prev;
  }

  private errorCount(): number {
    return this.syntaxErrors.length + this.lexicalErrorsSeen;
  }

  private syntaxError(code: PuppetIssueCode, message: string, start: number, end: number, related?: RelatedLocation[]): void {
    const error: PuppetSyntaxError = { code, message, start, end };
    if (related && related.length > 0) error.related = related;
    this.syntaxErrors.push(error);
  }

  /** Where "end of input" is shown: the end of the text, but on its last line rather than after its final line break. */
  private endOfLastLine(): number {
    const text = this.text;
    let at = text.length;
    if (text.charCodeAt(at - 1) === 10) at--;
    if (text.charCodeAt(at - 1) === 13) at--;
    return at;
  }

  /** Shows a token as Puppet does in "Syntax error at '...'", but with its source text. */
  private describe(token: Token): string {
    let shown = this.text.slice(token.start, token.end);
    const newline = shown.indexOf('\n');
    if (newline >= 0) shown = shown.slice(0, newline) + '...';
    if (shown.length > 30) shown = shown.slice(0, 27) + '...';
    return `'${shown}'`;
  }

  private unclosedRelated(): RelatedLocation[] {
    const related: RelatedLocation[] = [];
    const suspect = this.misindentedOpener;
    if (suspect && this.openers.length > 0) {
      related.push({
        start: suspect.start,
        end: suspect.end,
        message: `this '${suspect.value}' is probably the one missing its closing bracket: the one that closes it is indented less than its line`,
      });
    }
    const innermost = this.openers[this.openers.length - 1];
    if (innermost && innermost !== suspect) {
      related.push({ start: innermost.start, end: innermost.end, message: `this '${innermost.value}' is never closed` });
    }
    return related;
  }

  /** Columns of blanks before the first character of the line holding `offset`. */
  private indentOf(offset: number): number {
    // Recovery asks about the same long lines again and again: keep it linear.
    this.source ??= new SourceText(this.text);
    const line = this.source.positionAt(offset).line;
    let indent = this.indents.get(line);
    if (indent === undefined) {
      const text = this.text;
      const lineStart = this.source.lineStarts[line];
      let i = lineStart;
      while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
      indent = i - lineStart;
      this.indents.set(line, indent);
    }
    return indent;
  }

  private open(opener: Token): void {
    this.openers.push(opener);
  }

  /** Consumes the closer of `opener` (or fails), noting a closer indented less than the opener's line. */
  private close(opener: Token, kind: TokenKind, hint?: string): Token {
    const closer = this.expect(kind, hint);
    this.openers.pop();
    if (!this.misindentedOpener && closer.lineStart && lineIndent(this.text, closer.start) < lineIndent(this.text, opener.start)) {
      this.misindentedOpener = opener;
    }
    return closer;
  }

  /**
   * After a syntax error inside the bracket `opener`: skips to its closer and consumes it (true),
   * or stops where indentation shows that the closer is missing (false), so the enclosing
   * construct resumes at the next line that belongs to it.
   */
  private recoverTo(opener: Token, closer: TokenKind): boolean {
    const indent = this.indentOf(opener.start);
    let depth = 0;
    for (;;) {
      const t = this.cur;
      if (t.kind === 'eof') break;
      if (depth === 0) {
        if (t.kind === closer) {
          this.advance();
          this.openers.pop();
          return true;
        }
        if (t.lineStart) {
          const i = this.indentOf(t.start);
          if (i < indent || (i === indent && !isCloser(t.kind))) break;
        }
        // Another kind of closer on its own line, or one that closes the enclosing bracket, is not ours.
        if (isCloser(t.kind) && (t.lineStart || closerOf(this.openers[this.openers.length - 2]) === t.kind)) break;
        // A `{` ending its line after an unclosed `(` or `[` starts the body of what encloses them.
        if (t.kind === '{' && opener.kind !== '{' && this.peek().lineStart) break;
        if (t.kind === 'inherits' && opener.kind === '(') break;
      }
      if (isOpener(t.kind)) depth++;
      else if (isCloser(t.kind) && depth > 0) depth--;
      this.advance();
    }
    this.openers.pop();
    return false;
  }

  /**
   * Statement-level recovery: skips to a `;`, the block's `}`, or a line that starts a statement.
   * A `}` indented deeper than the block's own line closes the broken statement (whose `{` went
   * missing), not the block: it is skipped.
   */
  private synchronize(blockOpener: Token | undefined, progressed: boolean): void {
    const closer = blockOpener ? '}' : 'eof';
    const blockIndent = blockOpener ? this.indentOf(blockOpener.start) : -1;
    let depth = 0;
    let skip = !progressed;
    for (;;) {
      const t = this.cur;
      if (t.kind === 'eof') return;
      if (depth === 0 && t.kind === '}' && !skip) {
        if (t.lineStart && this.indentOf(t.start) > blockIndent) {
          this.advance();
          return;
        }
        if (closer === '}') return;
      }
      if (depth === 0 && !skip && t.lineStart && this.startsStatement()) return;
      if (depth === 0 && t.kind === ';') {
        this.advance();
        return;
      }
      if (isOpener(t.kind)) depth++;
      else if (isCloser(t.kind) && depth > 0) depth--;
      this.advance();
      skip = false;
    }
  }

  /** The current token likely begins a statement (and not an attribute, `name => value`). */
  private startsStatement(): boolean {
    if (!statementStarts.has(this.cur.kind)) return false;
    const next = this.peek().kind;
    return next !== '=>' && next !== '+>';
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) {
      if (!this.depthReported) {
        this.depthReported = true;
        this.syntaxError('NESTING_TOO_DEEP', `Nesting too deep: more than ${MAX_DEPTH} levels`, this.cur.start, this.cur.end);
      }
      this.depth--;
      throw ABORT;
    }
  }

  private errorNode(start: number): A.ErrorExpression {
    return { type: 'Error', start, end: Math.max(start, this.prevEnd) };
  }

  // ---- statements ----

  /**
   * Statements up to `closer` (not consumed), with statement calls resolved and no-effect values
   * reported. `blockOpener` is the block's `{`, undefined at top level.
   */
  private parseStatements(blockOpener: Token | undefined, caseOption = false): A.Expression[] {
    const closer = blockOpener ? '}' : 'eof';
    const items: RawStatement[] = [];
    /** Index of each item's first token. */
    const itemStarts: number[] = [];
    const errorsBefore = this.errorCount();
    for (;;) {
      const t = this.cur;
      if (t.kind === 'eof' || (t.kind === '}' && closer === '}')) break;
      if (t.kind === '}') {
        this.reportAt(t, "this '}' closes nothing");
        this.advance();
        continue;
      }
      if ((t.kind === 'else' || t.kind === 'elsif') && closer === '}') {
        // `} else {` lost its `}`: end this block here, so the `if` gets its else branch.
        this.reportAt(t, `expected '}' before '${t.kind}'`);
        this.blockLostCloser = true;
        break;
      }
      const startIndex = this.index;
      try {
        itemStarts.push(startIndex);
        items.push(this.parseSyntacticStatement());
        if (this.at(';')) {
          this.advance();
          const next = this.cur;
          if (next.kind === 'eof' || next.kind === '}') this.reportAt(next, "a ';' must be followed by another statement");
        }
      } catch (e) {
        if (e !== ABORT) throw e;
        itemStarts.length = items.length;
        const valueStart = this.tokens[itemStarts[items.length - 1]];
        if (caseOption && t.kind === ':' && this.peek().kind === '{' && valueStart?.lineStart) {
          // `default: {` inside a case option body: that body lost its `}`.
          this.rewindTo(itemStarts[items.length - 1]);
          items.pop();
          this.blockLostCloser = true;
          break;
        }
        const repaired = this.resourceWithoutBrace(items);
        if (repaired) {
          itemStarts.length = items.length;
          itemStarts.push(startIndex);
          items.push(repaired);
          continue;
        }
        this.synchronize(blockOpener, this.index > startIndex);
        itemStarts.push(startIndex);
        items.push(this.takeDefinitionCutAtEnd(t.start) ?? this.errorNode(t.start));
      }
    }
    const statements = this.transformCalls(items);
    if (this.errorCount() === errorsBefore) this.checkNoEffect(statements);
    return statements;
  }

  /** The definition the text ended inside, when it is the statement that starts at `start`. */
  private takeDefinitionCutAtEnd(start: number): A.Expression | undefined {
    const definition = this.definitionCutAtEnd;
    this.definitionCutAtEnd = undefined;
    return definition?.start === start ? definition : undefined;
  }

  /**
   * After a syntax error at ':' that follows `type title` (`file '/x':` with its `{` missing):
   * reads the attributes as that resource's body, up to its `}`. Undefined when it is not that.
   */
  private resourceWithoutBrace(items: RawStatement[]): A.Expression | undefined {
    const colon = this.cur;
    const title = items[items.length - 1];
    const typeName = items[items.length - 2];
    if (colon.kind !== ':' || !title || !typeName || isCommaList(title) || isCommaList(typeName)) return undefined;
    if (typeName.type !== 'Name' || this.text.slice(typeName.start, colon.start).includes('\n')) return undefined;
    items.length -= 2;
    return this.bodyWithoutBrace(typeName, title);
  }

  /** At the ':' of a resource whose `{` is missing: its attributes up to its `}`, then any relationship it is in. */
  private bodyWithoutBrace(typeName: A.Expression, title: A.Expression): A.Expression {
    const colon = this.advance();
    const body: A.ResourceBody = { type: 'ResourceBody', start: title.start, end: colon.end, title, attributes: [] };
    try {
      this.parseAttributes(body.attributes);
      body.end = this.prevEnd;
      if (this.at('}')) this.advance();
    } catch (e) {
      if (e !== ABORT) throw e;
      this.recoverTo(colon, '}');
    }
    const resource: A.ResourceExpression = { type: 'Resource', start: typeName.start, end: this.prevEnd, form: 'regular', typeName, bodies: [body] };
    return this.continueRelationship(resource);
  }

  private parseSyntacticStatement(): RawStatement {
    const first = this.parseAssignment();
    if (!this.at(',')) return first;
    const list = [first];
    const commas: Token[] = [];
    while (this.at(',')) {
      commas.push(this.advance());
      list.push(this.parseAssignment());
    }
    return { list, commas };
  }

  /**
   * Puppet's transform_calls: a statement function name followed by a statement (or a comma
   * list) becomes a call without parentheses: `include apache`, `notice 'a', 'b'`.
   */
  private transformCalls(items: RawStatement[]): A.Expression[] {
    const out: A.Expression[] = [];
    for (const item of items) {
      const prev = out[out.length - 1];
      if (prev && prev.type === 'Name' && STATEMENT_FUNCTIONS.has(prev.value)) {
        const args = isCommaList(item) ? item.list : [item];
        out[out.length - 1] = { type: 'Call', start: prev.start, end: args[args.length - 1].end, callee: prev, args, parens: false };
      } else if (isCommaList(item)) {
        const comma = item.commas[0];
        const message =
          prev && prev.type === 'Name'
            ? `Attempt to pass an argument list to the function '${prev.value}', which cannot be called without parentheses`
            : 'Illegal comma separated argument list';
        this.syntaxError('ILLEGAL_ARGUMENT_LIST', message, comma.start, comma.end);
        out.push(...item.list);
      } else {
        out.push(item);
      }
    }
    return out;
  }

  /** `relationship (= | += | -=) assignment`, right associative. */
  private parseAssignment(): A.Expression {
    const target = this.parseRelationship();
    const op = this.cur.kind;
    if (op !== '=' && op !== '+=' && op !== '-=') return target;
    const opToken = this.advance();
    this.enter();
    try {
      const value = this.parseAssignment();
      return { type: 'Assignment', start: target.start, end: value.end, operator: op, operatorStart: opToken.start, target, value };
    } finally {
      this.depth--;
    }
  }

  private parseRelationship(): A.Expression {
    return this.continueRelationship(this.parseResource());
  }

  private continueRelationship(first: A.Expression): A.Expression {
    let left = first;
    for (;;) {
      const op = this.cur.kind;
      if (op !== '->' && op !== '~>' && op !== '<-' && op !== '<~') return left;
      const opToken = this.advance();
      const right = this.parseResource();
      left = { type: 'Relationship', start: left.start, end: right.end, operator: op, operatorStart: opToken.start, left, right };
    }
  }

  /** An expression, possibly followed by resource bodies `{ ... }`; or `@`/`@@` resource; or `class { ... }`. */
  private parseResource(): A.Expression {
    const t = this.cur;
    if (t.kind === '@' || t.kind === '@@') {
      this.advance();
      this.enter();
      let inner: A.Expression;
      try {
        inner = this.parseResource();
      } finally {
        this.depth--;
      }
      const form = t.kind === '@' ? 'virtual' : 'exported';
      if (inner.type === 'Resource' || inner.type === 'ResourceDefaults' || inner.type === 'ResourceOverride') {
        return { ...inner, start: t.start, form };
      }
      this.syntaxError(
        'NOT_VIRTUALIZEABLE',
        `${form === 'virtual' ? 'Virtual (@)' : 'Exported (@@)'} can only be applied to a resource expression`,
        t.start,
        t.end,
      );
      return inner;
    }
    let left: A.Expression;
    if (t.kind === 'class' && this.peek().kind === '{') {
      this.advance();
      const name: A.Name = { type: 'Name', start: t.start, end: t.end, value: 'class' };
      left = this.parseResourceBodies(name, true);
    } else {
      left = this.parseExpression(0);
    }
    while (this.at('{')) left = this.parseResourceBodies(left, false);
    return left;
  }

  /** `left { title: attrs; ... }`, or untitled `left { attrs }` (defaults, override). At `{`. */
  private parseResourceBodies(left: A.Expression, classResource: boolean): A.Expression {
    const lbraceIndex = this.index;
    const lbrace = this.advance();
    this.open(lbrace);
    const next = this.cur;
    const untitled =
      !classResource &&
      (next.kind === '}' ||
        (next.kind === '*' && this.peek().kind === '=>') ||
        (isAttributeName(next.kind) && (this.peek().kind === '=>' || this.peek().kind === '+>')));
    const bodies: A.ResourceBody[] = [];
    let attributes: A.AttributeEntry[] = [];
    try {
      if (untitled) {
        attributes = this.parseAttributes(attributes);
      } else {
        for (;;) {
          const title = this.parseExpression(0);
          const body: A.ResourceBody = { type: 'ResourceBody', start: title.start, end: title.end, title, attributes: [] };
          bodies.push(body);
          this.expect(':', 'expected \':\' after the resource title');
          this.parseAttributes(body.attributes);
          body.end = this.prevEnd;
          if (!this.at(';')) break;
          this.advance();
          if (this.at('}')) break;
        }
      }
      this.close(lbrace, '}', untitled ? "expected ',' or '}' after the attribute" : "expected ',', ';' or '}' in the resource body");
    } catch (e) {
      if (e !== ABORT) throw e;
      const enclosing = this.openers[this.openers.length - 2];
      if (enclosing && enclosing.kind !== '{' && this.tokens[lbraceIndex + 1].lineStart) {
        // `if foo($x {`: the `)` is missing and this `{` starts the enclosing block, not a
        // resource body. Give the `{` back so the `(` recovers up to it.
        this.openers.pop();
        this.rewindTo(lbraceIndex);
        throw e;
      }
      this.recoverTo(lbrace, '}');
    }
    const end = this.prevEnd;
    if (!untitled) {
      return { type: 'Resource', start: left.start, end, form: 'regular', typeName: left, bodies };
    }
    return this.untitledResource(left, attributes, lbrace, end);
  }

  /** What `left { attributes }` means, by the shape of `left` (Puppet's resource_shape). */
  private untitledResource(left: A.Expression, attributes: A.AttributeEntry[], lbrace: Token, end: number): A.Expression {
    switch (left.type) {
      case 'TypeReference':
        return { type: 'ResourceDefaults', start: left.start, end, typeRef: left, attributes };
      case 'Access':
        if (left.target.type === 'TypeReference' && left.target.value.toLowerCase() === 'resource' && left.keys.length === 1) {
          return { type: 'ResourceDefaults', start: left.start, end, typeRef: left, attributes };
        }
        return { type: 'ResourceOverride', start: left.start, end, target: left, attributes };
      case 'Name':
        if (attributes.some((a) => a.type === 'Attribute' && a.operator === '+>')) {
          this.syntaxError('SYNTAX_ERROR', "Syntax error: a resource body without a title cannot use '+>'", lbrace.start, lbrace.end);
        } else if (!STATEMENT_FUNCTIONS.has(left.value)) {
          this.checkErrors.push({
            code: 'RESOURCE_WITHOUT_TITLE',
            message: `This expression is invalid. Did you try declaring a '${left.value}' resource without a title?`,
            start: left.start,
            end,
          });
        }
        return { type: 'Resource', start: left.start, end, form: 'regular', typeName: left, bodies: [] };
      default:
        this.syntaxError(
          'ILLEGAL_RESOURCE_EXPRESSION',
          'Expression is not valid as a resource, resource-default, or resource-override',
          left.start,
          left.end,
        );
        return { type: 'Resource', start: left.start, end, form: 'regular', typeName: left, bodies: [] };
    }
  }

  /**
   * `name => value, name +> value, * => hash,` up to (not including) `}` or `;`. Recovers in place
   * from a missing ',' between attributes and from '=' written for '=>'.
   */
  private parseAttributes(into: A.AttributeEntry[]): A.AttributeEntry[] {
    if (this.at(',')) {
      // Puppet accepts `title: , }`: an empty list followed by the optional comma.
      this.advance();
      return into;
    }
    for (;;) {
      const t = this.cur;
      if (t.kind === '}' || t.kind === ';') return into;
      const errorsBefore = this.errorCount();
      into.push(this.parseAttribute());
      const after = this.cur;
      if (after.kind === ',') {
        this.advance();
        continue;
      }
      if (after.kind === '}' || after.kind === ';') return into;
      if (isAttributeName(after.kind) && (this.peek().kind === '=>' || this.peek().kind === '+>')) {
        // After a value that had its own error, the comma is likely only hidden by it.
        if (this.errorCount() === errorsBefore) {
          const previous = into[into.length - 1];
          this.reportAt(after, "expected ',' between attributes", [
            { start: previous.start, end: previous.end, message: 'missing comma after this attribute' },
          ]);
        }
        continue;
      }
      this.fail("expected ',' or '}' after the attribute");
    }
  }

  private parseAttribute(): A.AttributeEntry {
    const t = this.cur;
    if (t.kind === '*' && this.peek().kind === '=>') {
      this.advance();
      this.advance();
      const value = this.parseExpression(0);
      return { type: 'AttributesSplat', start: t.start, end: value.end, value };
    }
    if (!isAttributeName(t.kind)) this.fail('expected an attribute name');
    this.advance();
    const name: A.Identifier = { type: 'Identifier', start: t.start, end: t.end, value: t.value };
    const op = this.cur;
    let operator: '=>' | '+>';
    if (op.kind === '=>' || op.kind === '+>') {
      operator = op.kind;
      this.advance();
    } else if (op.kind === '=') {
      // `ensure = file`: report as Puppet does, then read it as '=>'.
      this.reportAt(op, "an attribute is set with '=>'");
      operator = '=>';
      this.advance();
    } else {
      return this.fail(`expected '=>' after the attribute name '${t.value}'`);
    }
    const value = this.parseExpression(0);
    return { type: 'Attribute', start: t.start, end: value.end, name, operator, value };
  }

  // ---- expressions ----

  /** Pratt parser over Puppet's expression operators; stops at any operator binding no tighter than `minPower`. */
  private parseExpression(minPower: number): A.Expression {
    this.enter();
    try {
      let left = this.parsePrefix();
      for (;;) {
        const t = this.cur;
        const kind = t.kind;
        if (kind === '[') {
          if (t.spaceBefore) return left;
          left = this.parseAccess(left);
        } else if (kind === '(') {
          if (t.lineStart) return left;
          left = this.parseCall(left);
        } else if (kind === '.') {
          left = this.parseMethodCall(left);
        } else if (kind === '<|' || kind === '<<|') {
          if (BP_COLLECT <= minPower) return left;
          left = this.parseCollector(left);
        } else if (kind === '?') {
          if (BP_SELECTOR <= minPower) return left;
          left = this.parseSelector(left);
        } else {
          const power = binaryPower.get(kind);
          if (power === undefined || power <= minPower) return left;
          this.advance();
          const right = this.parseExpression(power);
          left = {
            type: 'Binary',
            start: left.start,
            end: right.end,
            operator: kind as A.BinaryOperator,
            operatorStart: t.start,
            left,
            right,
          };
        }
      }
    } finally {
      this.depth--;
    }
  }

  private parsePrefix(): A.Expression {
    const t = this.cur;
    switch (t.kind) {
      case '-':
      case '!':
      case '*': {
        this.advance();
        const operand = this.parseExpression(t.kind === '-' ? BP_UMINUS : t.kind === '!' ? BP_NOT : BP_SPLAT);
        return { type: 'Unary', start: t.start, end: operand.end, operator: t.kind, operand };
      }
      case '(': {
        this.advance();
        this.open(t);
        try {
          const expression = this.parseAssignment();
          this.close(t, ')', "expected ')'");
          return { type: 'Parenthesized', start: t.start, end: this.prevEnd, expression };
        } catch (e) {
          if (e !== ABORT) throw e;
          this.recoverTo(t, ')');
          return { type: 'Parenthesized', start: t.start, end: this.prevEnd, expression: this.errorNode(t.end) };
        }
      }
      default:
        return this.parsePrimary();
    }
  }

  private parsePrimary(): A.Expression {
    const t = this.cur;
    switch (t.kind) {
      case 'variable':
        this.advance();
        if (t.value === '') this.reportAt(t, "'$' must be followed by a variable name");
        return { type: 'Variable', start: t.start, end: t.end, name: t.value };
      case 'name':
        this.advance();
        return { type: 'Name', start: t.start, end: t.end, value: t.value };
      case 'word':
        this.advance();
        return { type: 'String', start: t.start, end: t.end, value: t.value, quote: 'bare' };
      case 'classref':
        this.advance();
        return { type: 'TypeReference', start: t.start, end: t.end, value: t.value };
      case 'number':
        this.advance();
        return numberNode(t);
      case 'string':
        this.advance();
        return this.stringNode(t);
      case 'heredoc':
        this.advance();
        return this.heredocNode(t);
      case 'regex':
        this.advance();
        return { type: 'Regex', start: t.start, end: t.end, pattern: t.value };
      case 'true':
      case 'false':
        this.advance();
        return { type: 'Boolean', start: t.start, end: t.end, value: t.kind === 'true' };
      case 'default':
        this.advance();
        return { type: 'Default', start: t.start, end: t.end };
      case 'undef':
        this.advance();
        return { type: 'Undef', start: t.start, end: t.end };
      case 'private':
      case 'attr':
        this.advance();
        return { type: 'Reserved', start: t.start, end: t.end, word: t.kind };
      case '[':
        return this.parseArray();
      case '{':
        return this.parseHash();
      case 'case':
        return this.parseCase();
      case 'if':
        return this.parseIf();
      case 'unless':
        return this.parseUnless();
      case 'class':
        return this.parseClass();
      case 'define':
        return this.parseDefine();
      case 'node':
        return this.parseNode();
      case 'function':
        return this.parseFunction();
      case 'type':
        return this.parseTypeKeyword();
      case 'error':
        // Already reported by the lexer; stand in for the value and go on.
        this.lexicalErrorsSeen++;
        this.advance();
        return { type: 'Error', start: t.start, end: t.end };
      default:
        return this.fail();
    }
  }

  private stringNode(t: Token): A.StringLiteral | A.InterpolatedString {
    const quote = t.quote ?? "'";
    if (!t.parts) return { type: 'String', start: t.start, end: t.end, value: t.value, quote };
    return { type: 'InterpolatedString', start: t.start, end: t.end, parts: this.stringParts(t.parts) };
  }

  private heredocNode(t: Token): A.Heredoc {
    const h = t.heredoc!;
    const text: A.StringLiteral | A.InterpolatedString = h.parts
      ? { type: 'InterpolatedString', start: h.bodyStart, end: h.bodyEnd, parts: this.stringParts(h.parts) }
      : { type: 'String', start: h.bodyStart, end: h.bodyEnd, value: h.value, quote: 'heredoc' };
    return { type: 'Heredoc', start: t.start, end: t.end, tag: h.tag, syntax: h.syntax, text };
  }

  private stringParts(parts: NonNullable<Token['parts']>): Array<A.TextSegment | A.Interpolation> {
    return parts.map((part): A.TextSegment | A.Interpolation => {
      if (part.kind === 'text') return { type: 'Text', start: part.start, end: part.end, value: part.value };
      return { type: 'Interpolation', start: part.start, end: part.end, braced: part.braced, expression: this.parseInterpolated(part.tokens, part.end) };
    });
  }

  /** Parses the tokens of one `${...}` as an expression of their own. */
  private parseInterpolated(tokens: Token[], end: number): A.Expression {
    if (tokens.length === 1 && tokens[0].kind === 'variable') {
      const v = tokens[0];
      return { type: 'Variable', start: v.start, end: v.end, name: v.value };
    }
    const closeAt = Math.max(end - 1, tokens.length > 0 ? tokens[tokens.length - 1].end : end);
    const eof: Token = { kind: 'eof', start: closeAt, end: closeAt, value: '', spaceBefore: false, lineStart: false };
    const saved = { tokens: this.tokens, index: this.index, cur: this.cur, prevEnd: this.prevEnd, eofReported: this.eofReported };
    this.tokens = [...tokens, eof];
    this.index = 0;
    this.cur = this.tokens[0];
    this.eofReported = false;
    this.interpolationEnd = true;
    try {
      if (tokens.length === 0) this.fail('an interpolation needs an expression');
      const expression = this.parseAssignment();
      if (!this.at('eof')) this.fail("expected '}' to end the interpolation");
      return expression;
    } catch (e) {
      if (e !== ABORT) throw e;
      return { type: 'Error', start: tokens[0]?.start ?? closeAt, end: closeAt };
    } finally {
      this.tokens = saved.tokens;
      this.index = saved.index;
      this.cur = saved.cur;
      this.prevEnd = saved.prevEnd;
      this.eofReported = saved.eofReported;
      this.interpolationEnd = false;
    }
  }

  /** `[ entries ,? ]` at `[` (a list whether or not a space precedes it). */
  private parseArray(): A.ArrayLiteral {
    const open = this.advance();
    this.open(open);
    const elements: A.Expression[] = [];
    try {
      this.parseEntries(elements, ']', true);
      this.close(open, ']', "expected ',' or ']' in the array");
    } catch (e) {
      if (e !== ABORT) throw e;
      this.recoverTo(open, ']');
    }
    return { type: 'Array', start: open.start, end: this.prevEnd, elements };
  }

  /**
   * Comma-separated arguments up to `closer` (not consumed): assignments, or `key => value`
   * pairs, which Puppet folds into one hash per run of pairs.
   */
  private parseEntries(into: A.Expression[], closer: TokenKind, collection: boolean, trailingComma = true): void {
    while (!this.at(closer)) {
      const t = this.cur;
      let key: A.Expression;
      const next = this.peek().kind;
      if (collection && (t.kind === 'type' || t.kind === 'function') && (next === ',' || next === '=>' || next === closer)) {
        this.advance();
        key = { type: 'String', start: t.start, end: t.end, value: t.value, quote: 'bare' };
      } else {
        key = this.parseAssignment();
      }
      if (this.at('=>')) {
        this.advance();
        const value = this.parseHashValue();
        const entry: A.HashEntry = { type: 'HashEntry', start: key.start, end: value.end, key, value };
        const last = into[into.length - 1];
        if (last && last.type === 'Hash' && !last.braced) {
          last.entries.push(entry);
          last.end = entry.end;
        } else {
          into.push({ type: 'Hash', start: entry.start, end: entry.end, entries: [entry], braced: false });
        }
      } else {
        into.push(key);
      }
      if (!this.at(',')) return;
      this.advance();
      if (!trailingComma && this.at(closer)) this.fail();
    }
  }

  /** A hash key or value: an assignment, or `type`/`function` as a word. */
  private parseHashValue(): A.Expression {
    const t = this.cur;
    if (t.kind === 'type' || t.kind === 'function') {
      const next = this.peek().kind;
      if (next === ',' || next === '}' || next === ']' || next === ')' || next === '=>') {
        this.advance();
        return { type: 'String', start: t.start, end: t.end, value: t.value, quote: 'bare' };
      }
    }
    return this.parseAssignment();
  }

  /** `{ key => value, ... }` at `{`. */
  private parseHash(): A.HashLiteral {
    const open = this.advance();
    this.open(open);
    const entries: A.HashEntry[] = [];
    try {
      while (!this.at('}')) {
        const key = this.parseHashValue();
        this.expect('=>', "expected '=>' after the hash key");
        const value = this.parseHashValue();
        entries.push({ type: 'HashEntry', start: key.start, end: value.end, key, value });
        if (this.at(',')) {
          this.advance();
          continue;
        }
        if (this.at('}')) break;
        if (this.looksLikeEntry()) {
          const previous = entries[entries.length - 1];
          this.reportAt(this.cur, "expected ',' between hash entries", [
            { start: previous.start, end: previous.end, message: 'missing comma after this entry' },
          ]);
          continue;
        }
        this.fail("expected ',' or '}' in the hash");
      }
      this.close(open, '}', "expected ',' or '}' in the hash");
    } catch (e) {
      if (e !== ABORT) throw e;
      this.recoverTo(open, '}');
    }
    return { type: 'Hash', start: open.start, end: this.prevEnd, entries, braced: true };
  }

  /** A simple key followed by `=>`: where a ',' was most likely forgotten before it. */
  private looksLikeEntry(): boolean {
    const k = this.cur.kind;
    const simple = k === 'string' || k === 'name' || k === 'variable' || k === 'number' || k === 'classref' || k === 'default' || k === 'word';
    return simple && this.cur.lineStart && this.peek().kind === '=>';
  }

  /** `target[keys ,?]` at a `[` that directly follows the target. */
  private parseAccess(target: A.Expression): A.AccessExpression {
    const open = this.advance();
    this.open(open);
    const keys: A.Expression[] = [];
    try {
      if (this.at(']')) this.fail('an access needs at least one key');
      this.parseAccessKeys(keys);
      this.close(open, ']', "expected ',' or ']'");
    } catch (e) {
      if (e !== ABORT) throw e;
      this.recoverTo(open, ']');
    }
    return { type: 'Access', start: target.start, end: this.prevEnd, target, keys };
  }

  /**
   * Access arguments: expressions or `k => v` pairs, with an optional trailing comma. A pair's key
   * may be any assignment, so Puppet reads on through `$a['k' { ...` as a resource before failing;
   * we do the same to fail on the same token.
   */
  private parseAccessKeys(keys: A.Expression[], trailingComma = true): void {
    for (;;) {
      const key = this.parseAssignment();
      if (!this.at('=>') && isStatementOnly(key)) this.fail("expected ',' or ']'");
      if (this.at('=>')) {
        this.advance();
        const value = this.parseHashValue();
        const entry: A.HashEntry = { type: 'HashEntry', start: key.start, end: value.end, key, value };
        keys.push({ type: 'Hash', start: entry.start, end: entry.end, entries: [entry], braced: false });
      } else {
        keys.push(key);
      }
      if (!this.at(',')) return;
      this.advance();
      if (trailingComma && this.at(']')) return;
    }
  }

  /** `callee(args ,?) lambda?` at a `(` that is not first on its line. */
  private parseCall(callee: A.Expression): A.CallExpression {
    const open = this.advance();
    const args = this.parseArguments(open, true);
    const lambda = this.at('|') ? this.parseLambda() : undefined;
    return { type: 'Call', start: callee.start, end: this.prevEnd, callee, args, lambda, parens: true };
  }

  /** Arguments after `(` up to and including `)`. */
  private parseArguments(open: Token, trailingComma: boolean): A.Expression[] {
    this.open(open);
    const args: A.Expression[] = [];
    try {
      if (!this.at(')')) this.parseEntries(args, ')', false, trailingComma);
      this.close(open, ')', "expected ',' or ')' in the argument list");
    } catch (e) {
      if (e !== ABORT) throw e;
      this.recoverTo(open, ')');
    }
    return args;
  }

  /** `receiver.name`, `receiver.name(args)`, with an optional lambda. At `.`. */
  private parseMethodCall(receiver: A.Expression): A.MethodCall {
    this.advance();
    const t = this.cur;
    if (t.kind !== 'name' && t.kind !== 'type') this.fail('expected a function name after \'.\'');
    this.advance();
    const method: A.Identifier = { type: 'Identifier', start: t.start, end: t.end, value: t.value };
    let args: A.Expression[] = [];
    let parens = false;
    if (this.at('(') && !this.cur.lineStart) {
      parens = true;
      // Puppet's grammar takes no trailing comma in a method call's arguments.
      args = this.parseArguments(this.advance(), false);
    }
    const lambda = this.at('|') ? this.parseLambda() : undefined;
    return { type: 'MethodCall', start: receiver.start, end: this.prevEnd, receiver, method, args, lambda, parens };
  }

  /** `|params| >> Type { body }` at `|`. */
  private parseLambda(): A.Lambda {
    const open = this.advance();
    const parameters: A.Parameter[] = [];
    if (!this.at('|')) {
      this.parseParameterList(parameters, '|');
    }
    this.expect('|', "expected ',' or '|' after the lambda parameters");
    const returnType = this.parseReturnType();
    const body = this.parseBlock('a lambda');
    return { type: 'Lambda', start: open.start, end: body.end, parameters, returnType, body };
  }

  private parseReturnType(): A.Expression | undefined {
    if (!this.at('>>')) return undefined;
    this.advance();
    const t = this.expect('classref', 'expected a return type after \'>>\'');
    const type: A.TypeReference = { type: 'TypeReference', start: t.start, end: t.end, value: t.value };
    if (!this.at('[') || this.cur.spaceBefore) return type;
    const open = this.advance();
    this.open(open);
    const keys: A.Expression[] = [];
    this.parseAccessKeys(keys, false);
    this.close(open, ']');
    return { type: 'Access', start: type.start, end: this.prevEnd, target: type, keys };
  }

  /** `Type <| query |>` or `Type <<| query |>>`, with optional `{ attributes }`. */
  private parseCollector(typeRef: A.Expression): A.Collector {
    const open = this.advance();
    const exported = open.kind === '<<|';
    const closer: TokenKind = exported ? '|>>' : '|>';
    let query: A.Expression | undefined;
    if (!this.at(closer)) query = this.parseExpression(0);
    this.expect(closer, `expected '${closer}' to end the collector query`);
    const collector: A.Collector = { type: 'Collector', start: typeRef.start, end: this.prevEnd, typeRef, exported, query, attributes: [] };
    if (this.at('{')) {
      const lbrace = this.advance();
      this.open(lbrace);
      try {
        this.parseAttributes(collector.attributes);
        this.close(lbrace, '}', "expected ',' or '}' after the attribute");
      } catch (e) {
        if (e !== ABORT) throw e;
        this.recoverTo(lbrace, '}');
      }
      collector.end = this.prevEnd;
    }
    return collector;
  }

  /** `subject ? { match => value, ... }` or `subject ? match => value`. At `?`. */
  private parseSelector(subject: A.Expression): A.SelectorExpression {
    this.advance();
    const entries: A.SelectorEntry[] = [];
    if (!this.at('{')) {
      entries.push(this.parseSelectorEntry());
      return { type: 'Selector', start: subject.start, end: this.prevEnd, subject, entries };
    }
    const open = this.advance();
    this.open(open);
    try {
      for (;;) {
        entries.push(this.parseSelectorEntry());
        if (this.at(',')) {
          this.advance();
          if (this.at('}')) break;
          continue;
        }
        if (this.at('}')) break;
        if (this.looksLikeEntry()) {
          const previous = entries[entries.length - 1];
          this.reportAt(this.cur, "expected ',' between selector options", [
            { start: previous.start, end: previous.end, message: 'missing comma after this option' },
          ]);
          continue;
        }
        this.fail("expected ',' or '}' in the selector");
      }
      this.close(open, '}');
    } catch (e) {
      if (e !== ABORT) throw e;
      this.recoverTo(open, '}');
    }
    return { type: 'Selector', start: subject.start, end: this.prevEnd, subject, entries };
  }

  private parseSelectorEntry(): A.SelectorEntry {
    const match = this.parseExpression(0);
    this.expect('=>', "expected '=>' in the selector option");
    const value = this.parseExpression(0);
    return { type: 'SelectorEntry', start: match.start, end: value.end, match, value };
  }

  // ---- control flow ----

  /**
   * `{ statements }`; `what` names the construct for messages. When the `{` is missing but the
   * body starts on the next line, reports it and reads the body anyway, up to its `}`.
   */
  private parseBlock(what: string, caseOption = false): A.Block {
    const hint = `expected '{' to start ${what}`;
    let open: Token;
    if (this.at('{')) open = this.advance();
    else if (this.cur.lineStart && !this.at('}') && !this.at('eof')) {
      this.reportAt(this.cur, hint);
      // A stand-in `{` at the end of the construct's last token.
      const before = this.tokens[this.index - 1];
      open = { ...before, kind: '{', value: '{', start: before.end };
    } else return this.fail(hint);
    this.enter();
    this.open(open);
    try {
      const statements = this.parseStatements(open, caseOption);
      if (this.blockLostCloser) {
        this.blockLostCloser = false;
        this.openers.pop();
      } else {
        if (this.at('eof')) this.blockCutAtEnd = { type: 'Block', start: open.start, end: this.prevEnd, statements };
        this.close(open, '}');
      }
      return { type: 'Block', start: open.start, end: this.prevEnd, statements };
    } finally {
      this.depth--;
    }
  }

  private parseIf(): A.IfExpression {
    const t = this.advance();
    const condition = this.parseExpression(0);
    const then = this.parseBlock("the 'if' body");
    const node: A.IfExpression = { type: 'If', start: t.start, end: then.end, keyword: t.kind === 'elsif' ? 'elsif' : 'if', condition, then };
    if (this.at('elsif')) {
      this.enter();
      try {
        node.else = this.parseIf();
      } finally {
        this.depth--;
      }
    } else if (this.at('else')) {
      this.advance();
      node.else = this.parseBlock("the 'else' body");
    }
    node.end = this.prevEnd;
    return node;
  }

  private parseUnless(): A.UnlessExpression {
    const t = this.advance();
    const condition = this.parseExpression(0);
    const then = this.parseBlock("the 'unless' body");
    const node: A.UnlessExpression = { type: 'Unless', start: t.start, end: then.end, condition, then };
    if (this.at('else')) {
      this.advance();
      node.else = this.parseBlock("the 'else' body");
    }
    node.end = this.prevEnd;
    return node;
  }

  private parseCase(): A.CaseExpression {
    const t = this.advance();
    const subject = this.parseExpression(0);
    const open = this.expect('{', "expected '{' after the case expression");
    this.open(open);
    const options: A.CaseOption[] = [];
    try {
      do {
        const values: A.Expression[] = [this.parseExpression(0)];
        while (this.at(',')) {
          this.advance();
          values.push(this.parseExpression(0));
        }
        this.expect(':', "expected ',' or ':' after the case value");
        const body = this.parseBlock('the case option body', true);
        options.push({ type: 'CaseOption', start: values[0].start, end: body.end, values, body });
      } while (!this.at('}'));
      this.close(open, '}');
    } catch (e) {
      if (e !== ABORT) throw e;
      this.recoverTo(open, '}');
    }
    return { type: 'Case', start: t.start, end: this.prevEnd, subject, options };
  }

  // ---- definitions ----

  /** A class, define or function name: a name, word or type name (Puppet's `classname`). */
  private parseDefinitionName(): A.Identifier {
    const t = this.cur;
    if (t.kind === 'name' || t.kind === 'word' || t.kind === 'classref') {
      this.advance();
      return { type: 'Identifier', start: t.start, end: t.end, value: t.value };
    }
    if (t.kind === 'string' && !t.parts) {
      this.syntaxError('QUOTED_NAME', 'A quoted string is not valid as a name here', t.start, t.end);
      this.advance();
      return { type: 'Identifier', start: t.start, end: t.end, value: t.value };
    }
    if (t.kind === 'class') {
      this.syntaxError('CLASS_KEYWORD_AS_NAME', "'class' keyword not allowed at this location", t.start, t.end);
      this.advance();
      return { type: 'Identifier', start: t.start, end: t.end, value: t.value };
    }
    return this.fail('expected a name');
  }

  private parseClass(): A.ClassDefinition | A.Expression {
    const t = this.advance();
    const nameToken = this.cur;
    const name = this.parseDefinitionName();
    if (nameToken.kind === 'string' && this.at(':')) {
      // `class 'apache': ...` is a class resource that lost its `{` (reported as a quoted name).
      const typeName: A.Name = { type: 'Name', start: t.start, end: t.end, value: 'class' };
      const title: A.StringLiteral = { type: 'String', start: name.start, end: name.end, value: name.value, quote: nameToken.quote ?? "'" };
      return this.bodyWithoutBrace(typeName, title);
    }
    const parameters = this.parseParameters();
    let parent: A.Identifier | undefined;
    if (this.at('inherits')) {
      this.advance();
      const p = this.cur;
      if (p.kind === 'default') {
        this.advance();
        parent = { type: 'Identifier', start: p.start, end: p.end, value: 'default' };
      } else {
        parent = this.parseDefinitionName();
      }
    }
    return this.parseDefinitionBody('the class body', 'A Host Class Definition', (body) => ({
      type: 'Class', start: t.start, end: body.end, name, parameters, parent, body,
    }));
  }

  private parseDefine(): A.DefineDefinition {
    const t = this.advance();
    const name = this.parseDefinitionName();
    const parameters = this.parseParameters();
    return this.parseDefinitionBody('the define body', "A 'define' expression", (body) => ({
      type: 'Define', start: t.start, end: body.end, name, parameters, body,
    }));
  }

  private parseFunction(): A.FunctionDefinition {
    const t = this.advance();
    const name = this.parseDefinitionName();
    const parameters = this.parseParameters();
    const returnType = this.parseReturnType();
    const body = this.parseBlock('the function body');
    return { type: 'Function', start: t.start, end: body.end, name, parameters, returnType, body };
  }

  private parseNode(): A.NodeDefinition {
    const t = this.advance();
    const matches: A.Expression[] = [this.parseHostname()];
    while (this.at(',')) {
      this.advance();
      if (this.at('{') || this.at('inherits')) break;
      matches.push(this.parseHostname());
    }
    let parent: A.Expression | undefined;
    if (this.at('inherits')) {
      this.advance();
      parent = this.parseHostname();
    }
    return this.parseDefinitionBody('the node body', 'A Node Definition', (body) => ({
      type: 'Node', start: t.start, end: body.end, matches, parent, body,
    }));
  }

  /** A node match: dotted name (`web01.example.com`), string, regex or `default`. */
  private parseHostname(): A.Expression {
    const t = this.cur;
    switch (t.kind) {
      case 'name':
      case 'number': {
        this.advance();
        let end = t.end;
        while (this.at('.') && (this.peek().kind === 'name' || this.peek().kind === 'number')) {
          this.advance();
          end = this.advance().end;
        }
        return { type: 'String', start: t.start, end, value: this.text.slice(t.start, end), quote: 'bare' };
      }
      case 'word':
      case 'string':
      case 'heredoc':
      case 'regex':
      case 'default':
        return this.parsePrimary();
      default:
        return this.fail('expected a node name, string, regex or default');
    }
  }

  /** `type Name = Type`, `type Name { }` or the function call `type(...)`. At `type`. */
  private parseTypeKeyword(): A.Expression {
    const t = this.advance();
    if (this.at('(') && !this.cur.lineStart) {
      const callee: A.Name = { type: 'Name', start: t.start, end: t.end, value: 'type' };
      return this.parseCall(callee);
    }
    const nameToken = this.expect('classref', 'expected a type name after \'type\'');
    let name: A.Expression = { type: 'TypeReference', start: nameToken.start, end: nameToken.end, value: nameToken.value };
    if (this.at('{') || this.at('inherits')) {
      let parent: A.Identifier | undefined;
      if (this.at('inherits')) {
        this.advance();
        const p = this.expect('classref', 'expected a type name after \'inherits\'');
        parent = { type: 'Identifier', start: p.start, end: p.end, value: p.value };
      }
      const body = this.parseBlock('the type body');
      const id: A.Identifier = { type: 'Identifier', start: nameToken.start, end: nameToken.end, value: nameToken.value };
      return { type: 'TypeDefinition', start: t.start, end: body.end, name: id, parent, body };
    }
    if (this.at('[') && !this.cur.spaceBefore) {
      const open = this.advance();
      this.open(open);
      const keys: A.Expression[] = [];
      this.parseAccessKeys(keys, false);
      this.close(open, ']');
      name = { type: 'Access', start: name.start, end: this.prevEnd, target: name, keys };
    }
    this.expect('=', "expected '=' in the type alias");
    const value = this.parseTypeAliasValue();
    return { type: 'TypeAlias', start: t.start, end: value.end, name, value };
  }

  /** `Type`, `Type[args]`, `Type { hash }`, a hash, or an array. */
  private parseTypeAliasValue(): A.Expression {
    const t = this.cur;
    if (t.kind === '{') return this.parseHash();
    if (t.kind === '[') return this.parseArray();
    this.expect('classref', 'expected a type after \'=\'');
    const type: A.TypeReference = { type: 'TypeReference', start: t.start, end: t.end, value: t.value };
    if (this.at('{')) {
      const hash = this.parseHash();
      return { type: 'Access', start: type.start, end: hash.end, target: type, keys: [hash] };
    }
    if (this.at('[') && !this.cur.spaceBefore) return this.parseAccess(type);
    return type;
  }

  /** An optional `( parameters ,? )`. */
  private parseParameters(): A.Parameter[] {
    const parameters: A.Parameter[] = [];
    if (!this.at('(')) return parameters;
    const open = this.advance();
    this.open(open);
    try {
      if (!this.at(')')) this.parseParameterList(parameters, ')');
      this.close(open, ')', "expected ',' or ')' in the parameter list");
    } catch (e) {
      if (e !== ABORT) throw e;
      this.recoverTo(open, ')');
    }
    return parameters;
  }

  /** `Type *$name = default, ...` with an optional trailing comma, up to `closer` (not consumed). */
  private parseParameterList(into: A.Parameter[], closer: TokenKind): void {
    for (;;) {
      into.push(this.parseParameter());
      if (!this.at(',')) return;
      this.advance();
      if (this.at(closer)) return;
    }
  }

  private parseParameter(): A.Parameter {
    const start = this.cur.start;
    let typeExpr: A.Expression | undefined;
    if (this.at('classref')) {
      const t = this.advance();
      typeExpr = { type: 'TypeReference', start: t.start, end: t.end, value: t.value };
      if (this.at('[') && !this.cur.spaceBefore) {
        const open = this.advance();
        this.open(open);
        const keys: A.Expression[] = [];
        this.parseAccessKeys(keys, false);
        this.close(open, ']', "expected ',' or ']' in the type");
        typeExpr = { type: 'Access', start: typeExpr.start, end: this.prevEnd, target: typeExpr, keys };
      }
    }
    let captureRest = false;
    if (this.at('*')) {
      this.advance();
      captureRest = true;
    }
    const v = this.expect('variable', 'expected a parameter ($name)');
    let defaultValue: A.Expression | undefined;
    if (this.at('=')) {
      this.advance();
      defaultValue = this.parseExpression(0);
    }
    return { type: 'Parameter', start, end: this.prevEnd, name: v.value, nameStart: v.start, nameEnd: v.end, typeExpr, defaultValue, captureRest };
  }

  // ---- statement-list checks (Puppet's validation of values that have no effect) ----

  private checkNoEffect(statements: A.Expression[]): void {
    for (let i = 0; i < statements.length - 1; i++) {
      const s = statements[i];
      if (isIdem(s)) {
        this.checkErrors.push({
          code: 'IDEM_EXPRESSION_NOT_LAST',
          message: `This ${label(s)} has no effect. A value was produced and then forgotten (one or more preceding expressions may have the wrong form)`,
          start: s.start,
          end: s.end,
        });
        return;
      }
    }
  }

  /**
   * A class, define or node body, which must not end with a plain value; `definition` makes the
   * node that holds it. When the text ends inside the body (as it does while someone types at the
   * end of a file), the error unwinds as any other, but the statement it lands in keeps the
   * definition with the statements read so far, so the outline and hover still see them.
   */
  private parseDefinitionBody<D extends A.Expression>(what: string, container: string, definition: (body: A.Block) => D): D {
    const errorsBefore = this.errorCount();
    // parseBlock fails either before its `{` or at the end of input in place of its `}`: a cut block is its own.
    this.blockCutAtEnd = undefined;
    let body: A.Block;
    try {
      body = this.parseBlock(what);
    } catch (e) {
      if (e === ABORT && this.blockCutAtEnd) this.definitionCutAtEnd = definition(this.blockCutAtEnd);
      throw e;
    }
    const last = body.statements[body.statements.length - 1];
    if (last && isIdem(last) && this.errorCount() === errorsBefore) {
      this.checkErrors.push({
        code: 'IDEM_NOT_ALLOWED_LAST',
        message: `This ${label(last)} has no effect. ${container} can not end with a value-producing expression without other effect`,
        start: last.start,
        end: last.end,
      });
    }
    return definition(body);
  }
}

/** Blanks at the start of the line holding `offset` (a direct scan: for lines of ordinary length). */
function lineIndent(text: string, offset: number): number {
  let i = text.lastIndexOf('\n', offset - 1) + 1;
  const lineStart = i;
  while (i < offset && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i - lineStart;
}

function withHint(message: string, hint: string | undefined): string {
  return hint ? `${message}; ${hint}` : message;
}

function numberNode(t: Token): A.NumberLiteral {
  const raw = t.value;
  const hex = raw.length > 1 && (raw[1] === 'x' || raw[1] === 'X');
  const float = !hex && /[.eE]/.test(raw);
  const octal = !hex && !float && raw.length > 1 && raw[0] === '0';
  const value = hex ? parseInt(raw.slice(2), 16) : octal ? parseInt(raw, 8) : Number(raw);
  return { type: 'Number', start: t.start, end: t.end, raw, value, float };
}

/** Expressions Puppet's grammar allows only where a statement (or hash key) may stand. */
function isStatementOnly(e: A.Expression): boolean {
  switch (e.type) {
    case 'Assignment':
    case 'Relationship':
    case 'Resource':
    case 'ResourceDefaults':
    case 'ResourceOverride':
      return true;
    default:
      return false;
  }
}

/** Puppet's idem check: the expression is known to have no effect. */
function isIdem(e: A.Expression | A.Block | undefined): boolean {
  if (!e) return true;
  switch (e.type) {
    case 'Name':
    case 'TypeReference':
    case 'Variable':
    case 'String':
    case 'InterpolatedString':
    case 'Heredoc':
    case 'Number':
    case 'Boolean':
    case 'Undef':
    case 'Default':
    case 'Regex':
    case 'Array':
    case 'Hash':
    case 'Access':
    case 'Unary':
    case 'Selector':
      return true;
    case 'Binary':
      return e.operator !== '=~' && e.operator !== '!~';
    case 'Parenthesized':
      return isIdem(e.expression);
    case 'Block':
      return e.statements.every((s) => isIdem(s));
    case 'If':
    case 'Unless':
      return isIdem(e.condition) && isIdem(e.then) && isIdem(e.else);
    case 'Case':
      return isIdem(e.subject) && e.options.every((o) => o.values.every((v) => isIdem(v)) && isIdem(o.body));
    default:
      return false;
  }
}

/** Puppet's label for an expression in "This ... has no effect". */
function label(e: A.Expression): string {
  switch (e.type) {
    case 'Name':
      return 'Name';
    case 'TypeReference':
      return 'Type-Name';
    case 'Variable':
      return 'Variable';
    case 'String':
      return 'String';
    case 'InterpolatedString':
      return 'Double Quoted String';
    case 'Heredoc':
      return `'@(${e.syntax})' expression`;
    case 'Number':
      return e.float ? 'Literal Float' : 'Literal Integer';
    case 'Boolean':
      return 'Boolean';
    case 'Undef':
      return "'undef' expression";
    case 'Default':
      return "'default' expression";
    case 'Regex':
      return 'Regular Expression';
    case 'Array':
      return 'Array Expression';
    case 'Hash':
      return 'Hash Expression';
    case 'Access':
      return "'[]' expression";
    case 'Unary':
      return e.operator === '-' ? 'Unary Minus' : e.operator === '!' ? "'not' expression" : 'Unfold';
    case 'Selector':
      return 'Selector Expression';
    case 'Binary':
      return `'${e.operator}' expression`;
    case 'Parenthesized':
      return 'Parenthesized Expression';
    case 'If':
      return "'if' statement";
    case 'Unless':
      return "'unless' Statement";
    case 'Case':
      return "'case' statement";
    default:
      return 'Expression';
  }
}
