// The Puppet lexer: text to tokens, in one linear pass, never throwing.
//
// It follows Puppet's own lexer (lexer2.rb) on every context rule that changes what the parser
// sees: regex versus division, list `[` versus access `[`, grouping `(` versus call `(`,
// interpolation `${x}` turning a bare name into a variable, and heredoc text being taken from the
// lines after the `@(...)` tag. Where Puppet stops at the first lexical error, we emit an 'error'
// token and go on.
import type { HeredocInfo, InterpolationPart, StringPart, Token, TokenKind, Trivia } from './tokens';
import { KEYWORDS } from './tokens';
import type { PuppetIssueCode, PuppetSyntaxError } from './syntaxError';

export interface LexOptions {
  /** Also record whitespace and line breaks as trivia (comments are always recorded). */
  whitespace?: boolean;
}

export interface LexResult {
  /** Source-ordered tokens, ending with an 'eof' token. */
  tokens: Token[];
  /** Comments (and, with `whitespace`, blanks and line breaks) in source order. */
  trivia: Trivia[];
  errors: PuppetSyntaxError[];
}

export function lexPuppet(text: string, options: LexOptions = {}): LexResult {
  const lexer = new Lexer(text, options.whitespace === true);
  const tokens = lexer.lexAll();
  return { tokens, trivia: lexer.trivia, errors: lexer.errors };
}

/** How deep strings may nest inside interpolations inside strings before we give up. */
const MAX_STRING_NESTING = 32;

const keywordSet: ReadonlySet<string> = new Set(KEYWORDS);
// A keyword token's kind is the constant string, not the slice of the text that spelled it: the
// parser compares kinds all the time, and constants compare by identity.
const keywordKinds: ReadonlyMap<string, TokenKind> = new Map(KEYWORDS.map((k) => [k, k]));

// Tokens after which a `/` is division, not the start of a regex (Puppet's regexp_acceptable?).
const operandEnds: ReadonlySet<TokenKind> = new Set<TokenKind>([
  ')', ']', '|>', '|>>', 'name', 'classref', 'number', 'string', 'true', 'false', 'heredoc', 'regex', 'variable', 'word',
]);

/** Puppet's `[[:blank:]]` as a regex class. */
const BLANKS = '[\\t \\u00a0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000]';

// What goes between `@(` and `)`: endtag, optional `:syntax`, optional `/escapes`.
const heredocSpec = new RegExp(`^([^:/\\r\\n)]+)(?::${BLANKS}*([a-z][a-zA-Z0-9_+]+)${BLANKS}*)?(?:/((?:\\w|\\$)*)${BLANKS}*)?$`);

const DQ_ESCAPES = '\\$\'"rntsu\n';
const ALL_HEREDOC_ESCAPES = 'trnsuL$';

const CH_TAB = 9;
const CH_LF = 10;
const CH_CR = 13;
const CH_SPACE = 32;
const CH_DQUOTE = 34;
const CH_DOLLAR = 36;
const CH_SQUOTE = 39;
const CH_STAR = 42;
const CH_MINUS = 45;
const CH_DOT = 46;
const CH_SLASH = 47;
const CH_0 = 48;
const CH_7 = 55;
const CH_9 = 57;
const CH_COLON = 58;
const CH_A = 65;
const CH_Z = 90;
const CH_BACKSLASH = 92;
const CH_UNDERSCORE = 95;
const CH_a = 97;
const CH_z = 122;
const CH_LBRACE = 123;
const CH_RBRACE = 125;

function isDigit(c: number): boolean {
  return c >= CH_0 && c <= CH_9;
}
function isUpper(c: number): boolean {
  return c >= CH_A && c <= CH_Z;
}
function isLower(c: number): boolean {
  return c >= CH_a && c <= CH_z;
}
/** Ruby's ASCII `\w`. */
function isWordChar(c: number): boolean {
  return isLower(c) || isUpper(c) || isDigit(c) || c === CH_UNDERSCORE;
}
function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
/** Puppet's `[[:blank:]\r]`: space, tab, CR and the Unicode space separators. */
function isBlank(c: number): boolean {
  return (
    c === CH_SPACE ||
    c === CH_TAB ||
    c === CH_CR ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

interface StringBodyOptions {
  /** Stop at an unescaped `"` (double-quoted string); otherwise run to `limit` (heredoc text). */
  quoted: boolean;
  /** Characters that may follow `\`; '\n' stands for a line continuation. */
  escapes: string;
  interpolate: boolean;
  /** Heredoc `|` margin removed from the start of each line. */
  margin: string;
}

interface StringBody {
  parts: StringPart[] | undefined;
  value: string;
  /** Just past the closing quote, or the limit. */
  end: number;
  terminated: boolean;
}

class Lexer {
  readonly trivia: Trivia[] = [];
  readonly errors: PuppetSyntaxError[] = [];
  private pos = 0;
  private limit: number;
  private lastKind: TokenKind | undefined;
  /** Where the next line break jumps to: past the text of heredocs opened on the current line. */
  private heredocJump = -1;
  private stringDepth = 0;
  private parenCache = { from: Infinity, found: -1 };
  /** A regex starting at or after this offset has no closing '/'. */
  private noRegexEndFrom = Infinity;
  /** Trivia inside interpolations lies inside a string token; it is not recorded. */
  private recordTrivia = true;

  constructor(
    private readonly text: string,
    private readonly recordWhitespace: boolean,
  ) {
    this.limit = text.length;
  }

  lexAll(): Token[] {
    const tokens: Token[] = [];
    for (;;) {
      this.skipTrivia();
      if (this.pos >= this.limit) break;
      const token = this.scanToken();
      this.lastKind = token.kind;
      tokens.push(token);
    }
    tokens.push(this.token('eof', this.text.length, this.text.length, ''));
    return tokens;
  }

  // ---- trivia ----

  private skipTrivia(): void {
    const text = this.text;
    const limit = this.limit;
    while (this.pos < limit) {
      const start = this.pos;
      const c = text.charCodeAt(start);
      if (c === CH_LF) {
        this.pos = start + 1;
        this.addTrivia('newline', start, start + 1, false);
        if (this.heredocJump >= 0 && this.recordTrivia) {
          this.pos = Math.max(this.pos, this.heredocJump);
          this.heredocJump = -1;
        }
      } else if (isBlank(c)) {
        let i = start + 1;
        while (i < limit && isBlank(text.charCodeAt(i))) i++;
        this.pos = i;
        this.addTrivia('whitespace', start, i, false);
      } else if (c === 35 /* # */) {
        // indexOf finds the line end far faster than a loop: modules carry long comment blocks.
        const lineEnd = text.indexOf('\n', start + 1);
        const i = lineEnd < 0 || lineEnd > limit ? limit : lineEnd;
        this.pos = i;
        this.addTrivia('lineComment', start, i, true);
      } else if (c === CH_SLASH && text.charCodeAt(start + 1) === CH_STAR) {
        const close = text.indexOf('*/', start + 2);
        // An unclosed comment is left to scanToken, which makes it an error token.
        if (close < 0 || close + 2 > limit) return;
        this.pos = close + 2;
        this.addTrivia('blockComment', start, close + 2, true);
      } else {
        return;
      }
    }
  }

  private addTrivia(kind: Trivia['kind'], start: number, end: number, comment: boolean): void {
    if (this.recordTrivia && (comment || this.recordWhitespace)) this.trivia.push({ kind, start, end });
  }

  // ---- tokens ----

  private token(kind: TokenKind, start: number, end: number, value: string): Token {
    const text = this.text;
    const before = start > 0 ? text.charCodeAt(start - 1) : CH_LF;
    let i = start - 1;
    while (i >= 0 && isBlank(text.charCodeAt(i))) i--;
    return {
      kind,
      start,
      end,
      value,
      spaceBefore: before === CH_LF || isBlank(before),
      lineStart: i < 0 || text.charCodeAt(i) === CH_LF,
    };
  }

  private punct(kind: TokenKind, length: number): Token {
    const start = this.pos;
    this.pos = start + length;
    return this.token(kind, start, start + length, kind);
  }

  private error(code: PuppetIssueCode, message: string, start: number, end: number): void {
    this.errors.push({ code, message, start, end });
  }

  private errorToken(code: PuppetIssueCode, message: string, start: number, end: number, reportEnd = end): Token {
    this.error(code, message, start, reportEnd);
    const token = this.token('error', start, end, this.text.slice(start, end));
    token.message = message;
    token.code = code;
    this.pos = end;
    return token;
  }

  /** Scans one token at `pos` (which is not trivia and is below the limit). */
  private scanToken(): Token {
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    const c1 = text.charCodeAt(start + 1);
    if (isLower(c) || c === CH_UNDERSCORE) return this.scanBareWord(start);
    if (isUpper(c)) return this.scanClassRef(start);
    if (isDigit(c)) return this.scanNumber(start);
    switch (c) {
      case CH_DOLLAR:
        return this.scanVariable(start);
      case CH_SQUOTE:
        return this.scanSingleQuoted(start);
      case CH_DQUOTE:
        return this.scanDoubleQuoted(start);
      case 40:
        return this.punct('(', 1);
      case 41:
        return this.punct(')', 1);
      case 91:
        return this.punct('[', 1);
      case 93:
        return this.punct(']', 1);
      case CH_LBRACE:
        return this.punct('{', 1);
      case CH_RBRACE:
        return this.punct('}', 1);
      case 44:
        return this.punct(',', 1);
      case 59:
        return this.punct(';', 1);
      case CH_DOT:
        return this.punct('.', 1);
      case 63:
        return this.punct('?', 1);
      case CH_STAR:
        return this.punct('*', 1);
      case 37:
        return this.punct('%', 1);
      case CH_COLON:
        if (c1 === CH_COLON) {
          const c2 = text.charCodeAt(start + 2);
          if (isUpper(c2)) return this.scanClassRef(start);
          if (isLower(c2) || c2 === CH_UNDERSCORE) return this.scanBareWord(start);
          return this.errorToken('ILLEGAL_FULLY_QUALIFIED_NAME', "Illegal fully qualified name: '::' must be followed by a name", start, start + 2);
        }
        return this.punct(':', 1);
      case 64 /* @ */:
        if (c1 === 64) return this.punct('@@', 2);
        if (c1 === 40) return this.scanHeredoc(start);
        return this.punct('@', 1);
      case 124 /* | */:
        if (c1 === 62) return text.charCodeAt(start + 2) === 62 ? this.punct('|>>', 3) : this.punct('|>', 2);
        return this.punct('|', 1);
      case 61 /* = */:
        if (c1 === 61) return this.punct('==', 2);
        if (c1 === 62) return this.punct('=>', 2);
        if (c1 === 126) return this.punct('=~', 2);
        return this.punct('=', 1);
      case 43 /* + */:
        if (c1 === 61) return this.punct('+=', 2);
        if (c1 === 62) return this.punct('+>', 2);
        return this.punct('+', 1);
      case CH_MINUS:
        if (c1 === 62) return this.punct('->', 2);
        if (c1 === 61) return this.punct('-=', 2);
        return this.punct('-', 1);
      case 33 /* ! */:
        if (c1 === 61) return this.punct('!=', 2);
        if (c1 === 126) return this.punct('!~', 2);
        return this.punct('!', 1);
      case 126 /* ~ */:
        return c1 === 62 ? this.punct('~>', 2) : this.punct('~', 1);
      case 60 /* < */:
        if (c1 === 60) return text.charCodeAt(start + 2) === 124 ? this.punct('<<|', 3) : this.punct('<<', 2);
        if (c1 === 61) return this.punct('<=', 2);
        if (c1 === 124) return this.punct('<|', 2);
        if (c1 === CH_MINUS) return this.punct('<-', 2);
        if (c1 === 126) return this.punct('<~', 2);
        return this.punct('<', 1);
      case 62 /* > */:
        if (c1 === 62) return this.punct('>>', 2);
        if (c1 === 61) return this.punct('>=', 2);
        return this.punct('>', 1);
      case CH_SLASH:
        if (c1 === CH_STAR) {
          return this.errorToken('UNCLOSED_MLCOMMENT', 'Unclosed multiline comment: no */ before the end', start, this.limit, start + 2);
        }
        return this.scanSlash(start);
      default: {
        // One whole code point, so a stray emoji is one token.
        const length = c >= 0xd800 && c <= 0xdbff && start + 1 < this.limit ? 2 : 1;
        const token = this.token('other', start, start + length, text.slice(start, start + length));
        this.pos = start + length;
        return token;
      }
    }
  }

  /** Puppet's bare word `((::)?[a-z_]([\w-]*\w)?)+`: a name or keyword when it is a valid name, else a word. */
  private scanBareWord(start: number): Token {
    const text = this.text;
    const limit = this.limit;
    let i = start;
    let isName = true;
    for (;;) {
      let j = i;
      if (text.charCodeAt(j) === CH_COLON && text.charCodeAt(j + 1) === CH_COLON) j += 2;
      const first = text.charCodeAt(j);
      if (!(isLower(first) || first === CH_UNDERSCORE) || j >= limit) break;
      if (first === CH_UNDERSCORE) isName = false;
      let k = j + 1;
      let hyphen = false;
      while (k < limit) {
        const ch = text.charCodeAt(k);
        if (isWordChar(ch)) k++;
        else if (ch === CH_MINUS) {
          hyphen = true;
          k++;
        } else break;
      }
      // A word never ends with '-'.
      while (text.charCodeAt(k - 1) === CH_MINUS) k--;
      if (hyphen && text.slice(j, k).includes('-')) isName = false;
      i = k;
    }
    const value = text.slice(start, i);
    this.pos = i;
    if (!isName) return this.token('word', start, i, value);
    return this.token(keywordKinds.get(value) ?? 'name', start, i, value);
  }

  /** `((::)?[A-Z]\w*)+`, which must not continue with `::` (as in `Foo::bar`). */
  private scanClassRef(start: number): Token {
    const text = this.text;
    const limit = this.limit;
    let i = start;
    for (;;) {
      let j = i;
      if (text.charCodeAt(j) === CH_COLON && text.charCodeAt(j + 1) === CH_COLON) j += 2;
      if (j >= limit || !isUpper(text.charCodeAt(j))) break;
      j++;
      while (j < limit && isWordChar(text.charCodeAt(j))) j++;
      i = j;
    }
    if (text.charCodeAt(i) === CH_COLON && text.charCodeAt(i + 1) === CH_COLON) {
      let end = i;
      while (text.charCodeAt(end) === CH_COLON && text.charCodeAt(end + 1) === CH_COLON) {
        end += 2;
        while (end < limit && isWordChar(text.charCodeAt(end))) end++;
      }
      return this.errorToken(
        'ILLEGAL_CLASS_REFERENCE',
        `Illegal class reference '${text.slice(start, end)}': every segment of a type name must start with an upper-case letter`,
        start,
        end,
      );
    }
    this.pos = i;
    return this.token('classref', start, i, text.slice(start, i));
  }

  /** `0x1F`, `0777`, `12`, `1.5`, `1e-3`; Puppet's rules for what is a valid number. */
  private scanNumber(start: number): Token {
    const text = this.text;
    const limit = this.limit;
    let i = start;
    let hex = false;
    if (text.charCodeAt(i) === CH_0 && (text.charCodeAt(i + 1) | 0x20) === 120 /* x */ && isHexDigit(text.charCodeAt(i + 2))) {
      hex = true;
      i += 3;
      while (i < limit && isHexDigit(text.charCodeAt(i))) i++;
    } else {
      while (i < limit && isDigit(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) === CH_DOT && isDigit(text.charCodeAt(i + 1))) {
        i += 2;
        while (i < limit && isDigit(text.charCodeAt(i))) i++;
      }
      const e = text.charCodeAt(i) | 0x20;
      if (e === 101 /* e */) {
        const sign = text.charCodeAt(i + 1) === CH_MINUS ? 1 : 0;
        if (isDigit(text.charCodeAt(i + 1 + sign))) {
          i += 2 + sign;
          while (i < limit && isDigit(text.charCodeAt(i))) i++;
        }
      }
    }
    if (i < limit && isWordChar(text.charCodeAt(i))) {
      let end = i;
      while (end < limit && (isWordChar(text.charCodeAt(end)) || text.charCodeAt(end) === CH_DOT)) end++;
      return this.errorToken('ILLEGAL_NUMBER', `Illegal number '${text.slice(start, end)}'`, start, end);
    }
    const raw = text.slice(start, i);
    if (!hex && raw.length > 1 && raw.charCodeAt(0) === CH_0 && raw.charCodeAt(1) !== CH_DOT) {
      for (let k = 1; k < raw.length; k++) {
        const d = raw.charCodeAt(k);
        if (d < CH_0 || d > CH_7) {
          return this.errorToken('INVALID_OCTAL_NUMBER', `Not a valid octal number '${raw}' (a number that starts with 0 is octal)`, start, i);
        }
      }
    }
    this.pos = i;
    return this.token('number', start, i, raw);
  }

  /** `$` followed by `(::)?(\w+::)*\w+`; a lone `$` is a variable with an empty name, as in Puppet. */
  private scanVariable(start: number): Token {
    const end = this.variableNameEnd(start + 1);
    this.pos = Math.max(end, start + 1);
    return this.token('variable', start, this.pos, end > start + 1 ? this.text.slice(start + 1, end) : '');
  }

  /** End of `(::)?(\w+::)*\w+` starting at `i`, or `i` when there is no such name. */
  private variableNameEnd(i: number): number {
    const text = this.text;
    const limit = this.limit;
    let j = i;
    if (text.charCodeAt(j) === CH_COLON && text.charCodeAt(j + 1) === CH_COLON) j += 2;
    let end = i;
    for (;;) {
      const segment = j;
      while (j < limit && isWordChar(text.charCodeAt(j))) j++;
      if (j === segment) break;
      end = j;
      if (text.charCodeAt(j) === CH_COLON && text.charCodeAt(j + 1) === CH_COLON && isWordChar(text.charCodeAt(j + 2))) j += 2;
      else break;
    }
    return end;
  }

  /** `/` is division after an operand, elsewhere the start of a regex running to the next unescaped `/` (across lines, as in Puppet). */
  private scanSlash(start: number): Token {
    const text = this.text;
    const regexAllowed = this.lastKind === undefined || !operandEnds.has(this.lastKind);
    if (regexAllowed && start < this.noRegexEndFrom) {
      let close = text.indexOf('/', start + 1);
      while (close >= 0 && close < this.limit) {
        let backslashes = 0;
        while (text.charCodeAt(close - 1 - backslashes) === CH_BACKSLASH && close - 1 - backslashes > start) backslashes++;
        if (backslashes % 2 === 0) {
          const token = this.token('regex', start, close + 1, text.slice(start + 1, close).replace(/\\\//g, '/'));
          this.pos = close + 1;
          return token;
        }
        close = text.indexOf('/', close + 1);
      }
      // No later '/' can close a regex either; remembering that keeps `/\/\/\/...` linear.
      this.noRegexEndFrom = start;
    }
    return this.punct('/', 1);
  }

  // ---- strings ----

  /** Single-quoted: only `\\` and `\'` are escapes; may span lines. */
  private scanSingleQuoted(start: number): Token {
    const text = this.text;
    const limit = this.limit;
    let i = start + 1;
    let chunk = i;
    let value = '';
    while (i < limit) {
      const c = text.charCodeAt(i);
      if (c === CH_SQUOTE) {
        this.pos = i + 1;
        const token = this.token('string', start, i + 1, value + text.slice(chunk, i));
        token.quote = "'";
        return token;
      }
      if (c === CH_BACKSLASH) {
        const next = text.charCodeAt(i + 1);
        if (next === CH_BACKSLASH || next === CH_SQUOTE) {
          value += text.slice(chunk, i);
          chunk = i + 1;
          i += 2;
          continue;
        }
      }
      i++;
    }
    return this.unterminatedString(start, "'");
  }

  /**
   * The rest of the text, as one error token; reported unless an error inside it already was.
   * The report runs from the quote to the end of its line, or on to `noticedAt` (after the last
   * interpolation, where Puppet reports it).
   */
  private unterminatedString(start: number, quote: string, report = true, noticedAt = start): Token {
    if (!report) {
      const token = this.token('error', start, this.limit, this.text.slice(start, this.limit));
      token.message = 'Unterminated string';
      token.code = 'UNCLOSED_QUOTE';
      this.pos = this.limit;
      return token;
    }
    const lineEnd = this.text.indexOf('\n', noticedAt);
    const reportEnd = lineEnd < 0 || lineEnd > this.limit ? this.limit : lineEnd;
    return this.errorToken(
      'UNCLOSED_QUOTE',
      `Unterminated string: the ${quote} opened here is never closed`,
      start,
      this.limit,
      reportEnd,
    );
  }

  private scanDoubleQuoted(start: number): Token {
    if (this.stringDepth >= MAX_STRING_NESTING) {
      return this.errorToken('NESTING_TOO_DEEP', 'Strings nested too deep in interpolations', start, this.limit, start + 1);
    }
    const errorsBefore = this.errors.length;
    const body = this.scanStringBody(start + 1, this.limit, { quoted: true, escapes: DQ_ESCAPES, interpolate: true, margin: '' });
    if (!body.terminated) {
      const lastPart = body.parts?.[body.parts.length - 1];
      const noticedAt = lastPart?.kind === 'interpolation' ? lastPart.end : (lastPart?.start ?? start);
      return this.unterminatedString(start, '"', this.errors.length === errorsBefore, noticedAt);
    }
    this.pos = body.end;
    const token = this.token('string', start, body.end, body.value);
    token.quote = '"';
    if (body.parts) token.parts = body.parts;
    return token;
  }

  /**
   * Scans string text from `i` up to `limit`: escapes, interpolations and (for heredocs) the margin.
   * Produces `parts` only when there is an interpolation.
   */
  private scanStringBody(i: number, limit: number, options: StringBodyOptions): StringBody {
    const text = this.text;
    const { quoted, escapes, interpolate, margin } = options;
    const dollarEscapes = escapes.includes('$');
    let parts: StringPart[] | undefined;
    let value = '';
    let partValue = '';
    let partStart = i;
    let chunk = i;
    const flushText = (end: number) => {
      partValue += text.slice(chunk, end);
      if (end > partStart) (parts ??= []).push({ kind: 'text', start: partStart, end, value: partValue });
      value += partValue;
      partValue = '';
    };
    const finish = (end: number) => {
      if (parts) flushText(end);
      else value = partValue + text.slice(chunk, end);
    };
    if (margin && text.startsWith(margin, i)) {
      i += margin.length;
      chunk = i;
    }
    while (i < limit) {
      const c = text.charCodeAt(i);
      if (quoted && c === CH_DQUOTE) {
        finish(i);
        return { parts, value, end: i + 1, terminated: true };
      }
      if (c === CH_BACKSLASH && escapes && i + 1 < limit) {
        const next = text[i + 1];
        if (next === '$' && !dollarEscapes) {
          i++;
          continue;
        }
        const escaped = this.escape(i, escapes);
        if (escaped) {
          partValue += text.slice(chunk, i) + escaped.value;
          i += escaped.length;
          chunk = i;
          continue;
        }
        i += 2;
        continue;
      }
      if (c === CH_DOLLAR && interpolate) {
        const braced = text.charCodeAt(i + 1) === CH_LBRACE;
        const nameEnd = braced ? i : this.variableNameEnd(i + 1);
        if (braced || nameEnd > i + 1) {
          flushText(i);
          const part = braced ? this.scanInterpolation(i, limit) : this.variablePart(i, nameEnd);
          (parts ??= []).push(part);
          i = part.end;
          partStart = chunk = i;
          if (!part.closed) return { parts, value, end: limit, terminated: false };
          continue;
        }
      }
      if (c === CH_LF && margin) {
        i++;
        partValue += text.slice(chunk, i);
        if (text.startsWith(margin, i)) i += margin.length;
        chunk = i;
        continue;
      }
      i++;
    }
    if (quoted) return { parts, value, end: limit, terminated: false };
    finish(limit);
    return { parts, value, end: limit, terminated: true };
  }

  /** The escape at `i` (a backslash) when `escapes` allows it: its value and source length. */
  private escape(i: number, escapes: string): { value: string; length: number } | undefined {
    const text = this.text;
    const ch = text[i + 1];
    if (ch === '\n' || (ch === '\r' && text[i + 2] === '\n')) {
      return escapes.includes('\n') ? { value: '', length: ch === '\r' ? 3 : 2 } : undefined;
    }
    if (ch !== '\\' && !escapes.includes(ch)) return undefined;
    switch (ch) {
      case 'n':
        return { value: '\n', length: 2 };
      case 'r':
        return { value: '\r', length: 2 };
      case 't':
        return { value: '\t', length: 2 };
      case 's':
        return { value: ' ', length: 2 };
      case 'u': {
        const four = /^[0-9a-fA-F]{4}/.exec(text.slice(i + 2, i + 6));
        if (four) return { value: String.fromCodePoint(parseInt(four[0], 16)), length: 6 };
        const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(text.slice(i + 2, i + 10));
        if (braced) {
          const code = parseInt(braced[1], 16);
          if (code <= 0x10ffff) return { value: String.fromCodePoint(code), length: 2 + braced[0].length };
        }
        return undefined;
      }
      default:
        return { value: ch, length: 2 };
    }
  }

  private variablePart(dollar: number, nameEnd: number): InterpolationPart {
    const token = this.token('variable', dollar, nameEnd, this.text.slice(dollar + 1, nameEnd));
    return { kind: 'interpolation', start: dollar, end: nameEnd, braced: false, tokens: [token], closed: true };
  }

  /** `${ ... }` at `dollar`: the expression's tokens up to the balancing `}`. */
  private scanInterpolation(dollar: number, limit: number): InterpolationPart {
    const savedPos = this.pos;
    const savedLimit = this.limit;
    const savedLast = this.lastKind;
    const savedRecord = this.recordTrivia;
    this.pos = dollar + 2;
    this.limit = limit;
    this.lastKind = 'string';
    this.recordTrivia = false;
    this.stringDepth++;
    const tokens: Token[] = [];
    let depth = 0;
    let closed = false;
    for (;;) {
      this.skipTrivia();
      if (this.pos >= this.limit) break;
      const token = this.scanToken();
      this.lastKind = token.kind;
      if (token.kind === '}') {
        if (depth === 0) {
          closed = true;
          break;
        }
        depth--;
      } else if (token.kind === '{') depth++;
      tokens.push(token);
      if (token.kind === 'error' && this.pos >= this.limit) break;
    }
    const end = this.pos;
    this.stringDepth--;
    this.pos = savedPos;
    this.limit = savedLimit;
    this.lastKind = savedLast;
    this.recordTrivia = savedRecord;
    if (!closed && !tokens.some((t) => t.kind === 'error')) {
      this.error('UNCLOSED_INTERPOLATION', "Unclosed interpolation: '${' has no matching '}'", dollar, dollar + 2);
    }
    asVariable(tokens);
    return { kind: 'interpolation', start: dollar, end, braced: true, tokens, closed };
  }

  // ---- heredocs ----

  /** `@(TAG:syntax/escapes)`; the text is on the following lines, up to the line with `|- TAG`. */
  private scanHeredoc(start: number): Token {
    const text = this.text;
    const close = this.closingParen(start + 2);
    if (close < 0 || close >= this.limit) {
      const lineEnd = text.indexOf('\n', start);
      const end = lineEnd < 0 || lineEnd > this.limit ? this.limit : lineEnd;
      return this.errorToken('HEREDOC_UNCLOSED_PARENTHESIS', "Unclosed heredoc tag: '@(' has no matching ')'", start, end);
    }
    const spec = heredocSpec.exec(text.slice(start + 2, close));
    if (!spec) {
      return this.errorToken('HEREDOC_INVALID_SYNTAX', 'Invalid heredoc tag, expected @(endtag[:syntax][/escapes])', start, close + 1);
    }
    let tag = spec[1].trim();
    const quotedTag = /^"(.*)"$/.exec(tag);
    if (quotedTag) tag = quotedTag[1].trim();
    if (tag.length === 0) return this.errorToken('HEREDOC_EMPTY_ENDTAG', 'Heredoc with an empty end tag', start, close + 1);
    const escapeFlags = spec[3] === undefined ? undefined : spec[3] || ALL_HEREDOC_ESCAPES;
    if (escapeFlags !== undefined) {
      const bad = [...escapeFlags].find((e) => !ALL_HEREDOC_ESCAPES.includes(e));
      if (bad) {
        return this.errorToken('HEREDOC_INVALID_ESCAPE', `Invalid heredoc escape '${bad}': only t, r, n, s, u, L and $ are allowed`, start, close + 1);
      }
      if (new Set(escapeFlags).size !== escapeFlags.length) {
        return this.errorToken('HEREDOC_MULTIPLE_AT_ESCAPES', `A heredoc escape may only appear once: '${escapeFlags}'`, start, close + 1);
      }
    }
    let bodyStart: number;
    if (this.heredocJump >= 0) bodyStart = this.heredocJump;
    else {
      const lineEnd = text.indexOf('\n', close);
      if (lineEnd < 0 || lineEnd >= this.limit) {
        return this.errorToken('HEREDOC_WITHOUT_TEXT', 'Heredoc without any following lines of text', start, close + 1);
      }
      bodyStart = lineEnd + 1;
    }
    const info: HeredocInfo = {
      tag,
      syntax: spec[2] ?? '',
      escapes: escapeFlags,
      interpolate: quotedTag !== null,
      bodyStart,
      bodyEnd: this.limit,
      endLineStart: this.limit,
      endLineEnd: this.limit,
      margin: 0,
      trimEnd: false,
      value: '',
      terminated: false,
    };
    const endLine = this.findHeredocEnd(bodyStart, tag);
    if (!endLine) {
      this.heredocJump = this.limit;
      const token = this.errorToken('HEREDOC_WITHOUT_END_TAGGED_LINE', `Heredoc without end-tagged line: no line ends with '${tag}'`, start, close + 1);
      token.heredoc = info;
      return token;
    }
    info.terminated = true;
    info.bodyEnd = endLine.start;
    info.endLineStart = endLine.start;
    info.endLineEnd = endLine.end;
    info.trimEnd = endLine.trim;
    const margin = endLine.margin ? endLine.leading : '';
    info.margin = margin.length;
    this.heredocJump = endLine.next;
    let textEnd = endLine.start;
    if (info.trimEnd && textEnd > bodyStart && text.charCodeAt(textEnd - 1) === CH_LF) {
      textEnd--;
      if (textEnd > bodyStart && text.charCodeAt(textEnd - 1) === CH_CR) textEnd--;
    }
    let escapes = '';
    if (escapeFlags !== undefined) escapes = '\\' + escapeFlags.replace('L', '\n');
    const body = this.scanStringBody(bodyStart, textEnd, { quoted: false, escapes, interpolate: info.interpolate, margin });
    info.value = body.value;
    if (body.parts) info.parts = body.parts;
    this.pos = close + 1;
    const token = this.token('heredoc', start, close + 1, body.value);
    token.heredoc = info;
    return token;
  }

  /** The first ')' at or after `from`; remembered, so that many `@(` before one far ')' stay linear. */
  private closingParen(from: number): number {
    const cache = this.parenCache;
    if (from >= cache.from && from <= cache.found) return cache.found;
    if (cache.found < 0 && from >= cache.from) return -1;
    const found = this.text.indexOf(')', from);
    this.parenCache = { from, found: found < 0 ? -1 : found };
    return found;
  }

  /** The first line at or after `from` that ends with the tag, optionally after `|` and `-`, as Puppet matches it. */
  private findHeredocEnd(from: number, tag: string) {
    const text = this.text;
    const endPattern = new RegExp(`(${BLANKS}*)(?:(\\|)${BLANKS}*)?(?:(-)${BLANKS}*)?${escapeRegExp(tag)}${BLANKS}*\\r?$`);
    let lineStart = from;
    while (lineStart < this.limit) {
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0 || lineEnd > this.limit) lineEnd = this.limit;
      const line = text.slice(lineStart, lineEnd);
      const m = line.includes(tag) ? endPattern.exec(line) : null;
      if (m) {
        const end = line.endsWith('\r') ? lineEnd - 1 : lineEnd;
        return {
          start: lineStart,
          end,
          next: Math.min(lineEnd + 1, this.limit),
          leading: m[1],
          margin: m[2] === '|',
          trim: m[3] === '-',
        };
      }
      lineStart = lineEnd + 1;
    }
    return undefined;
  }
}

/**
 * Puppet reads `${x}`, `${x[1]}` and `${x.y}` as the variable `$x`: a lone name, number or keyword,
 * or one followed by `[` or `.`, becomes a variable.
 */
function asVariable(tokens: Token[]): void {
  if (tokens.length === 0) return;
  const first = tokens[0];
  const convertible = first.kind === 'name' || first.kind === 'word' || first.kind === 'number' || keywordSet.has(first.kind);
  if (!convertible) return;
  if (tokens.length === 1 || (tokens[1].kind === '[' && !tokens[1].spaceBefore) || tokens[1].kind === '.') {
    first.kind = 'variable';
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
