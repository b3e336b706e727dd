// Scope assertions written inside fixture files, in the style of vscode-tmgrammar-test:
//
//   # SYNTAX TEST "source.puppet"
//   package { 'ntp':
//   # <------- entity.name.type.resource.puppet
//   #         ^^^^^ string.quoted.single.puppet - meta.embedded
//
// The first line names the grammar; the text before `SYNTAX TEST` is the comment token that
// starts assertion lines (`#` for Puppet, `<!--` for Markdown, whose assertion lines may end
// with `-->`). `^` marks columns of the nearest source line above. For columns under the
// comment token, `<-` marks from column 0, one column per `-`, and `<~~-` first skips one
// column per `~`. Scopes after a lone `-` must be absent. A scope matches a token scope that equals it or extends it by dot segments, as
// TextMate selectors do: `string.quoted` matches `string.quoted.single.puppet`.
//
// The header and assertion lines are removed before tokenizing, so assertions can sit inside
// multi-line constructs (heredocs, block comments) without changing what is tokenized.
import type { TokenizedText } from './textmate';

export interface ScopeAssertion {
  /** 1-based line of the assertion in the fixture, for messages. */
  fixtureLine: number;
  /** 0-based index into the source lines. */
  sourceLine: number;
  /** Columns [from, to) of the source line. */
  from: number;
  to: number;
  required: string[];
  forbidden: string[];
}

export interface SyntaxTest {
  name: string;
  scopeName: string;
  /** The fixture without its header and assertion lines. */
  source: string;
  assertions: ScopeAssertion[];
}

const header = /^(\S+)\s+SYNTAX TEST\s+"([^"]+)"/;

export function parseSyntaxTest(name: string, text: string): SyntaxTest {
  const lines = text.split(/\r?\n/);
  const match = header.exec(lines[0]);
  if (!match) throw new Error(`${name}:1: expected a header like # SYNTAX TEST "source.puppet"`);
  const [, commentToken, scopeName] = match;
  const assertionLine = new RegExp(`^(\\s*${escapeRegExp(commentToken)}\\s*)(\\^+|<~*-+)(.*?)\\s*(?:-->)?\\s*$`);

  const sourceLines: string[] = [];
  const assertions: ScopeAssertion[] = [];
  lines.slice(1).forEach((line, index) => {
    const fixtureLine = index + 2;
    const assertion = assertionLine.exec(line);
    if (!assertion) {
      sourceLines.push(line);
      return;
    }
    if (sourceLines.length === 0) throw new Error(`${name}:${fixtureLine}: assertion before any source line`);
    const [, lead, marks, scopeText] = assertion;
    const [requiredText, forbiddenText = ''] = ` ${scopeText} `.split(/\s-\s/, 2);
    const required = requiredText.split(/\s+/).filter(Boolean);
    const forbidden = forbiddenText.split(/\s+/).filter(Boolean);
    if (required.length + forbidden.length === 0) throw new Error(`${name}:${fixtureLine}: assertion names no scope`);
    const skipped = marks.split('~').length - 1;
    const from = marks.startsWith('^') ? lead.length : skipped;
    const to = marks.startsWith('^') ? from + marks.length : marks.length - 1;
    assertions.push({ fixtureLine, sourceLine: sourceLines.length - 1, from, to, required, forbidden });
  });
  return { name, scopeName, source: sourceLines.join('\n'), assertions };
}

/** True when `scope` is `selector` or extends it by dot segments. */
export function scopeMatches(selector: string, scope: string): boolean {
  return scope === selector || scope.startsWith(`${selector}.`);
}

/** One message per assertion and token that does not hold; empty when all hold. */
export function checkAssertions(test: Pick<SyntaxTest, 'name' | 'assertions'>, tokenized: TokenizedText): string[] {
  const failures: string[] = [];
  for (const assertion of test.assertions) {
    const line = tokenized.lines[assertion.sourceLine];
    const where = `${test.name}:${assertion.fixtureLine}`;
    if (assertion.to > line.length) {
      failures.push(`${where}: columns ${assertion.from + 1}-${assertion.to} run past the end of "${line}"`);
      continue;
    }
    for (const token of tokenized.tokens[assertion.sourceLine]) {
      if (token.endIndex <= assertion.from || token.startIndex >= assertion.to) continue;
      const has = (selector: string) => token.scopes.some((scope) => scopeMatches(selector, scope));
      const missing = assertion.required.filter((selector) => !has(selector));
      const present = assertion.forbidden.filter(has);
      if (missing.length === 0 && present.length === 0) continue;
      const text = line.slice(token.startIndex, token.endIndex);
      const problems = [
        ...(missing.length ? [`expected ${missing.join(' ')}`] : []),
        ...(present.length ? [`unexpected ${present.join(' ')}`] : []),
      ];
      failures.push(
        `${where}: "${text}" (column ${token.startIndex + 1}) ${problems.join('; ')}\n    has: ${token.scopes.join(' ')}`,
      );
    }
  }
  return failures;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
