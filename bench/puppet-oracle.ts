// Live comparison of our Puppet parser with `puppet parser validate` on any files or folders:
//   node --import tsx bench/puppet-oracle.ts [path...]      (default: the shared Puppet corpus)
// For every .pp file: does each side find a syntax error (or a value with no effect, which Puppet
// finds in validation and we while parsing), and on which line? Puppet's other validation errors
// are counted apart: they are the checker's business. Exits 1 when the two disagree on whether a
// file has such an error.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parsePuppet } from '../server/src/puppet/parser';
import { SourceText } from '../server/src/sourceText';
import { corpusManifests, findPuppet, manifests, validateBatch } from './puppetValidate';

function main(args: string[]): number {
  const files = args.length > 0 ? manifests(args) : corpusManifests();
  if (files.length === 0) {
    console.log('No .pp files to compare. Give files or folders, or put the shared corpus at ../shared.');
    return 0;
  }
  const puppet = findPuppet();
  if (!puppet) {
    console.log('puppet is not on PATH (Debian: apt-get install puppet): nothing to compare with.');
    return 0;
  }
  const texts = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
  const run = validateBatch(puppet, files, texts);

  let bothValid = 0;
  let bothSyntax = 0;
  let sameLine = 0;
  let puppetValidationOnly = 0;
  const disagreements: string[] = [];
  const lineDifferences: string[] = [];
  for (const file of files) {
    const text = texts.get(file)!;
    const name = relative(process.cwd(), file);
    const oursSyntax = parsePuppet(text).errors[0];
    const theirs = run.verdicts.get(file)?.errors ?? [];
    const theirsSyntax = theirs.find((e) => e.syntax);
    if (!theirsSyntax && theirs.length > 0) puppetValidationOnly++;
    if (!oursSyntax && !theirsSyntax) {
      bothValid++;
      continue;
    }
    if (!oursSyntax || !theirsSyntax) {
      disagreements.push(
        theirsSyntax ? `${name}: puppet: ${theirsSyntax.message} (line ${theirsSyntax.line ?? 'end'}); ours: none` : `${name}: puppet: none; ours: ${oursSyntax!.message}`,
      );
      continue;
    }
    bothSyntax++;
    const source = new SourceText(text);
    const ourLine = source.positionAt(oursSyntax.start).line + 1;
    const theirLine = theirsSyntax.line ?? source.lineCount;
    if (ourLine === theirLine || (theirsSyntax.line === undefined && ourLine >= source.lineCount - 1)) sameLine++;
    else lineDifferences.push(`${name}: puppet line ${theirsSyntax.line ?? 'end'} (${theirsSyntax.message}); ours line ${ourLine} (${oursSyntax.message})`);
  }

  console.log(`puppet parser validate: ${files.length} files in ${run.processes} processes, ${(run.ms / 1000).toFixed(1)} s`);
  console.log(`  no syntax error on either side: ${bothValid}`);
  console.log(`  a syntax error on both sides: ${bothSyntax}, on the same line: ${sameLine}`);
  console.log(`  disagreements on whether there is a syntax error: ${disagreements.length}`);
  console.log(`  files with only other puppet validation errors (the checker's business): ${puppetValidationOnly}`);
  for (const d of disagreements.slice(0, 50)) console.log(`  DISAGREE ${d}`);
  for (const d of lineDifferences.slice(0, 50)) console.log(`  LINE ${d}`);
  return disagreements.length > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
