// Style checks named and worded as puppet-lint's, so a team's .puppet-lint.rc and
// `# lint:ignore:<check>` comments keep working. They read the token stream (with whitespace
// trivia) and, where structure matters, the syntax tree. All findings are warnings; fixes only
// change whitespace, quotes, or move text, never remove what the user wrote.
import { comparePositions, type Finding, type Fix, type Range, type TextEdit } from '../finding';
import { firstPassing } from '../sortedSearch';
import type { SourceText } from '../sourceText';
import type { AccessExpression, AttributeOperation, CaseExpression, Expression, Program, RelationshipExpression, ResourceBody, ResourceExpression } from './ast';
import { indexNodes, type NodeIndex } from './ast';
import { arrowGroups, expectedArrowColumn, type Arrow, type ArrowLayout } from './arrowAlignment';
import type { InterpolationPart, StringPart, Token, Trivia } from './tokens';
import { emptyRc, isCheckEnabled, parseControlComments, type LintComment, type PuppetLintRc } from './lintConfig';

export interface StyleInput {
  source: SourceText;
  /** The main token stream, in source order. */
  tokens: readonly Token[];
  /** Comments and whitespace (lexed with `whitespace: true`), in source order. */
  trivia: readonly Trivia[];
  program: Program;
  /** The program's nodes, when the caller has indexed them already (for the checker, say). */
  nodes?: NodeIndex;
  /** Maps a range of this manifest to the document that holds it. Identity when absent. */
  toDocument?: (range: Range) => Range;
}

export interface StyleOptions {
  rc?: PuppetLintRc;
  /** The checker runs on the same code: skip style checks that would repeat its findings. */
  withChecker?: boolean;
}

/** Style checks the checker covers: duplicate_params is its DUPLICATE_ATTRIBUTE. */
const coveredByChecker: ReadonlySet<string> = new Set(['duplicate_params']);

interface StyleCheck {
  name: string;
  description: string;
  /** puppet-lint ships a few checks switched off; an rc `--<check>-check` line turns them on. */
  enabledByDefault: boolean;
  fixable: boolean;
  run(context: StyleContext): void;
}

interface Span {
  start: number;
  end: number;
}

const MODE_PATTERN = /^([0-7]{4}|[ugoa]*[-=+][-=+rstwxXugo]*(,[ugoa]*[-=+][-=+rstwxXugo]*)*)$/;
// Raw content puppet-lint accepts in double quotes: escapes, quotes and control characters.
const DOUBLE_QUOTE_REASON = /\\\$|\\"|\\'|'|\r|\t|\\t|\\s|\n|\\n|\\\\/;

class StyleContext {
  readonly findings: Array<{ check: string; finding: Finding; line: number }> = [];
  /** Whitespace trivia by end offset; built on first use, as only misaligned arrows need it. */
  private whitespaceBefore?: Map<number, Trivia>;
  // What the checks go through, sorted out in one pass over the nodes, tokens and trivia.
  readonly resources: ResourceExpression[] = [];
  readonly cases: CaseExpression[] = [];
  readonly relationships: RelationshipExpression[] = [];
  readonly accesses: AccessExpression[] = [];
  /** Positions in `input.tokens` of the string tokens. */
  readonly strings: number[] = [];
  /** Every string's interpolations, including those of heredoc text. */
  readonly interpolations: InterpolationPart[] = [];
  readonly whitespace: Trivia[] = [];
  /** The comments that may be control comments (most comments are prose). */
  readonly controlComments: Trivia[] = [];
  check = '';
  private lastLine = 0;

  constructor(readonly input: StyleInput) {
    for (const node of (input.nodes ?? indexNodes(input.program)).nodes) {
      switch (node.type) {
        case 'Resource':
          this.resources.push(node);
          break;
        case 'Case':
          this.cases.push(node);
          break;
        case 'Relationship':
          this.relationships.push(node);
          break;
        case 'Access':
          this.accesses.push(node);
          break;
        default:
          break;
      }
    }
    const tokens = input.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      // Only strings have parts; heredocs (and the error token of an unterminated one) have heredoc text.
      const kind = token.kind;
      let parts: readonly StringPart[] | undefined;
      if (kind === 'string') {
        this.strings.push(i);
        parts = token.parts;
      } else if (kind === 'heredoc' || kind === 'error') {
        parts = token.heredoc?.parts;
      }
      if (parts) for (const part of parts) if (part.kind === 'interpolation') this.interpolations.push(part);
    }
    const text = input.source.text;
    for (const t of input.trivia) {
      if (t.kind === 'whitespace') this.whitespace.push(t);
      else if ((t.kind === 'lineComment' || t.kind === 'blockComment') && mayBeControlComment(text, t)) this.controlComments.push(t);
    }
  }

  get source(): SourceText {
    return this.input.source;
  }

  text(span: Span): string {
    return this.source.text.slice(span.start, span.end);
  }

  /** 1-based column, as puppet-lint reports. */
  column(offset: number): number {
    return offset - this.source.lineStarts[this.line(offset)] + 1;
  }

  /** 0-based line, as `SourceText.positionAt` has it. */
  line(offset: number): number {
    // Checks mostly ask in text order: look at the last answer's line and the two after it first.
    const starts = this.source.lineStarts;
    const near = this.lastLine;
    for (let n = near; n < near + 3 && n < starts.length; n++) {
      if (offset >= starts[n] && (n + 1 === starts.length || offset < starts[n + 1])) return (this.lastLine = n);
    }
    return (this.lastLine = this.source.positionAt(offset).line);
  }

  whitespaceEndingAt(offset: number): Trivia | undefined {
    if (!this.whitespaceBefore) {
      this.whitespaceBefore = new Map();
      for (const t of this.whitespace) this.whitespaceBefore.set(t.end, t);
    }
    return this.whitespaceBefore.get(offset);
  }

  /** Whether a line starts at `offset`, as SourceText breaks lines; no search through the line starts. */
  startsLine(offset: number): boolean {
    const text = this.source.text;
    const before = text.charCodeAt(offset - 1);
    return offset === 0 || before === 10 || (before === 13 && text.charCodeAt(offset) !== 10);
  }

  range(span: Span): Range {
    const r = { start: this.source.positionAt(span.start), end: this.source.positionAt(span.end) };
    return this.input.toDocument ? this.input.toDocument(r) : r;
  }

  edit(span: Span, newText: string): TextEdit {
    return { range: this.range(span), newText };
  }

  fix(title: string, edits: TextEdit[]): Fix {
    return { title, edits, preferred: true };
  }

  report(at: Span, message: string, fix?: Fix): void {
    this.findings.push({
      check: this.check,
      line: this.line(at.start),
      finding: { range: this.range(at), severity: 'warning', source: 'puppet', rule: this.check, message, fixes: fix ? [fix] : [] },
    });
  }

  /** Main-stream tokens within a node, in order. */
  tokensIn(span: Span): Token[] {
    const tokens = this.input.tokens;
    // Tokens do not overlap, so both their starts and their ends ascend: two searches find the run.
    const from = firstPassing(tokens, (t) => t.start >= span.start);
    let to = firstPassing(tokens, (t) => t.end > span.end);
    if (to > from && tokens[to - 1].kind === 'eof') to--;
    return tokens.slice(from, to);
  }
}

function attributesOf(body: ResourceBody): AttributeOperation[] {
  return body.attributes.filter((a): a is AttributeOperation => a.type === 'Attribute');
}

function isFileLike(resource: ResourceExpression): boolean {
  return resource.typeName.type === 'Name' && (resource.typeName.value === 'file' || resource.typeName.value === 'concat');
}

function isClassResource(resource: ResourceExpression): boolean {
  return resource.typeName.type === 'Name' && resource.typeName.value === 'class';
}

/** `mode` values of file and concat resources. */
function* fileModes(context: StyleContext): Generator<Expression> {
  for (const resource of context.resources) {
    if (!isFileLike(resource)) continue;
    for (const body of resource.bodies) {
      for (const attribute of attributesOf(body)) if (attribute.name.value === 'mode') yield attribute.value;
    }
  }
}

/** The literal text of a mode value, or undefined for variables, calls and other computed values. */
function modeText(value: Expression): string | undefined {
  if (value.type === 'Number') return value.raw;
  if (value.type === 'Name' || value.type === 'String') return value.value;
  return undefined;
}

function isUnquotedMode(value: Expression): boolean {
  return value.type === 'Number' || value.type === 'Name';
}

/** `'0644'` for `644`: the quoted four-digit form of a three-digit octal mode. */
function fourDigitMode(value: Expression, context: StyleContext): Fix | undefined {
  const text = modeText(value);
  if (text === undefined || !/^[0-7]{3}$/.test(text)) return undefined;
  const quoted = value.type === 'String';
  const span = quoted ? { start: value.start + 1, end: value.end - 1 } : value;
  return context.fix(`Change mode to '0${text}'`, [context.edit(span, quoted ? `0${text}` : `'0${text}'`)]);
}

// ---- the checks ----

const arrowAlignment: StyleCheck = {
  name: 'arrow_alignment',
  description: 'Arrows (=>) of one resource body or hash are aligned one space after the longest name.',
  enabledByDefault: true,
  fixable: true,
  run(context) {
    const layout: ArrowLayout = { line: (t) => context.line(t.start), column: (t) => context.column(t.start) };
    for (const resource of context.resources) {
      for (const group of arrowGroups(context.tokensIn(resource))) {
        const expected = expectedArrowColumn(group, layout);
        if (expected === undefined) continue;
        for (const entry of group) reportMisalignedArrow(context, group, expected, entry);
      }
    }
  },
};

function reportMisalignedArrow(context: StyleContext, group: readonly Arrow[], expected: number, entry: Arrow): void {
  const actual = context.column(entry.arrow.start);
  if (actual === expected) return;
  const message = `indentation of => is not properly aligned (expected in column ${expected}, but found it in column ${actual})`;
  const line = context.line(entry.arrow.start);
  const onOwnLine = group.find((a) => context.line(a.arrow.start) === line) === entry;
  const beforeArrow = context.whitespaceEndingAt(entry.arrow.start) ?? { start: entry.arrow.start, end: entry.arrow.start };
  const paramLength = entry.param.end - entry.param.start;
  let edits: TextEdit[];
  if (onOwnLine) {
    const spaces = beforeArrow.end - beforeArrow.start + (expected - actual);
    if (spaces < 1) {
      context.report(entry.arrow, message);
      return;
    }
    edits = [context.edit(beforeArrow, ' '.repeat(spaces))];
  } else {
    // A second name => value on one line: break the line so it can align with the group's first name.
    const paramColumn = context.column(group[0].param.start);
    const beforeParam = context.whitespaceEndingAt(entry.param.start) ?? { start: entry.param.start, end: entry.param.start };
    edits = [
      context.edit(beforeParam, '\n' + ' '.repeat(paramColumn - 1)),
      context.edit(beforeArrow, ' '.repeat(expected - paramColumn - paramLength)),
    ];
  }
  context.report(entry.arrow, message, context.fix('Align =>', edits));
}

const trailingWhitespace: StyleCheck = {
  name: 'trailing_whitespace',
  description: 'Lines do not end with spaces or tabs.',
  enabledByDefault: true,
  fixable: true,
  run(context) {
    const text = context.source.text;
    for (const t of context.whitespace) {
      const next = text.charCodeAt(t.end);
      if (t.end < text.length && next !== 10 && next !== 13) continue;
      context.report(t, 'trailing whitespace found', context.fix('Remove trailing whitespace', [context.edit(t, '')]));
    }
  },
};

const hardTabs: StyleCheck = {
  name: 'hard_tabs',
  description: 'Indentation and spacing use spaces, not tab characters.',
  enabledByDefault: true,
  fixable: true,
  run(context) {
    // Most files have no tab at all: one scan of the text spares a slice of every blank.
    if (!context.source.text.includes('\t')) return;
    for (const t of context.whitespace) {
      if (!context.text(t).includes('\t')) continue;
      const spaces = context.text(t).replace(/\t/g, '  ');
      context.report(t, 'tab character found', context.fix('Replace tabs with two spaces', [context.edit(t, spaces)]));
    }
  },
};

const softTabs: StyleCheck = {
  name: '2sp_soft_tabs',
  description: 'Indentation is a multiple of two spaces.',
  enabledByDefault: true,
  fixable: false,
  run(context) {
    for (const t of context.whitespace) {
      if ((t.end - t.start) % 2 === 0 || !context.startsLine(t.start)) continue;
      context.report(t, 'two-space soft tabs not used');
    }
  },
};

const lineLength: StyleCheck = {
  name: '140chars',
  description: 'Lines have at most 140 characters, except those with URLs or template() calls.',
  enabledByDefault: true,
  fixable: false,
  run(context) {
    const source = context.source;
    const { lineStarts, text } = source;
    for (let n = 0; n < lineStarts.length; n++) {
      // Most lines are short even with their line break: no need to slice them.
      const end = n + 1 < lineStarts.length ? lineStarts[n + 1] : text.length;
      if (end - lineStarts[n] <= 140) continue;
      const line = source.line(n);
      if (line.includes('://') || line.includes('template(')) continue;
      const past = offsetPastCodePoints(line, 140);
      if (past === line.length) continue;
      context.report({ start: lineStarts[n] + past, end: source.lineEnd(n) }, 'line has more than 140 characters');
    }
  },
};

/** Where the first `count` characters of `text` end, counting a surrogate pair as one, as puppet-lint does. */
function offsetPastCodePoints(text: string, count: number): number {
  let offset = 0;
  for (let n = 0; n < count && offset < text.length; n++) offset += text.codePointAt(offset)! > 0xffff ? 2 : 1;
  return offset;
}

const doubleQuotedStrings: StyleCheck = {
  name: 'double_quoted_strings',
  description: 'Strings without variables or escapes use single quotes.',
  enabledByDefault: true,
  fixable: true,
  run(context) {
    for (const i of context.strings) {
      const token = context.input.tokens[i];
      if (token.quote !== '"' || token.parts) continue;
      const raw = context.text({ start: token.start + 1, end: token.end - 1 });
      if (DOUBLE_QUOTE_REASON.test(raw)) continue;
      // Other escapes (\u, \r written out...) mean something only in double quotes: flag, but keep them.
      const fix = raw.includes('\\')
        ? undefined
        : context.fix('Use single quotes', [
            context.edit({ start: token.start, end: token.start + 1 }, "'"),
            context.edit({ start: token.end - 1, end: token.end }, "'"),
          ]);
      context.report(token, 'double quoted string containing no variables', fix);
    }
  },
};

const onlyVariableString: StyleCheck = {
  name: 'only_variable_string',
  description: 'A string holding only a variable is written as the variable.',
  enabledByDefault: true,
  fixable: true,
  run(context) {
    const tokens = context.input.tokens;
    // An index stays a string: $h["${k}"] looks a key up by its string form. Collected on first need.
    let accessKeys: Set<number> | undefined;
    for (const i of context.strings) {
      const token = tokens[i];
      if (!token.parts) continue;
      const pieces = token.parts.filter((p) => p.kind === 'interpolation' || p.value !== '');
      const part = pieces[0];
      if (pieces.length !== 1 || part.kind !== 'interpolation' || !isVariableAccess(part.tokens)) continue;
      // A string used as a hash key stays a string.
      if (tokens[i + 1]?.kind === '=>') continue;
      accessKeys ??= new Set(context.accesses.flatMap((n) => n.keys.map((k) => k.start)));
      if (accessKeys.has(token.start)) continue;
      const first = part.tokens[0];
      const last = part.tokens[part.tokens.length - 1];
      const expression = '$' + first.value + context.text({ start: first.end, end: last.end });
      context.report(
        { start: part.braced ? first.start : part.start, end: last.end },
        'string containing only a variable',
        context.fix(`Replace with ${expression}`, [context.edit(token, expression)]),
      );
    }
  },
};

/** `$x`, `$x['k']`, `$x[0][1]`: what puppet-lint calls a string containing only a variable. */
function isVariableAccess(tokens: readonly Token[]): boolean {
  if (tokens[0]?.kind !== 'variable') return false;
  for (let i = 1; i < tokens.length; i += 3) {
    if (tokens[i].kind !== '[' || tokens[i + 2]?.kind !== ']' || !tokens[i + 1]) return false;
  }
  return (tokens.length - 1) % 3 === 0;
}

const variablesNotEnclosed: StyleCheck = {
  name: 'variables_not_enclosed',
  description: 'Variables in strings are written ${x}, not $x.',
  enabledByDefault: true,
  fixable: true,
  run(context) {
    for (const part of context.interpolations) {
      if (part.braced) continue;
      const name = context.text({ start: part.start + 1, end: part.end });
      context.report(part, 'variable not enclosed in {}', context.fix(`Write \${${name}}`, [context.edit(part, `\${${name}}`)]));
    }
  },
};

const quotedBooleans: StyleCheck = {
  name: 'quoted_booleans',
  description: "Booleans are written true/false, not 'true'/'false' (off by default, as in puppet-lint).",
  enabledByDefault: false,
  fixable: false,
  run(context) {
    for (const i of context.strings) {
      const token = context.input.tokens[i];
      if (!token.parts && (token.value === 'true' || token.value === 'false')) {
        context.report(token, 'quoted boolean value found');
      }
    }
  },
};

const unquotedResourceTitle: StyleCheck = {
  name: 'unquoted_resource_title',
  description: 'Resource titles are quoted strings.',
  enabledByDefault: true,
  fixable: true,
  run(context) {
    for (const resource of context.resources) {
      for (const body of resource.bodies) {
        const titles = body.title.type === 'Array' ? body.title.elements : [body.title];
        for (const title of titles) {
          if (title.type !== 'Name' && !(title.type === 'String' && title.quote === 'bare')) continue;
          context.report(
            title,
            'unquoted resource title',
            context.fix('Quote the title', [
              context.edit({ start: title.start, end: title.start }, "'"),
              context.edit({ start: title.end, end: title.end }, "'"),
            ]),
          );
        }
      }
    }
  },
};

const ensureFirstParam: StyleCheck = {
  name: 'ensure_first_param',
  description: 'ensure is the first attribute of a resource.',
  enabledByDefault: true,
  fixable: true,
  run(context) {
    for (const resource of context.resources) {
      if (isClassResource(resource)) continue;
      for (const body of resource.bodies) {
        const attributes = attributesOf(body);
        const index = attributes.findIndex((a) => a.name.value === 'ensure');
        if (index <= 0) continue;
        context.report(attributes[index].name, "ensure found on line but it's not the first attribute", moveEnsureFirst(context, attributes[0], attributes[index]));
      }
    }
  },
};

/**
 * Moves the ensure line above the first attribute, when both start their lines and ensure has
 * its line to itself (the usual layout); other layouts get no fix.
 */
function moveEnsureFirst(context: StyleContext, first: AttributeOperation, ensure: AttributeOperation): Fix | undefined {
  const source = context.source;
  const text = source.text;
  const firstLine = source.positionAt(first.start).line;
  const ensureLine = source.positionAt(ensure.start).line;
  const endLine = source.positionAt(ensure.end).line;
  const startsLine = (offset: number, line: number) => text.slice(source.lineStarts[line], offset).trim() === '';
  if (!startsLine(first.start, firstLine) || !startsLine(ensure.start, ensureLine)) return undefined;
  const after = text.slice(ensure.end, source.lineEnd(endLine));
  const tail = /^\s*(,?)\s*(#.*)?$/.exec(after);
  if (!tail) return undefined;
  const lineStart = source.lineStarts[ensureLine];
  const nextLineStart = endLine + 1 < source.lineCount ? source.lineStarts[endLine + 1] : text.length;
  if (nextLineStart === text.length && !/\r?\n$/.test(text)) return undefined;
  let moved = text.slice(lineStart, nextLineStart);
  if (!tail[1]) {
    const valueEnd = ensure.end - lineStart;
    moved = moved.slice(0, valueEnd) + ',' + moved.slice(valueEnd);
  }
  const insertAt = source.lineStarts[firstLine];
  return context.fix('Move ensure to the first line', [
    context.edit({ start: insertAt, end: insertAt }, moved),
    context.edit({ start: lineStart, end: nextLineStart }, ''),
  ]);
}

const unquotedFileMode: StyleCheck = {
  name: 'unquoted_file_mode',
  description: 'File modes are quoted strings.',
  enabledByDefault: true,
  fixable: true,
  run(context) {
    for (const value of fileModes(context)) {
      if (!isUnquotedMode(value)) continue;
      const fix = fourDigitMode(value, context) ?? context.fix('Quote the mode', [context.edit(value, `'${context.text(value)}'`)]);
      context.report(value, 'unquoted file mode', fix);
    }
  },
};

const fileMode: StyleCheck = {
  name: 'file_mode',
  description: 'File modes are 4-digit octal or symbolic.',
  enabledByDefault: true,
  fixable: true,
  run(context) {
    for (const value of fileModes(context)) {
      const text = modeText(value);
      if (text === undefined || MODE_PATTERN.test(text)) continue;
      context.report(value, 'mode should be represented as a 4 digit octal value or symbolic mode', fourDigitMode(value, context));
    }
  },
};

const caseWithoutDefault: StyleCheck = {
  name: 'case_without_default',
  description: 'Every case statement has a default branch.',
  enabledByDefault: true,
  fixable: false,
  run(context) {
    for (const node of context.cases) {
      if (node.options.some((o) => o.values.some((v) => v.type === 'Default'))) continue;
      context.report({ start: node.start, end: node.start + 'case'.length }, 'case statement without a default case');
    }
  },
};

const rightToLeftRelationship: StyleCheck = {
  name: 'right_to_left_relationship',
  description: 'Relationships point left to right (->), not right to left (<-).',
  enabledByDefault: true,
  fixable: false,
  run(context) {
    for (const node of context.relationships) {
      if (node.operator !== '<-') continue;
      context.report({ start: node.operatorStart, end: node.operatorStart + 2 }, 'right-to-left (<-) relationship');
    }
  },
};

const duplicateParams: StyleCheck = {
  name: 'duplicate_params',
  description: 'No attribute is set twice in one resource.',
  enabledByDefault: true,
  fixable: false,
  run(context) {
    for (const resource of context.resources) {
      for (const body of resource.bodies) {
        const seen = new Set<string>();
        for (const attribute of attributesOf(body)) {
          if (seen.has(attribute.name.value)) context.report(attribute.name, 'duplicate parameter found in resource');
          seen.add(attribute.name.value);
        }
      }
    }
  },
};

const styleChecks: readonly StyleCheck[] = [
  arrowAlignment, trailingWhitespace, hardTabs, softTabs, lineLength, doubleQuotedStrings, onlyVariableString,
  variablesNotEnclosed, quotedBooleans, unquotedResourceTitle, ensureFirstParam, unquotedFileMode, fileMode,
  caseWithoutDefault, rightToLeftRelationship, duplicateParams,
];

/** The style checks, for docs, settings and `--list-checks`. */
export const styleCheckCatalog: ReadonlyArray<Pick<StyleCheck, 'name' | 'description' | 'enabledByDefault' | 'fixable'>> =
  styleChecks.map(({ name, description, enabledByDefault, fixable }) => ({ name, description, enabledByDefault, fixable }));

function lintComments(context: StyleContext): LintComment[] {
  const { source } = context;
  const text = source.text;
  return context.controlComments.map((t) => {
    const raw = text.slice(t.start, t.end);
    const body = t.kind === 'lineComment' ? raw.slice(1) : raw.replace(/^\/\*/, '').replace(/\*\/$/, '');
    const line = source.positionAt(t.start);
    const before = text.slice(t.start - line.character, t.start);
    return { text: body, line: line.line, trailing: before.trim() !== '' };
  });
}

/**
 * False when the comment's text, trimmed, cannot start with `lint:`: its first character after
 * spaces and tabs is another printable ASCII character. Read in place: no slice per comment.
 */
function mayBeControlComment(text: string, comment: Trivia): boolean {
  let i = comment.start + (comment.kind === 'lineComment' ? 1 : 2);
  while (i < comment.end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  const c = text.charCodeAt(i);
  // Other blanks and line breaks are left to the exact test of parseControlComments.
  return c === 108 /* l */ || c < 32 || c > 126 || i >= comment.end;
}

/**
 * Runs the enabled style checks. Findings on lines covered by `# lint:ignore:<check>` are dropped;
 * unbalanced control comments are reported as `lint_control_comment` warnings.
 */
export function checkStyle(input: StyleInput, options: StyleOptions = {}): Finding[] {
  const rc = options.rc ?? emptyRc;
  const context = new StyleContext(input);
  for (const check of styleChecks) {
    if (!isCheckEnabled(rc, check.name, check.enabledByDefault)) continue;
    if (options.withChecker && coveredByChecker.has(check.name)) continue;
    context.check = check.name;
    check.run(context);
  }
  const control = parseControlComments(lintComments(context));
  const findings = context.findings.filter((f) => !control.isIgnored(f.check, f.line)).map((f) => f.finding);
  for (const problem of control.problems) {
    const at = input.source.lineRange(problem.line);
    findings.push({
      range: input.toDocument ? input.toDocument(at) : at,
      severity: 'warning',
      source: 'puppet',
      rule: 'lint_control_comment',
      message: problem.message,
      fixes: [],
    });
  }
  // Stable: at one position, findings keep the order of the checks (which keepPreferredFixesApart relies on).
  findings.sort((a, b) => comparePositions(a.range.start, b.range.start));
  return keepPreferredFixesApart(findings);
}

/**
 * Two checks can fix the same text (a trailing tab: trailing_whitespace and hard_tabs). Applying
 * every preferred fix at once must not meet overlapping edits, so later ones stop being preferred.
 */
function keepPreferredFixesApart(findings: Finding[]): Finding[] {
  const taken: Range[] = [];
  for (const finding of findings) {
    for (const fix of finding.fixes) {
      if (!fix.preferred) continue;
      const ranges = fix.edits.map((e) => e.range);
      if (ranges.some((r) => taken.some((t) => overlaps(r, t) || sameEmpty(r, t)))) fix.preferred = false;
      else taken.push(...ranges);
    }
  }
  return findings;
}

function overlaps(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) < 0 && comparePositions(b.start, a.end) < 0;
}

function sameEmpty(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}
