// The Puppet language configuration's patterns, run as VS Code runs them (JavaScript RegExps)
// on lines of real Puppet: what a double-click selects, and where Enter indents or outdents.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

interface LanguageConfiguration {
  comments: { lineComment: string; blockComment: [string, string] };
  brackets: Array<[string, string]>;
  autoClosingPairs: Array<{ open: string; close: string; notIn?: string[] }>;
  surroundingPairs: Array<[string, string]>;
  wordPattern: string;
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
  onEnterRules: Array<{ beforeText: string; afterText?: string; previousLineText?: string; action: { appendText?: string } }>;
  folding: { markers: { start: string; end: string } };
}

const configuration = JSON.parse(
  readFileSync(new URL('../../language-configuration/puppet.language-configuration.json', import.meta.url), 'utf8'),
) as LanguageConfiguration;

describe('Puppet language configuration', () => {
  it('uses # and /* */ comments', () => {
    assert.equal(configuration.comments.lineComment, '#');
    assert.deepEqual(configuration.comments.blockComment, ['/*', '*/']);
  });

  it('auto-closes and surrounds with every bracket pair and both quotes', () => {
    const closes = new Map(configuration.autoClosingPairs.map((pair) => [pair.open, pair.close]));
    const surrounds = new Map(configuration.surroundingPairs);
    for (const [open, close] of [...configuration.brackets, ["'", "'"], ['"', '"']]) {
      assert.equal(closes.get(open), close, `auto-closing ${open}`);
      assert.equal(surrounds.get(open), close, `surrounding ${open}`);
    }
    const quotes = configuration.autoClosingPairs.filter((pair) => pair.open === "'" || pair.open === '"');
    assert.ok(quotes.every((pair) => pair.notIn?.includes('string')), 'quotes must not auto-close inside strings');
  });

  it('selects variables, qualified names and numbers as words', () => {
    const words = (line: string) => line.match(new RegExp(configuration.wordPattern, 'g'));
    assert.deepEqual(words('$port = $::osfamily + $apache::params::port'), ['$port', '$::osfamily', '$apache::params::port']);
    assert.deepEqual(words("apache::vhost { 'x': priority => Foo::Bar }"), ['apache::vhost', 'x', 'priority', 'Foo::Bar']);
    assert.deepEqual(words('$ratio = 1.5e3 * -2'), ['$ratio', '1.5e3', '-2']);
  });

  it('indents after an opening bracket left open, and outdents a closing one', () => {
    const increase = new RegExp(configuration.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(configuration.indentationRules.decreaseIndentPattern);
    for (const line of ['class apache (', "  package { 'php-missing-module':", '  $list.each |$x| {', '  $a = [', 'if $x { # why']) {
      assert.ok(increase.test(line), `should indent after: ${line}`);
    }
    for (const line of ["package { 'x': }", '# if $x {', "notice('{}')", '  ensure => installed,']) {
      assert.ok(!increase.test(line), `should not indent after: ${line}`);
    }
    for (const line of ['}', '  ]', ') inherits apache::params {', '  }']) {
      assert.ok(decrease.test(line), `should outdent: ${line}`);
    }
    assert.ok(!decrease.test('  ensure => running,'));
  });

  it('continues block comments on Enter, but not a splat attribute line', () => {
    const continues = (line: string, previous: string) =>
      configuration.onEnterRules.some(
        (rule) =>
          new RegExp(rule.beforeText).test(line) &&
          (!rule.previousLineText || new RegExp(rule.previousLineText).test(previous)) &&
          rule.action.appendText !== undefined,
      );
    assert.ok(continues('/* Manages the web server.', ''));
    assert.ok(continues(' * and its modules', '/* Manages the web server.'));
    assert.ok(!continues('  * => $defaults,', "  ensure => 'running',"));
    assert.ok(!continues('/* one line */', ''));
  });

  it('folds # region markers', () => {
    assert.ok(new RegExp(configuration.folding.markers.start).test('  # region packages'));
    assert.ok(new RegExp(configuration.folding.markers.end).test('  # endregion'));
    assert.ok(!new RegExp(configuration.folding.markers.start).test('  # regional settings'));
  });
});
