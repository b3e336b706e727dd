// The virtual document of a ```puppet fence and its position map to the Markdown file: exact in both
// directions on every line, in list items and blockquotes, with CRLF, and never an edit outside the fence.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Fix, Position } from '../../../server/src/finding';
import { embeddedPuppet, fenceAt, type EmbeddedPuppet } from '../../../server/src/markdown/embeddedPuppet';
import { buildModel } from '../../../server/src/postmortem/parse';
import { resolveProfile } from '../../../server/src/postmortem/profiles';
import { defaultSettings } from '../../../server/src/settings';
import { SourceText } from '../../../server/src/sourceText';
import { applyEdits } from '../../../server/src/textEdits';

function fencesOf(markdown: string): EmbeddedPuppet[] {
  return embeddedPuppet(buildModel(markdown, resolveProfile(defaultSettings)), new SourceText(markdown));
}

function only(markdown: string): EmbeddedPuppet {
  const fences = fencesOf(markdown);
  assert.equal(fences.length, 1, 'one puppet fence');
  return fences[0];
}

const at = (line: number, character: number): Position => ({ line, character });

/** A fix replacing one virtual span. */
function replace(start: Position, end: Position, newText: string): Fix {
  return { title: 'test', edits: [{ range: { start, end }, newText }], preferred: true };
}

describe('embedded puppet: the virtual document', () => {
  it('takes ```puppet and ```pp fences, not other languages', () => {
    const markdown = '# T\n\n```puppet\na\n```\n\n```bash\nb\n```\n\n~~~pp\nc\n~~~\n';
    assert.deepEqual(fencesOf(markdown).map((f) => f.source.text), ['a\n', 'c\n']);
  });

  it('is the code without the list item indentation, line for line', () => {
    const markdown = '# T\n\n1. Step:\n   ```puppet\n   package { "x":\n\n     ensure => installed,\n   }\n   ```\n';
    const fence = only(markdown);
    assert.equal(fence.source.text, 'package { "x":\n\n  ensure => installed,\n}\n');
    assert.equal(fence.firstLine, 4);
    assert.equal(fence.lineCount, 4);
    assert.deepEqual(fence.markdownPositionAt(at(0, 0)), at(4, 3));
    assert.deepEqual(fence.markdownPositionAt(at(2, 2)), at(6, 5), "'ensure'");
    // The blank line is shorter than the indent: its only position is its end.
    assert.deepEqual(fence.markdownPositionAt(at(1, 0)), at(5, 0));
    assert.deepEqual(fence.virtualPositionAt(at(6, 5)), at(2, 2));
    assert.deepEqual(fence.virtualPositionAt(at(6, 1)), at(2, 0), 'the indentation is the start of the code line');
    assert.deepEqual(fence.virtualPositionAt(at(6, 99)), at(2, 22), 'past the end is the end');
    assert.equal(fence.virtualPositionAt(at(3, 3)), undefined, 'the opening marker is not code');
    assert.equal(fence.virtualPositionAt(at(8, 3)), undefined, 'nor the closing one');
  });

  it('maps the end of the code (where Puppet reports "end of input") to the end of the last code line', () => {
    const fence = only('- x\n  ```puppet\n  file { "a":\n  ```\n');
    assert.deepEqual(fence.markdownPositionAt(fence.source.positionAt(fence.source.text.length)), at(2, 13));
  });

  it('strips blockquote markers', () => {
    const fence = only('> ```pp\n> notice(1)\n>\n>   notice(2)\n> ```\n');
    assert.equal(fence.source.text, 'notice(1)\n\n  notice(2)\n');
    assert.deepEqual(fence.markdownPositionAt(at(2, 2)), at(3, 4));
    assert.deepEqual(fence.markdownPositionAt(at(1, 0)), at(2, 1));
  });

  it('reads an unterminated fence up to the end of its list item, as markdown-it does', () => {
    const markdown = '1. Fix:\n   ```puppet\n   notice(1)\n\n#### Next\n';
    const fence = only(markdown);
    assert.equal(fence.fence.unterminated, true);
    assert.equal(fence.source.text, 'notice(1)\n\n');
    assert.equal(fence.virtualPositionAt(at(4, 0)), undefined, 'the heading after it is not code');
  });

  it('counts lines after front matter', () => {
    const fence = only('---\ntitle: x\n---\n# T\n\n```puppet\nnotice(1)\n```\n');
    assert.deepEqual(fence.markdownPositionAt(at(0, 7)), at(6, 7));
  });

  it('finds the fence at a Markdown position', () => {
    const markdown = '```puppet\na\n```\n\ntext\n\n- item\n  ```puppet\n  b\n  ```\n';
    const fences = fencesOf(markdown);
    assert.equal(fenceAt(fences, at(1, 0)), fences[0]);
    assert.equal(fenceAt(fences, at(8, 2)), fences[1]);
    assert.equal(fenceAt(fences, at(4, 1)), undefined);
    assert.equal(fenceAt(fences, at(7, 4)), undefined, 'the opening line');
  });
});

describe('embedded puppet: fixes', () => {
  it('maps a fix to the Markdown and writes new lines with the list item indentation and CRLF', () => {
    const markdown = '- Fix:\r\n  ```puppet\r\n  service { "a":\r\n    ensure => running,\r\n  }\r\n  ```\r\n';
    const fence = only(markdown);
    assert.equal(fence.source.text, 'service { "a":\n  ensure => running,\n}\n');
    const fix = fence.markdownFix(replace(at(1, 20), at(1, 20), '\n  enable => true,'));
    assert.ok(fix);
    const fixed = applyEdits(markdown, fix.edits);
    assert.equal(fixed, '- Fix:\r\n  ```puppet\r\n  service { "a":\r\n    ensure => running,\r\n    enable => true,\r\n  }\r\n  ```\r\n');
    assert.equal(only(fixed).source.text, 'service { "a":\n  ensure => running,\n  enable => true,\n}\n');
  });

  it('drops a fix it cannot make exactly inside the fence', () => {
    // markdown-it turns the tab into one space of code: that line has no exact place for an edit.
    const markdown = '1. Fix:\n   ```puppet\n\tnotice(1)\n   notice(2)\n   ```\n';
    const fence = only(markdown);
    assert.equal(fence.source.text, ' notice(1)\nnotice(2)\n');
    assert.deepEqual(fence.markdownPositionAt(at(0, 1)), at(2, 1), 'positions on it still map, for diagnostics');
    assert.equal(fence.markdownFix(replace(at(0, 0), at(0, 1), '')), undefined);
    assert.equal(fence.markdownFix(replace(at(0, 5), at(1, 2), '')), undefined, 'an edit across it');
    assert.ok(fence.markdownFix(replace(at(1, 0), at(1, 6), 'notify')), 'the next line is fine');
    // Two spaces of list indentation and a tab that reaches column 4: markdown-it writes two spaces for it.
    const wider = only('- x\n  ```puppet\n\t\tnotice(1)\n  ```\n');
    assert.equal(wider.source.text, '  \tnotice(1)\n');
    assert.deepEqual(wider.markdownPositionAt(at(0, 3)), at(2, 2), "'notice' lines up with its tail");
    assert.equal(fence.markdownFix(replace(at(2, 0), at(2, 0), 'x')), undefined, 'past the code: the closing marker line');
  });
});

// ---- properties over generated fences ----

/** A container: how the fence's first line starts, and how its other lines do. */
const containers = [
  { opener: '', continuation: '', blank: '' },
  { opener: '- ', continuation: '  ', blank: '' },
  { opener: '12. ', continuation: '    ', blank: '' },
  { opener: '> ', continuation: '> ', blank: '>' },
  { opener: '> - ', continuation: '>   ', blank: '>' },
];

const codeChar = fc.constantFrom(...'ab xyz{}=>$\':,é😀'.split(/(?:)/u));
const codeLine = fc.oneof(
  fc.constant(''),
  fc.array(codeChar, { maxLength: 12 }).map((chars) => chars.join('').replace(/^\s+$/, '')),
);

const fenceCase = fc.record({
  container: fc.constantFrom(...containers),
  lines: fc.array(codeLine, { minLength: 1, maxLength: 6 }),
  crlf: fc.boolean(),
  /** Blank lines written with the container's whole prefix, or the least of it. */
  fullBlanks: fc.boolean(),
});

type FenceCase = { container: (typeof containers)[number]; lines: string[]; crlf: boolean; fullBlanks: boolean };

function markdownOf({ container, lines, crlf, fullBlanks }: FenceCase): string {
  const body = lines.map((line) => (line === '' && !fullBlanks ? container.blank : container.continuation + line));
  const text = ['# Title', '', `${container.opener}\`\`\`puppet`, ...body, `${container.continuation}\`\`\``, '', 'After.', ''].join('\n');
  return crlf ? text.replace(/\n/g, '\r\n') : text;
}

describe('embedded puppet: properties', () => {
  it('maps every code position to the same character in the Markdown, and back', () => {
    fc.assert(
      fc.property(fenceCase, (c) => {
        const markdown = new SourceText(markdownOf(c));
        const fence = only(markdown.text);
        assert.equal(fence.source.text, c.lines.join('\n') + '\n');
        c.lines.forEach((line, n) => {
          for (let character = 0; character <= line.length; character++) {
            const mapped = fence.markdownPositionAt(at(n, character));
            assert.equal(mapped.line, 3 + n);
            assert.equal(markdown.line(mapped.line).slice(mapped.character), line.slice(character));
            assert.deepEqual(fence.virtualPositionAt(mapped), at(n, character));
          }
        });
      }),
    );
  });

  it('makes every edit of the code inside the fence, as the same edit of the code', () => {
    const edit = fenceCase.chain((c) => {
      const code = c.lines.join('\n');
      return fc.record({
        c: fc.constant(c),
        from: fc.nat(code.length),
        length: fc.nat(code.length),
        newText: fc.array(fc.oneof(codeChar, fc.constant('\n')), { maxLength: 8 }).map((chars) => chars.join('')),
      });
    });
    fc.assert(
      fc.property(edit, ({ c, from, length, newText }) => {
        const markdown = markdownOf(c);
        const fence = only(markdown);
        const code = fence.source;
        const to = Math.min(from + length, c.lines.join('\n').length);
        const fix = fence.markdownFix(replace(code.positionAt(from), code.positionAt(to), newText));
        assert.ok(fix, 'no tabs: every edit inside the code can be made');
        const fixed = applyEdits(markdown, fix.edits);
        const expected = code.text.slice(0, from) + newText + code.text.slice(to);
        // Blank lines the edit creates are written with the container's prefix: same code, maybe trailing spaces.
        const refenced = only(fixed);
        assert.equal(refenced.source.text.replace(/ +$/gm, ''), expected.replace(/ +$/gm, ''));
        const before = markdown.split(/\r?\n/);
        const after = fixed.split(/\r?\n/);
        assert.deepEqual(after.slice(0, 3), before.slice(0, 3), 'nothing before the code changes');
        assert.deepEqual(after.slice(after.length - 4), before.slice(before.length - 4), 'nor anything after it');
      }),
    );
  });
});
