// Puppet editor features through the language service: in a .pp file, and in fences of a postmortem
// (blockquotes and list items included) with every position and edit in the Markdown's coordinates.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyPuppetIndex, indexPuppetDocument } from '../../../server/src/puppet/features/workspaceIndex';
import type { DocumentAnalysis } from '../../../server/src/service/analysisCache';
import { analyzePostmortem, analyzePuppetFile } from '../../../server/src/service/analyze';
import {
  documentFolds,
  documentOutline,
  formatPuppetCode,
  puppetCompletionsAt,
  puppetDefinitionAt,
  puppetHoverAt,
} from '../../../server/src/service/puppetFeatures';
import { defaultSettings } from '../../../server/src/settings';
import { applyEdits } from '../../../server/src/textEdits';
import { positionOf, rangeOf } from '../../textPositions';

const uri = 'file:///ws/incidents/postmortem.md';

function postmortem(text: string): DocumentAnalysis {
  return { kind: 'postmortem', analysis: analyzePostmortem(text, defaultSettings) };
}

function manifest(text: string): DocumentAnalysis {
  return { kind: 'puppet', analysis: analyzePuppetFile(text, defaultSettings) };
}

const quoted = [
  '# Postmortem: Web outage',
  '',
  '## Resolution',
  '',
  '> The fix:',
  '>',
  '> ```puppet',
  "> package { 'php-curl':",
  '>     ensure => installed,',
  '>   notify => Service[\'apache2\'],',
  '> }',
  '>',
  "> service { 'apache2': ensure => running }",
  '> ```',
  '',
].join('\n');

describe('puppet features in postmortem fences', () => {
  it('maps hover ranges out of a blockquote', () => {
    const hover = puppetHoverAt(postmortem(quoted), uri, positionOf(quoted, 'notify', 2), emptyPuppetIndex);
    assert.match(hover?.contents ?? '', /\*\*notify\*\* · metaparameter/);
    assert.deepEqual(hover?.range, rangeOf(quoted, 'notify'));
  });

  it('answers nothing outside the code', () => {
    assert.equal(puppetHoverAt(postmortem(quoted), uri, positionOf(quoted, 'The fix'), emptyPuppetIndex), undefined);
    assert.equal(puppetCompletionsAt(postmortem(quoted), uri, positionOf(quoted, 'The fix'), emptyPuppetIndex), undefined);
    assert.deepEqual(puppetDefinitionAt(postmortem(quoted), uri, positionOf(quoted, '```puppet'), emptyPuppetIndex), []);
  });

  it('maps the text a completion replaces', () => {
    const typing = quoted.replace('ensure => installed', 'ens');
    const items = puppetCompletionsAt(postmortem(typing), uri, positionOf(typing, 'ens', 3), emptyPuppetIndex) ?? [];
    const ensure = items.find((i) => i.label === 'ensure');
    assert.ok(ensure, `ensure expected among ${items.map((i) => i.label)}`);
    assert.deepEqual(ensure.replaceRange, rangeOf(typing, 'ens'));
  });

  it('formats a fence in a blockquote, keeping every line in the quote', () => {
    const analysis = postmortem(quoted);
    const formatted = applyEdits(quoted, formatPuppetCode(analysis));
    assert.equal(formatted, quoted.replace('>     ensure => installed,', '>   ensure => installed,'));
  });

  it('formats only the fence lines a range touches', () => {
    const analysis = postmortem(quoted);
    const prose = { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } };
    assert.deepEqual(formatPuppetCode(analysis, prose), []);
    const ensureLine = positionOf(quoted, 'ensure').line;
    const edits = formatPuppetCode(analysis, { start: { line: ensureLine, character: 0 }, end: { line: ensureLine, character: 4 } });
    assert.deepEqual(
      edits.map((e) => e.range.start.line),
      [ensureLine],
    );
  });

  it('finds a resource declared in another fence, and the workspace only after the postmortem', () => {
    const text = [
      '# Postmortem: Web outage',
      '',
      '```puppet',
      "package { 'php-curl': ensure => installed }",
      '```',
      '',
      '- Then:',
      '',
      '  ```puppet',
      "  service { 'apache2': subscribe => Package['php-curl'] }",
      "  include web",
      '  ```',
      '',
    ].join('\n');
    const workspace = indexPuppetDocument("class web {}\npackage { 'php-curl': }\n", 'file:///ws/web.pp');
    const analysis = postmortem(text);
    assert.deepEqual(puppetDefinitionAt(analysis, uri, positionOf(text, "'php-curl']", 2), workspace), [{ uri, range: rangeOf(text, "'php-curl'") }]);
    assert.deepEqual(puppetDefinitionAt(analysis, uri, positionOf(text, 'web', 1, 1), workspace), [
      { uri: 'file:///ws/web.pp', range: { start: { line: 0, character: 6 }, end: { line: 0, character: 9 } } },
    ]);
  });

  it('outlines resources under the section holding their fence, and folds inside fences', () => {
    const analysis = postmortem(quoted);
    const [title] = documentOutline(analysis);
    const resolution = title.children.find((s) => s.name === 'Resolution');
    assert.deepEqual(
      resolution?.children.map((s) => [s.name, s.kind]),
      [
        ["Package['php-curl']", 'resource'],
        ["Service['apache2']", 'resource'],
      ],
    );
    assert.deepEqual(resolution.children[0].selectionRange, rangeOf(quoted, "'php-curl'"));
    const packageLine = positionOf(quoted, 'package {').line;
    assert.ok(documentFolds(analysis).some((f) => f.startLine === packageLine && f.endLine === packageLine + 2));
  });
});

describe('puppet features in a manifest', () => {
  const text = "class web {\n  package { 'php':\n    ensure => installed,\n    name=> 'php7',\n  }\n}\n";

  it('formats, outlines and folds the file', () => {
    const analysis = manifest(text);
    assert.equal(applyEdits(text, formatPuppetCode(analysis)), text.replace("name=> 'php7'", "name   => 'php7'"));
    assert.deepEqual(
      documentOutline(analysis).map((s) => [s.name, s.children.map((c) => c.name)]),
      [['web', ["Package['php']"]]],
    );
    assert.deepEqual(
      documentFolds(analysis).map((f) => [f.startLine, f.endLine]),
      [
        [0, 4],
        [1, 3],
      ],
    );
  });

  it('gives definitions in other files with their uri, and in the file with none needed', () => {
    const user = "include web\n$x = 1\nnotify { 'n': message => $x }\n";
    const workspace = indexPuppetDocument('class web {}\n', 'file:///ws/web.pp');
    const fileUri = 'file:///ws/site.pp';
    assert.deepEqual(puppetDefinitionAt(manifest(user), fileUri, positionOf(user, 'web', 1), workspace), [
      { uri: 'file:///ws/web.pp', range: { start: { line: 0, character: 6 }, end: { line: 0, character: 9 } } },
    ]);
    assert.deepEqual(puppetDefinitionAt(manifest(user), fileUri, positionOf(user, '$x }', 1), workspace), [{ uri: fileUri, range: rangeOf(user, '$x') }]);
  });
});
