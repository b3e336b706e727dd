// Token and trivia types of the Puppet lexer. Offsets are UTF-16 offsets into the lexed text;
// SourceText turns them into line/character positions.
//
// The main token stream is in source order and tokens never overlap. Two constructs own
// tokens of their own instead of putting them in the stream:
// - a double-quoted string with interpolation keeps its pieces in `parts`;
// - a heredoc keeps its text (which lies on the lines after the `@(...)` tag) in `heredoc`.
// So tokens and trivia (with `whitespace: true`) cover the text in order, leaving out only heredoc
// text. As in Puppet, a string, regex or comment that runs on from a tag's line over the heredoc's
// lines takes that text as well.

/** Words the lexer turns into keyword tokens (Puppet 7 and 8; `plan`/`apply` only exist in task mode). */
export const KEYWORDS = [
  'and',
  'attr',
  'case',
  'class',
  'default',
  'define',
  'else',
  'elsif',
  'false',
  'function',
  'if',
  'in',
  'inherits',
  'node',
  'or',
  'private',
  'true',
  'type',
  'undef',
  'unless',
] as const;

export type KeywordKind = (typeof KEYWORDS)[number];

export type PunctuationKind =
  | '(' | ')' | '[' | ']' | '{' | '}'
  | ',' | ';' | ':' | '.' | '?' | '|' | '@' | '@@'
  | '=' | '+=' | '-=' | '=>' | '+>'
  | '==' | '!=' | '=~' | '!~' | '<' | '<=' | '>' | '>='
  | '+' | '-' | '*' | '/' | '%' | '<<' | '>>' | '!'
  | '->' | '~>' | '<-' | '<~'
  | '<|' | '|>' | '<<|' | '|>>'
  /** Lexed so it can be reported, but not an operator in Puppet. */
  | '~';

export type TokenKind =
  | KeywordKind
  | PunctuationKind
  /** Lower-case (qualified) name: `file`, `apache::vhost`, `::foo`. */
  | 'name'
  /** Bare word that is not a valid name: `_foo`, `foo-bar` (a string in Puppet). */
  | 'word'
  /** Upper-case (qualified) type reference: `File`, `Foo::Bar`, `::Foo`. */
  | 'classref'
  /** `$x`, `$::x`, `$a::b`; value is the name without `$` (empty for a lone `$`). */
  | 'variable'
  | 'number'
  /** Single- or double-quoted string; see `quote` and `parts`. */
  | 'string'
  /** `/.../` where an operand is expected; value is the pattern with `\/` unescaped. */
  | 'regex'
  /** `@("TAG":syntax/escapes)`; see `heredoc`. */
  | 'heredoc'
  /** A character that starts no token. */
  | 'other'
  /** Text that could not be lexed (unterminated string, bad number, ...); see `message`. */
  | 'error'
  | 'eof';

/** A piece of a double-quoted string or heredoc text: literal text, or an interpolated expression. */
export type StringPart = TextPart | InterpolationPart;

export interface TextPart {
  kind: 'text';
  start: number;
  end: number;
  /** The text with escapes (and a heredoc's margin) processed. */
  value: string;
}

export interface InterpolationPart {
  kind: 'interpolation';
  /** From the `$` to the end of the name, or to just past the closing `}` of `${...}`. */
  start: number;
  end: number;
  /** `${expr}` (true) or `$name` (false). */
  braced: boolean;
  /**
   * The expression's tokens (without `${` and `}`). As Puppet does, a lone name or number
   * (`${x}`, `${1}`), or one followed by `[` or `.` (`${x['k']}`, `${x.y}`), is lexed as a variable.
   */
  tokens: Token[];
  /** False when the string ended before the closing `}`. */
  closed: boolean;
}

export interface HeredocInfo {
  /** The end tag, without quotes. */
  tag: string;
  /** The syntax after `:`, e.g. 'json'; '' when none. */
  syntax: string;
  /** Escapes enabled after `/` (e.g. 'tsn'), or undefined when no `/` was given (no escapes at all). */
  escapes?: string;
  /** True for a double-quoted tag: `$` interpolation is on. */
  interpolate: boolean;
  /** The text lines, from the start of the line after the tag line (or after the previous heredoc on that line) to the end line. */
  bodyStart: number;
  bodyEnd: number;
  /** The end marker line `| - TAG`, without its line break. Equal to bodyEnd..bodyEnd when unterminated. */
  endLineStart: number;
  endLineEnd: number;
  /** Characters removed from each text line by the `|` margin (0 without margin). */
  margin: number;
  /** `-` before the tag: the last line break of the text is removed. */
  trimEnd: boolean;
  /** The text as Puppet sees it; with interpolation, `parts` holds the pieces. */
  value: string;
  parts?: StringPart[];
  terminated: boolean;
}

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /**
   * Names, words, classrefs and numbers: their text. Variables: the name without `$`.
   * Strings and regexes: the processed content. Keywords and punctuation: their text.
   */
  value: string;
  /**
   * Whitespace, a line break or the start of the text directly precedes the token.
   * Puppet uses this to tell a list `[` from an access `[` (`$a [1]` is two expressions).
   */
  spaceBefore: boolean;
  /**
   * Only blanks precede the token on its line. Puppet uses this to tell a grouping `(` from a
   * call `(` (`foo\n(1)` is not a call).
   */
  lineStart: boolean;
  /** Strings: the quote used. */
  quote?: '"' | "'";
  /** Double-quoted strings with interpolation: the pieces, in order. */
  parts?: StringPart[];
  heredoc?: HeredocInfo;
  /** 'error' tokens: what is wrong. An unterminated heredoc is an 'error' token that keeps its `heredoc`. */
  message?: string;
  /** 'error' tokens: the issue code. */
  code?: string;
}

export type TriviaKind = 'lineComment' | 'blockComment' | 'whitespace' | 'newline';

export interface Trivia {
  kind: TriviaKind;
  start: number;
  end: number;
}

/** Statement-like functions Puppet lets you call without parentheses: `include foo`, `notice 'x'`. */
export const STATEMENT_FUNCTIONS: ReadonlySet<string> = new Set([
  'require',
  'realize',
  'include',
  'contain',
  'tag',
  'debug',
  'info',
  'notice',
  'warning',
  'err',
  'fail',
  'import',
  'break',
  'next',
  'return',
]);
