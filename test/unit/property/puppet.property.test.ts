// Properties of the Puppet lexer and parser on any input: they never throw or hang, their tokens
// and nodes stay inside the text in order, and their time stays linear on hostile input.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lexPuppet } from '../../../server/src/puppet/lexer';
import { parsePuppet } from '../../../server/src/puppet/parser';
import { ancestorsAt, forEachChild, indexNodes } from '../../../server/src/puppet/ast';
import type { Node } from '../../../server/src/puppet/ast';
import type { Token } from '../../../server/src/puppet/tokens';

/** Any code points, and any UTF-16 units (an editor buffer can hold a lone surrogate). */
const unicodeText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 300 }),
);

/** Pieces of Puppet: keywords, operators, brackets, literals, strings and heredoc tags, half-finished ones too. */
const PIECES = [
  'class', 'define', 'node', 'function', 'type', 'if', 'elsif', 'else', 'unless', 'case', 'default', 'inherits',
  'and', 'or', 'in', 'true', 'false', 'undef', 'private', 'attr', 'include', 'notice', 'file', 'apache::vhost', 'Foo::Bar',
  'Foo::bar', '::foo', 'foo-bar', '_x', '$x', '$::y', '$a::b', '$', '0x1F', '0777', '089', '1.5e3', '10abc',
  "'str'", "'open", '"dq"', '"a${b}c"', '"${x[\'k\']}"', '"${', '"$x', '"', '@(END)', '@("END"/tn)', '@(X:json)', 'END', '| END', '|- END',
  '/re/', '/', '/*', '*/', '# c', '->', '~>', '<-', '<~', '<|', '|>', '<<|', '|>>', '+=', '-=', '=~', '!~', '==', '!=',
  '>=', '<=', '>', '<', '=', '=>', '+>', '+', '-', '*', '%', '<<', '>>', '!', '.', ',', ';', ':', '::', '?', '@', '@@',
  '|', '[', ']', '{', '}', '(', ')', '~', '&', '\\',
];
const SEPARATORS = [' ', '', '\n', '\n  ', '\t', '\r\n'];

const tokenSoup = fc
  .array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(...SEPARATORS)), { maxLength: 80 })
  .map((pairs) => pairs.map(([piece, sep]) => piece + sep).join(''));

const anyPuppet = fc.oneof(unicodeText, tokenSoup);

function checkTokens(tokens: Token[], start: number, end: number, where: string): void {
  let at = start;
  for (const t of tokens) {
    assert.ok(t.start >= at && t.end >= t.start && t.end <= end, `${where}: token ${t.kind} ${t.start}-${t.end} out of order or range`);
    at = t.end;
    for (const part of t.parts ?? []) {
      if (part.kind === 'interpolation') checkTokens(part.tokens, part.start, part.end, `${where} interpolation`);
    }
    for (const part of t.heredoc?.parts ?? []) {
      if (part.kind === 'interpolation') checkTokens(part.tokens, part.start, part.end, `${where} heredoc`);
    }
  }
}

function checkNesting(node: Node, text: string): void {
  assert.ok(node.start >= 0 && node.start <= node.end && node.end <= text.length, `${node.type} ${node.start}-${node.end}`);
  forEachChild(node, (child) => {
    if (node.type !== 'Heredoc') assert.ok(child.start >= node.start && child.end <= node.end, `${child.type} outside ${node.type}`);
    checkNesting(child, text);
  });
}

describe('puppet lexer and parser properties', () => {
  it('lex any text without throwing, tokens in order and inside the text, ending with eof', () => {
    fc.assert(
      fc.property(anyPuppet, (text) => {
        const { tokens, errors } = lexPuppet(text);
        assert.equal(tokens[tokens.length - 1].kind, 'eof');
        checkTokens(tokens.slice(0, -1), 0, text.length, 'main');
        for (const e of errors) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length);
      }),
      { numRuns: 400 },
    );
  });

  it('tile any text with tokens and trivia, leaving gaps only for heredoc text', () => {
    fc.assert(
      fc.property(anyPuppet, (text) => {
        const { tokens, trivia } = lexPuppet(text, { whitespace: true });
        const pieces: Array<[number, number]> = trivia.map((t) => [t.start, t.end]);
        const heredocText: Array<[number, number]> = [];
        for (const t of tokens) {
          if (t.kind !== 'eof') pieces.push([t.start, t.end]);
          const h = t.heredoc;
          if (h) heredocText.push([h.bodyStart, h.terminated ? Math.min(text.length, h.endLineEnd + (text[h.endLineEnd] === '\r' ? 2 : 1)) : text.length]);
        }
        pieces.sort((a, b) => a[0] - b[0]);
        const coveredByHeredoc = (from: number, to: number) => {
          let at = from;
          for (const [start, end] of [...heredocText].sort((a, b) => a[0] - b[0])) if (start <= at && end > at) at = end;
          return at >= to;
        };
        let at = 0;
        for (const [start, end] of pieces) {
          assert.ok(start >= at, `overlap at ${start} in ${JSON.stringify(text)}`);
          if (start > at) assert.ok(coveredByHeredoc(at, start), `gap ${at}-${start} in ${JSON.stringify(text)}`);
          at = end;
        }
        if (at < text.length) assert.ok(coveredByHeredoc(at, text.length), `gap at the end of ${JSON.stringify(text)}`);
      }),
      { numRuns: 300 },
    );
  });

  it('parse any text without throwing, with nested node ranges and errors inside the text', () => {
    fc.assert(
      fc.property(anyPuppet, (text) => {
        const { ast, errors } = parsePuppet(text);
        checkNesting(ast, text);
        for (const e of errors) {
          assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, `${e.code} ${e.start}-${e.end}`);
          for (const r of e.related ?? []) assert.ok(r.start >= 0 && r.end <= text.length);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('index the nodes of any program in walk order, each with its ancestors', () => {
    fc.assert(
      fc.property(anyPuppet, (text) => {
        const { ast } = parsePuppet(text);
        const walked: Array<{ node: Node; ancestors: Node[] }> = [];
        const visit = (node: Node, ancestors: Node[]) => {
          walked.push({ node, ancestors });
          forEachChild(node, (child) => visit(child, [...ancestors, node]));
        };
        visit(ast, []);
        const index = indexNodes(ast);
        assert.equal(index.nodes.length, walked.length);
        walked.forEach(({ node, ancestors }, i) => {
          assert.ok(index.nodes[i] === node, `node ${i} (${node.type}) in walk order`);
          const indexed = ancestorsAt(index, i);
          assert.ok(indexed.length === ancestors.length && indexed.every((a, k) => a === ancestors[k]), `ancestors of node ${i} (${node.type})`);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('report an error for unbalanced brackets', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.constantFrom('[', '(', '{'), (n, open) => {
        assert.ok(parsePuppet('$x = ' + open.repeat(n)).errors.length > 0);
      }),
      { numRuns: 100 },
    );
  });
});

describe('puppet lexer and parser: linear time on hostile input', () => {
  const MB = 1024 * 1024;
  const hostile: Array<[string, string]> = [
    ['nested [', '$x = ' + '['.repeat(MB)],
    ['nested (', '$x = ' + '('.repeat(MB)],
    ['nested {', '{'.repeat(MB)],
    ['nested interpolation', '"${'.repeat(MB / 3)],
    ['unterminated strings', "'a\n".repeat(MB / 3)],
    ['unterminated dq strings', '$x = "a\n'.repeat(MB / 8)],
    ['unterminated heredocs', '$x = @(END)\ntext\n'.repeat(MB / 16)],
    ['unclosed regexes', '= /\\/'.repeat(MB / 5)],
    ['unary chains', '$x = ' + '- ! '.repeat(MB / 4)],
    ['assignment chains', '$x = '.repeat(MB / 5)],
    ['virtual chains', '@'.repeat(MB)],
    ['binary chains', '$x = 1' + ' + 1'.repeat(MB / 4)],
    ['many statements', "file { 'x': ensure => file }\n".repeat(MB / 29)],
    ['broken statements', "file { 'x' ensure => }\n".repeat(MB / 24)],
  ];
  for (const [name, text] of hostile) {
    it(`${name} (${(text.length / MB).toFixed(1)} MB)`, () => {
      const started = performance.now();
      const { errors } = parsePuppet(text);
      const ms = performance.now() - started;
      console.log(`puppet parse, ${name}: ${ms.toFixed(0)} ms for ${(text.length / MB).toFixed(2)} MB, ${errors.length} errors`);
      assert.ok(ms < 10_000, `${name} took ${ms.toFixed(0)} ms`);
    });
  }

  it('reports deep nesting as an error, not a stack overflow', () => {
    for (const open of ['[', '(', '{', '"${', 'if $a {', '@', '-', '$a = ']) {
      const { errors } = parsePuppet('$x = ' + open.repeat(20_000));
      assert.ok(errors.length > 0, `${open} nested`);
    }
    assert.ok(parsePuppet('$x = ' + '['.repeat(10_000)).errors.some((e) => e.code === 'NESTING_TOO_DEEP'));
  });
});
