import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lexPuppet } from '../../../server/src/puppet/lexer';
import type { Token } from '../../../server/src/puppet/tokens';

/** `kind:value` for each token but the final eof, e.g. 'name:file'. */
function kinds(text: string): string[] {
  return lexPuppet(text)
    .tokens.filter((t) => t.kind !== 'eof')
    .map((t) => (t.kind === t.value ? t.kind : `${t.kind}:${t.value}`));
}

function only(text: string): Token {
  const tokens = lexPuppet(text).tokens;
  assert.equal(tokens.length, 2, `one token expected in ${JSON.stringify(text)}, got ${tokens.map((t) => t.kind).join(' ')}`);
  return tokens[0];
}

describe('puppet lexer: names and words', () => {
  it('lexes names, qualified names and keywords', () => {
    assert.deepEqual(kinds('file apache::vhost ::foo if unless class default true'), [
      'name:file',
      'name:apache::vhost',
      'name:::foo',
      'if',
      'unless',
      'class',
      'default',
      'true',
    ]);
  });

  it('makes a word of what is not a valid name: hyphens and leading underscores', () => {
    assert.deepEqual(kinds('foo-bar _x a::_b'), ['word:foo-bar', 'word:_x', 'word:a::_b']);
  });

  it('never ends a word with a hyphen', () => {
    assert.deepEqual(kinds('foo- 1'), ['name:foo', '-', 'number:1']);
  });

  it('lexes type references, qualified and absolute', () => {
    assert.deepEqual(kinds('File Foo::Bar ::Foo'), ['classref:File', 'classref:Foo::Bar', 'classref:::Foo']);
  });

  it('rejects a type reference with a lower-case segment, as Puppet does', () => {
    const { tokens, errors } = lexPuppet('Foo::bar x');
    assert.equal(tokens[0].kind, 'error');
    assert.equal(tokens[0].end, 8);
    assert.equal(errors[0].code, 'ILLEGAL_CLASS_REFERENCE');
    assert.equal(tokens[1].kind, 'name', 'lexing goes on after the error');
  });

  it('rejects a lone ::', () => {
    const { errors } = lexPuppet('::$b');
    assert.equal(errors[0].code, 'ILLEGAL_FULLY_QUALIFIED_NAME');
  });
});

describe('puppet lexer: variables', () => {
  it('lexes plain, top-scope and qualified variables without the $', () => {
    assert.deepEqual(kinds('$x $::x $a::b $_y1 $0'), ['variable:x', 'variable:::x', 'variable:a::b', 'variable:_y1', 'variable:0']);
  });

  it('lexes $facts[...] as a variable followed by an access bracket', () => {
    const [v, open] = lexPuppet("$facts['os']").tokens;
    assert.equal(v.kind, 'variable');
    assert.equal(open.kind, '[');
    assert.equal(open.spaceBefore, false);
  });

  it('leaves a trailing :: out of the name', () => {
    assert.deepEqual(kinds('$a::b:: x'), ['variable:a::b', 'error:::', 'name:x']);
  });

  it('lexes a lone $ as a variable with an empty name', () => {
    assert.equal(only('$').value, '');
  });
});

describe('puppet lexer: numbers', () => {
  for (const n of ['0', '42', '0x1F', '0XaB', '0777', '1.5', '1e10', '2.5E-3', '0.5']) {
    it(`lexes ${n}`, () => {
      const t = only(n);
      assert.equal(t.kind, 'number');
      assert.equal(t.value, n);
    });
  }

  it('rejects an octal number with the digits 8 or 9', () => {
    const { tokens, errors } = lexPuppet('0789');
    assert.equal(tokens[0].kind, 'error');
    assert.equal(errors[0].code, 'INVALID_OCTAL_NUMBER');
  });

  it('rejects a number running into letters', () => {
    const { errors } = lexPuppet('$x = 10abc');
    assert.equal(errors[0].code, 'ILLEGAL_NUMBER');
    assert.match(errors[0].message, /10abc/);
  });
});

describe('puppet lexer: single-quoted strings', () => {
  it('processes only \\\\ and \\\' as escapes', () => {
    const t = only(String.raw`'a\'b\\c\nd'`);
    assert.equal(t.kind, 'string');
    assert.equal(t.quote, "'");
    assert.equal(t.value, String.raw`a'b\c\nd`);
  });

  it('may span lines', () => {
    assert.equal(only("'a\nb'").value, 'a\nb');
  });

  it('makes an unterminated string an error token up to the end, reported at its quote', () => {
    const text = "$x = 'abc\n$y = 1\n";
    const { tokens, errors } = lexPuppet(text);
    assert.equal(tokens[2].kind, 'error');
    assert.equal(tokens[2].end, text.length);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].code, 'UNCLOSED_QUOTE');
    assert.equal(errors[0].start, 5);
    assert.equal(errors[0].end, 9, 'the report covers the rest of the opening line');
  });
});

describe('puppet lexer: double-quoted strings', () => {
  it('processes Puppet escapes and keeps unknown ones', () => {
    const t = only(String.raw`"a\tb\nc\sd\$e\"f\\g\u00e9\u{1F600}\q"`);
    assert.equal(t.value, 'a\tb\nc d$e"f\\g\u00e9\u{1F600}\\q');
    assert.equal(t.parts, undefined, 'no interpolation, no parts');
  });

  it('removes an escaped line break', () => {
    assert.equal(only('"a\\\nb"').value, 'ab');
  });

  it('splits interpolations into parts with their own tokens', () => {
    const text = '"a${b}c $d::e $ f"';
    const t = only(text);
    const parts = t.parts!;
    assert.deepEqual(
      parts.map((p) => (p.kind === 'text' ? p.value : p.tokens.map((x) => `${x.kind}:${x.value}`).join(' '))),
      ['a', 'variable:b', 'c ', 'variable:d::e', ' $ f'],
    );
    assert.equal(text.slice(parts[1].start, parts[1].end), '${b}');
    assert.equal(text.slice(parts[3].start, parts[3].end), '$d::e');
    assert.equal(t.value, 'ac  $ f');
  });

  it("turns the name in ${x['k']} and ${x.y} into a variable, but not in ${x + 1}", () => {
    const first = (text: string) => {
      const part = only(text).parts!.find((p) => p.kind === 'interpolation');
      assert.ok(part && part.kind === 'interpolation');
      return part.tokens.map((x) => x.kind).join(' ');
    };
    assert.equal(first(`"\${x['k']}"`), 'variable [ string ]');
    assert.equal(first('"${x.y}"'), 'variable . name');
    assert.equal(first('"${x + 1}"'), 'name + number');
    assert.equal(first('"${1}"'), 'variable');
  });

  it('lexes nested strings and braces inside an interpolation', () => {
    const t = only('"x${ {a => "}"}[a] }y"');
    const part = t.parts![1];
    assert.ok(part.kind === 'interpolation');
    assert.deepEqual(
      part.tokens.map((x) => x.kind),
      ['{', 'name', '=>', 'string', '}', '[', 'name', ']'],
    );
    assert.equal(t.parts![2].kind === 'text' && t.parts![2].value, 'y');
  });

  it('reports an unterminated string inside an interpolation once', () => {
    const { errors } = lexPuppet('notify { \'x\': message => "${foo" }\n');
    assert.equal(errors.length, 1);
    assert.equal(errors[0].code, 'UNCLOSED_QUOTE');
    assert.equal(errors[0].start, 31);
  });
});

describe('puppet lexer: heredocs', () => {
  it('takes the text from the following lines, with margin and trim', () => {
    const text = '$t = @(END)\n    hello\n      world\n    |- END\nnotice($t)\n';
    const { tokens, errors } = lexPuppet(text);
    assert.deepEqual(errors, []);
    const h = tokens[2];
    assert.equal(h.kind, 'heredoc');
    assert.equal(text.slice(h.start, h.end), '@(END)');
    assert.equal(h.value, 'hello\n  world');
    assert.equal(h.heredoc!.margin, 4);
    assert.equal(h.heredoc!.trimEnd, true);
    assert.equal(text.slice(h.heredoc!.endLineStart, h.heredoc!.endLineEnd), '    |- END');
    assert.deepEqual(
      tokens.slice(3, -1).map((t) => t.kind),
      ['name', '(', 'variable', ')'],
      'lexing resumes after the end tag line',
    );
  });

  it('reads the syntax and escapes, and interpolates only with a quoted tag', () => {
    const plain = lexPuppet('@(END:json/tn)\n{"a": "$x\\t"}\nEND\n').tokens[0];
    assert.equal(plain.heredoc!.syntax, 'json');
    assert.equal(plain.heredoc!.escapes, 'tn');
    assert.equal(plain.value, '{"a": "$x\t"}\n');
    assert.equal(plain.heredoc!.parts, undefined);
    const interpolated = lexPuppet('@("END")\nhi $name!\nEND\n').tokens[0];
    assert.equal(interpolated.heredoc!.interpolate, true);
    assert.deepEqual(
      interpolated.heredoc!.parts!.map((p) => p.kind),
      ['text', 'interpolation', 'text'],
    );
  });

  it('keeps backslashes when no escapes are enabled', () => {
    assert.equal(lexPuppet('@(END)\na\\tb\nEND\n').tokens[0].value, 'a\\tb\n');
  });

  it('reads two heredocs opened on one line from consecutive text blocks', () => {
    const text = 'foo(@(A), @(B))\na text\nA\nb text\nB\nbar()\n';
    const { tokens, errors } = lexPuppet(text);
    assert.deepEqual(errors, []);
    const heredocs = tokens.filter((t) => t.kind === 'heredoc');
    assert.deepEqual(
      heredocs.map((t) => t.value),
      ['a text\n', 'b text\n'],
    );
    assert.equal(tokens.filter((t) => t.kind === 'name').map((t) => t.value).join(), 'foo,bar');
  });

  it('reports a heredoc without its end tag, and swallows the rest', () => {
    const { tokens, errors } = lexPuppet('$x = @(END)\ntext\n$y = 1\n');
    assert.equal(errors[0].code, 'HEREDOC_WITHOUT_END_TAGGED_LINE');
    assert.equal(tokens[2].kind, 'error');
    assert.equal(tokens[3].kind, 'eof');
  });

  it('reports a malformed heredoc tag', () => {
    assert.equal(lexPuppet('@(END/x)\na\nEND\n').errors[0].code, 'HEREDOC_INVALID_ESCAPE');
    assert.equal(lexPuppet('@(END\n').errors[0].code, 'HEREDOC_UNCLOSED_PARENTHESIS');
    assert.equal(lexPuppet('@(END)').errors[0].code, 'HEREDOC_WITHOUT_TEXT');
  });
});

describe('puppet lexer: regex or division', () => {
  it('lexes / after an operand as division', () => {
    assert.deepEqual(kinds('$a / 2 / $b'), ['variable:a', '/', 'number:2', '/', 'variable:b']);
    assert.deepEqual(kinds('foo() / 2'), ['name:foo', '(', ')', '/', 'number:2']);
  });

  it('lexes / where an operand is expected as a regex, unescaping \\/', () => {
    assert.deepEqual(kinds('$a =~ /^a\\/b$/'), ['variable:a', '=~', 'regex:^a/b$']);
    assert.deepEqual(kinds('node /web\\d+/ {'), ['node', 'regex:web\\d+', '{']);
    assert.deepEqual(kinds('} /x/'), ['}', 'regex:x'], 'after } a regex may start a case option');
  });

  it('falls back to division when no / closes the regex', () => {
    assert.deepEqual(kinds('= / x'), ['=', '/', 'name:x']);
  });
});

describe('puppet lexer: comments and trivia', () => {
  it('records line and block comments as trivia', () => {
    const text = '# a\n$x /* b */ = 1';
    const { tokens, trivia } = lexPuppet(text);
    assert.deepEqual(
      trivia.map((t) => [t.kind, text.slice(t.start, t.end)]),
      [
        ['lineComment', '# a'],
        ['blockComment', '/* b */'],
      ],
    );
    assert.deepEqual(
      tokens.map((t) => t.kind),
      ['variable', '=', 'number', 'eof'],
    );
  });

  it('records whitespace and line breaks on request', () => {
    const { trivia } = lexPuppet('a \t\nb', { whitespace: true });
    assert.deepEqual(
      trivia.map((t) => t.kind),
      ['whitespace', 'newline'],
    );
  });

  it('makes an unclosed block comment an error token up to the end', () => {
    const text = '$x = 1 /* never closed\n$y = 2';
    const { errors, tokens } = lexPuppet(text);
    assert.equal(errors[0].code, 'UNCLOSED_MLCOMMENT');
    assert.deepEqual(
      tokens.map((t) => t.kind),
      ['variable', '=', 'number', 'error', 'eof'],
    );
    assert.equal(tokens[3].end, text.length);
  });

  it('tiles the text exactly with tokens, trivia and heredoc text', () => {
    const text = "class a {\n  $t = @(E)\n    x\n    | E\n  # c\n  notify { \"${t}\": }\n}\n";
    const { tokens, trivia } = lexPuppet(text, { whitespace: true });
    const pieces: Array<[number, number]> = [];
    for (const t of tokens) {
      if (t.kind !== 'eof') pieces.push([t.start, t.end]);
      if (t.heredoc) pieces.push([t.heredoc.bodyStart, t.heredoc.endLineEnd + 1]);
    }
    for (const t of trivia) pieces.push([t.start, t.end]);
    pieces.sort((a, b) => a[0] - b[0]);
    let at = 0;
    for (const [start, end] of pieces) {
      assert.equal(start, at, `gap or overlap at ${at}`);
      at = end;
    }
    assert.equal(at, text.length);
  });
});

describe('puppet lexer: operators and punctuation', () => {
  it('lexes every operator, longest first', () => {
    const ops = '-> ~> <- <~ <| |> <<| |>> += -= =~ !~ == != >= <= > < = => +> + - * / % << >> ! . , ; : ? @ @@ | [ ] { } ( ) ~';
    const tokens = lexPuppet('$x ' + ops).tokens.slice(1, -1);
    assert.deepEqual(
      tokens.map((t) => t.kind),
      ops.split(' ').map((op) => (op === '/' ? '/' : op)),
    );
  });

  it('marks a [ preceded by space as a list start and a ( first on its line as grouping', () => {
    const [, access, , , , list] = lexPuppet('$a[1] $b [2]').tokens;
    assert.equal(access.spaceBefore, false);
    assert.equal(list.kind, '[');
    assert.equal(list.spaceBefore, true);
    const parens = lexPuppet('foo (1)\n  (2)').tokens.filter((t) => t.kind === '(');
    assert.deepEqual(
      parens.map((t) => t.lineStart),
      [false, true],
    );
  });

  it('makes a character that starts no token an "other" token, a whole code point long', () => {
    const { tokens } = lexPuppet('a & \u{1F600} b');
    assert.deepEqual(
      tokens.map((t) => t.kind),
      ['name', 'other', 'other', 'name', 'eof'],
    );
    assert.equal(tokens[2].end - tokens[2].start, 2);
  });
});
