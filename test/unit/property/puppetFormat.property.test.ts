// Properties of the Puppet formatter: it keeps the token stream, formatting twice changes nothing,
// the result draws none of the style warnings it is meant to settle, and the result depends on the
// code alone, not on how it was indented before.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { formattedPuppet } from '../../../server/src/puppet/formatter';
import { lexPuppet } from '../../../server/src/puppet/lexer';
import { parsePuppet } from '../../../server/src/puppet/parser';
import { checkStyle } from '../../../server/src/puppet/style';
import { SourceText } from '../../../server/src/sourceText';
import { sharedRoot, sharedSkipMessage } from '../../corpusPaths';

/** Tokens and comments as text, in order. */
function code(text: string): string[] {
  const lexed = lexPuppet(text);
  const comments = lexed.trivia.filter((t) => t.kind === 'lineComment' || t.kind === 'blockComment');
  return [...lexed.tokens, ...comments].sort((a, b) => a.start - b.start).map((t) => `${t.kind}:${text.slice(t.start, t.end)}`);
}

const SETTLED = new Set(['arrow_alignment', 'trailing_whitespace', '2sp_soft_tabs']);

function styleWarnings(text: string): string[] {
  const parsed = parsePuppet(text, { whitespace: true });
  return checkStyle({ source: new SourceText(text), tokens: parsed.tokens, trivia: parsed.trivia, program: parsed.ast })
    .filter((f) => SETTLED.has(f.rule))
    .map((f) => `${f.rule} ${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`);
}

function checkFormatting(text: string): string {
  const formatted = formattedPuppet(text);
  assert.ok(formatted !== undefined, `not formatted:\n${text}`);
  assert.deepEqual(code(formatted), code(text), 'tokens and comments kept');
  assert.equal(formattedPuppet(formatted), formatted, `formatting twice changes more:\n${formatted}`);
  assert.deepEqual(styleWarnings(formatted), [], formatted);
  return formatted;
}

// ---- generated resource bodies ----

const gap = fc.constantFrom('', ' ', '  ', '\t');
const indentation = fc.constantFrom('', ' ', '  ', '   ', '    ', '\t', '          ');
const trailing = fc.constantFrom('', '', ' ', '\t ');
const names = fc.constantFrom('ensure', 'owner', 'mode', 'content', 'require', 'x', 'a_very_long_attribute');
const scalar = fc.constantFrom("'root'", 'present', 'true', '42', '$var', "Package['x']", '"${x}/y"', 'undef', "['a', 'b']");

interface Entry {
  name: string;
  before: string;
  after: string;
  value: Value;
  sameLine: boolean;
  indent: string;
  trailing: string;
  comment: string | null;
}
type Value = string | { entries: Entry[]; close: string } | { selector: Entry[]; close: string };

const { entry } = fc.letrec<{ value: Value; entry: Entry }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.record({ entries: fc.array(tie('entry'), { minLength: 1, maxLength: 4 }), close: indentation }),
    fc.record({ selector: fc.array(tie('entry'), { minLength: 1, maxLength: 3 }), close: indentation }),
  ),
  entry: fc.record({
    name: names,
    before: gap,
    after: fc.constantFrom(' ', '  '),
    value: tie('value'),
    sameLine: fc.boolean(),
    indent: indentation,
    trailing,
    comment: fc.option(fc.constantFrom('# why', '# keep   this text')),
  }),
}));

function renderEntries(entries: Entry[], close: string, key: (name: string) => string): string {
  let out = '';
  entries.forEach((e, i) => {
    if (e.comment) out += `\n${e.indent}${e.comment}`;
    out += i > 0 && e.sameLine && !e.comment ? ' ' : `${e.trailing}\n${e.indent}`;
    out += `${key(e.name)}${e.before}=>${e.after}${render(e.value)},`;
  });
  return `${out}\n${close}`;
}

function render(v: Value): string {
  if (typeof v === 'string') return v;
  if ('entries' in v) return `{${renderEntries(v.entries, v.close, (name) => `'${name}'`)}}`;
  // A selector's cases: give it a default so Puppet accepts any value.
  return `$s ? {${renderEntries(v.selector, v.close, (name) => `'${name}'`)} default => 0 }`;
}

const resource = fc
  .record({
    type: fc.constantFrom('file', 'package', 'apache::vhost', 'class'),
    entries: fc.array(entry, { minLength: 1, maxLength: 6 }),
    close: indentation,
    wrapper: fc.constantFrom('', 'class web {', 'if $x {', "$list.each |$v| {"),
    wrapperIndent: indentation,
  })
  .map(({ type, entries, close, wrapper, wrapperIndent }) => {
    const body = `${wrapperIndent}${type} { 'title':${renderEntries(entries, close, (name) => name)}}`;
    return wrapper ? `${wrapper}\n${body}\n${wrapperIndent}}\n` : `${body}\n`;
  });

describe('puppet formatter properties', () => {
  it('on generated resource bodies: keeps the tokens, is idempotent, settles arrows, indentation and trailing blanks', () => {
    fc.assert(
      fc.property(resource, (text) => {
        assert.deepEqual(parsePuppet(text).errors.filter((e) => e.code === 'SYNTAX_ERROR'), [], `generated code must parse:\n${text}`);
        checkFormatting(text);
      }),
      { numRuns: 300 },
    );
  });

  const modules = path.join(sharedRoot, 'corpus', 'puppet', 'modules');
  const files = listManifests(modules);
  const skip = files.length === 0 && sharedSkipMessage;

  it('on every corpus module manifest: keeps the tokens, is idempotent and settles the warnings', { skip }, () => {
    for (const file of files) checkFormatting(readFileSync(file, 'utf8'));
  });

  it('on corpus manifests indented any other way: gives the same result', { skip }, () => {
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.array(indentation, { minLength: 1, maxLength: 40 }), (file, indents) => {
        const text = readFileSync(file, 'utf8');
        assert.equal(formattedPuppet(reindent(text, indents)), formattedPuppet(text), file);
      }),
      { numRuns: 40 },
    );
  });
});

function listManifests(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries.filter((f) => f.endsWith('.pp')).sort().map((f) => path.join(dir, f));
}

/**
 * Gives every line that starts with a token new leading blanks (cycling through `indents`). Such a
 * line starts outside any string, comment or heredoc, so only its indentation changes.
 */
function reindent(text: string, indents: string[]): string {
  const source = new SourceText(text);
  const lines = new Set(lexPuppet(text).tokens.filter((t) => t.lineStart && t.kind !== 'eof').map((t) => source.positionAt(t.start).line));
  let out = '';
  let n = 0;
  for (let line = 0; line < source.lineCount; line++) {
    const start = source.lineStarts[line];
    const end = line + 1 < source.lineCount ? source.lineStarts[line + 1] : text.length;
    const content = text.slice(start, end);
    out += lines.has(line) ? indents[n++ % indents.length] + content.replace(/^[ \t]+/, '') : content;
  }
  return out;
}
