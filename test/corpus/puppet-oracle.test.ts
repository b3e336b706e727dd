// The Puppet parser against `puppet parser validate` (Puppet 7, recorded in ../shared/corpus/puppet):
// every file Puppet accepts must parse without an error, every mutant Puppet rejects must get one,
// and the first error must sit where the mistake is (between the edit and where Puppet noticed it).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePuppet } from '../../server/src/puppet/parser';
import { forEachChild } from '../../server/src/puppet/ast';
import type { Node } from '../../server/src/puppet/ast';
import { SourceText } from '../../server/src/sourceText';
import { sharedRoot } from '../corpusPaths';

const puppetRoot = join(sharedRoot, 'corpus', 'puppet');
const available = existsSync(join(puppetRoot, 'verdicts.tsv')) && existsSync(join(puppetRoot, 'mutants.tsv'));
const skip = available ? false : `${puppetRoot} not found: the Puppet oracle tests are skipped`;

/** Rows of a TSV file with a header line, as objects keyed by the header's names. */
function readTsv(file: string): Array<Record<string, string>> {
  const [header, ...rows] = readFileSync(join(puppetRoot, file), 'utf8').split('\n').filter((l) => l.length > 0);
  const names = header.split('\t');
  return rows.map((row) => {
    const cells = row.split('\t');
    return Object.fromEntries(names.map((n, i) => [n, cells[i] ?? '']));
  });
}

function percent(part: number, whole: number): string {
  return `${((100 * part) / whole).toFixed(1)}%`;
}

/** Child ranges inside their parent's (heredoc text lies on later lines, outside its tag). */
function rangesNest(node: Node, text: string): string | undefined {
  if (node.start > node.end || node.end > text.length) return `${node.type} ${node.start}-${node.end}`;
  let problem: string | undefined;
  forEachChild(node, (child) => {
    if (problem) return;
    if (node.type !== 'Heredoc' && (child.start < node.start || child.end > node.end)) problem = `${child.type} outside ${node.type}`;
    else problem = rangesNest(child, text);
  });
  return problem;
}

describe('puppet oracle: files puppet parser validate accepts', { skip }, () => {
  it('parses every valid corpus file without an error, with well-nested ranges', () => {
    const valid = readTsv('verdicts.tsv').filter((r) => r.verdict === 'valid');
    const failures: string[] = [];
    let bytes = 0;
    for (const row of valid) {
      const text = readFileSync(join(puppetRoot, row.path), 'utf8');
      bytes += text.length;
      const { ast, errors } = parsePuppet(text);
      if (errors.length > 0) {
        const p = new SourceText(text).positionAt(errors[0].start);
        failures.push(`${row.path}:${p.line + 1}:${p.character + 1} ${errors[0].message}`);
      }
      const nesting = rangesNest(ast, text);
      if (nesting) failures.push(`${row.path}: ${nesting}`);
    }
    console.log(`puppet oracle: ${valid.length} valid files (${(bytes / 1024).toFixed(0)} KiB), ${valid.length - failures.length} without error`);
    assert.equal(valid.length, 767, 'verdicts.tsv lists 767 files Puppet accepts');
    assert.deepEqual(failures, []);
  });
});

describe('puppet oracle: mutants', { skip }, () => {
  it('finds an error in every mutant Puppet rejects, where the mistake is, and none in those it accepts', () => {
    const mutants = readTsv('mutants.tsv');
    const invalid = mutants.filter((m) => m.puppet_verdict === 'error');
    const stillValid = mutants.filter((m) => m.puppet_verdict === 'valid');
    const missed: string[] = [];
    const falseAlarms: string[] = [];
    const outOfPlace: string[] = [];
    let inPlace = 0;
    let sameLine = 0;
    let sameColumn = 0;
    let withPuppetLine = 0;
    let single = 0;
    for (const m of mutants) {
      const text = readFileSync(join(puppetRoot, m.file), 'utf8');
      const { errors } = parsePuppet(text);
      const source = new SourceText(text);
      if (m.puppet_verdict === 'valid') {
        if (errors.length > 0) falseAlarms.push(`${m.file}: ${errors[0].message}`);
        continue;
      }
      if (errors.length === 0) {
        missed.push(`${m.file} (${m.op} at line ${m.edit_line})`);
        continue;
      }
      if (errors.length === 1) single++;
      const first = source.positionAt(errors[0].start);
      const line = first.line + 1;
      const low = Number(m.edit_line);
      // "Syntax error at end of input" has no line: the end of the file counts.
      const high = m.puppet_line ? Number(m.puppet_line) : source.lineCount;
      if (line >= low && line <= high) inPlace++;
      else outOfPlace.push(`${m.file}: ours line ${line}, edit ${low}, puppet ${m.puppet_line || 'end'}`);
      if (m.puppet_line) {
        withPuppetLine++;
        if (line === Number(m.puppet_line)) {
          sameLine++;
          if (first.character + 1 === Number(m.puppet_col)) sameColumn++;
        }
      }
    }
    console.log(
      [
        `puppet oracle: ${invalid.length} invalid mutants, ${invalid.length - missed.length} with an error;`,
        `first error between the edit and Puppet's report: ${inPlace} (${percent(inPlace, invalid.length)});`,
        `on Puppet's own line: ${sameLine}/${withPuppetLine}, same column: ${sameColumn}/${withPuppetLine};`,
        `exactly one error (no cascade): ${single} (${percent(single, invalid.length)});`,
        `${stillValid.length} still-valid mutants, ${stillValid.length - falseAlarms.length} without error`,
      ].join('\n  '),
    );
    assert.equal(invalid.length, 379);
    assert.equal(stillValid.length, 21);
    assert.deepEqual(missed, [], 'every mutant Puppet rejects gets an error');
    assert.deepEqual(falseAlarms, [], 'no error in a mutant Puppet accepts');
    assert.ok(inPlace / invalid.length >= 0.95, `first error in place for only ${percent(inPlace, invalid.length)}:\n${outOfPlace.join('\n')}`);
  });
});

describe('puppet oracle: hand-written samples', { skip }, () => {
  it("reports Puppet's syntax errors on Puppet's line, and nothing where Puppet parses cleanly", () => {
    const samples = join(puppetRoot, 'samples');
    const output = readFileSync(join(samples, 'puppet_validate_output.txt'), 'utf8');
    const sections = output.split(/^=== /m).filter((s) => /^\S+\.pp\n/.test(s));
    let compared = 0;
    for (const section of sections) {
      const name = section.slice(0, section.indexOf('\n'));
      const text = readFileSync(join(samples, name), 'utf8');
      const { errors } = parsePuppet(text);
      const parseError = /Could not parse for environment \w+: (.*?) \(file: [^,)]*(?:, line: (\d+), column: (\d+))?\)/.exec(section);
      if (/\nrc=0/.test(section)) {
        assert.deepEqual(errors, [], `${name}: Puppet parses it cleanly`);
        compared++;
      } else if (parseError && /^(Syntax error|Unclosed quote|Illegal)/.test(parseError[1])) {
        assert.ok(errors.length > 0, `${name}: Puppet reports ${parseError[1]}`);
        // Our first error's lines must include Puppet's (an unclosed quote is shown from the quote on).
        const source = new SourceText(text);
        const first = source.positionAt(errors[0].start).line + 1;
        const last = source.positionAt(errors[0].end).line + 1;
        const expected = parseError[2] ? Number(parseError[2]) : source.lineCount;
        const slack = parseError[2] ? 0 : 1;
        assert.ok(first - slack <= expected && expected <= last + slack, `${name}: ours on lines ${first}-${last}, Puppet's on ${expected}`);
        compared++;
      }
    }
    console.log(`puppet oracle: ${compared} samples agree with puppet parser validate`);
    assert.ok(compared >= 15);
  });
});
