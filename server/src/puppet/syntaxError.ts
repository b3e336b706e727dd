// Errors the Puppet lexer and parser report. Codes are Puppet's own issue codes where Puppet has
// one (so they can be looked up), plus a few of ours for what Puppet reports without a code.

export type PuppetIssueCode =
  // lexical
  | 'UNCLOSED_QUOTE'
  | 'UNCLOSED_MLCOMMENT'
  | 'UNCLOSED_INTERPOLATION'
  | 'ILLEGAL_NUMBER'
  | 'INVALID_HEX_NUMBER'
  | 'INVALID_OCTAL_NUMBER'
  | 'INVALID_DECIMAL_NUMBER'
  | 'ILLEGAL_CLASS_REFERENCE'
  | 'ILLEGAL_FULLY_QUALIFIED_CLASS_REFERENCE'
  | 'ILLEGAL_FULLY_QUALIFIED_NAME'
  | 'HEREDOC_UNCLOSED_PARENTHESIS'
  | 'HEREDOC_INVALID_SYNTAX'
  | 'HEREDOC_EMPTY_ENDTAG'
  | 'HEREDOC_INVALID_ESCAPE'
  | 'HEREDOC_MULTIPLE_AT_ESCAPES'
  | 'HEREDOC_WITHOUT_TEXT'
  | 'HEREDOC_WITHOUT_END_TAGGED_LINE'
  // grammar
  | 'SYNTAX_ERROR'
  | 'NESTING_TOO_DEEP'
  | 'QUOTED_NAME'
  | 'CLASS_KEYWORD_AS_NAME'
  | 'ILLEGAL_ARGUMENT_LIST'
  | 'NOT_VIRTUALIZEABLE'
  | 'ILLEGAL_RESOURCE_EXPRESSION'
  // statement lists (Puppet's validation, but about the form of the code)
  | 'IDEM_EXPRESSION_NOT_LAST'
  | 'IDEM_NOT_ALLOWED_LAST'
  | 'RESOURCE_WITHOUT_TITLE';

export interface RelatedLocation {
  start: number;
  end: number;
  message: string;
}

/** One lexical or syntax error; offsets are UTF-16 offsets into the parsed text. */
export interface PuppetSyntaxError {
  code: PuppetIssueCode;
  message: string;
  start: number;
  end: number;
  /** Where the mistake most likely is, when that is not where Puppet notices it. */
  related?: RelatedLocation[];
}
