// The Puppet grammar and the Markdown fence injection, tokenized by vscode-textmate as VS Code
// does: scope assertions in fixtures/, the Puppet corpus (every file Puppet accepts must end at
// the root scope), and the postmortems' puppet fences, including the seed's unclosed one.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sharedRoot } from '../corpusPaths';
import { checkAssertions, parseSyntaxTest, scopeMatches, type ScopeAssertion, type SyntaxTest } from './syntaxTest';
import { loadGrammar, tokenizeText, unclosedFrom, type TokenizedText } from './textmate';

const fixtures = new URL('./fixtures/', import.meta.url);
const shared = pathToFileURL(`${sharedRoot}/`);
const puppetCorpus = new URL('corpus/puppet/', shared);
const postmortems = new URL('corpus/postmortems/', shared);
const missing = (dir: URL) => (existsSync(dir) ? false : `needs the shared corpus at ${fileURLToPath(dir)}`);

async function runFixture(name: string, text: string): Promise<{ test: SyntaxTest; tokenized: TokenizedText; failures: string[] }> {
  const test = parseSyntaxTest(name, text);
  const tokenized = tokenizeText(await loadGrammar(test.scopeName), test.source);
  return { test, tokenized, failures: checkAssertions(test, tokenized) };
}

interface SpotCheck {
  /** Selects every line containing this text. */
  line: string;
  /** The first occurrence of this text in the line is checked. */
  token: string;
  required: string[];
  forbidden?: string[];
}

/** Scope assertions on real files, which cannot carry assertion comments. */
function spotAssertions(lines: string[], checks: SpotCheck[]): { assertions: ScopeAssertion[]; unmatched: SpotCheck[] } {
  const assertions: ScopeAssertion[] = [];
  const unmatched: SpotCheck[] = [];
  for (const check of checks) {
    const before = assertions.length;
    lines.forEach((text, index) => {
      const from = text.includes(check.line) ? text.indexOf(check.token) : -1;
      if (from < 0) return;
      const { required, forbidden = [] } = check;
      assertions.push({ fixtureLine: index + 1, sourceLine: index, from, to: from + check.token.length, required, forbidden });
    });
    if (assertions.length === before) unmatched.push(check);
  }
  return { assertions, unmatched };
}

function checkSpots(name: string, tokenized: TokenizedText, checks: SpotCheck[]): void {
  const { assertions, unmatched } = spotAssertions(tokenized.lines, checks);
  assert.deepEqual(unmatched, [], `${name}: spot checks whose line was not found`);
  const failures = checkAssertions({ name, assertions }, tokenized);
  assert.equal(failures.length, 0, failures.join('\n'));
}

describe('grammar fixtures', () => {
  const names = readdirSync(fixtures).filter((name) => /\.(pp|md)$/.test(name)).sort();
  for (const name of names) {
    it(name, async () => {
      const { test, tokenized, failures } = await runFixture(name, readFileSync(new URL(name, fixtures), 'utf8'));
      assert.ok(test.assertions.length > 0, `${name} asserts nothing`);
      assert.equal(failures.length, 0, failures.join('\n'));
      const open = unclosedFrom(tokenized);
      assert.equal(open, undefined, `${name}: a rule opened at source line ${(open ?? 0) + 1} is still open at the end`);
    });
  }
});

describe('scope assertion checker', () => {
  const source = ['# SYNTAX TEST "source.puppet"', "package { 'ntp': }"];

  it('passes a correct expectation', async () => {
    const { failures } = await runFixture('right.pp', [...source, '# <------- entity.name.type.resource.puppet'].join('\n'));
    assert.deepEqual(failures, []);
  });

  it('reports a wrong expected scope, with the scopes the token has', async () => {
    const { failures } = await runFixture('wrong.pp', [...source, '# <------- keyword.control.puppet'].join('\n'));
    assert.equal(failures.length, 1);
    assert.match(failures[0], /^wrong\.pp:3: "package" \(column 1\) expected keyword\.control\.puppet/);
    assert.match(failures[0], /has: source\.puppet entity\.name\.type\.resource\.puppet$/);
  });

  it('reports a scope that must be absent', async () => {
    const { failures } = await runFixture('absent.pp', [...source, '#         ^^^^^ - string.quoted'].join('\n'));
    assert.equal(failures.length, 3, 'one failure per token: the two quotes and the text');
    assert.ok(failures.every((failure) => failure.includes('unexpected string.quoted')));
  });

  it('checks every token under the marks, not just the first', async () => {
    const { failures } = await runFixture('span.pp', [...source, '# <--------- entity.name.type.resource.puppet'].join('\n'));
    assert.equal(failures.length, 2, 'the space and the brace after `package` are not the type name');
  });

  it('reports marks that run past the end of the line', async () => {
    const { failures } = await runFixture('past.pp', [...source, '#                 ^^^^ punctuation'].join('\n'));
    assert.equal(failures.length, 1);
    assert.match(failures[0], /run past the end/);
  });

  it('skips columns with ~ under the comment token', async () => {
    const lines = ['# SYNTAX TEST "source.puppet"', '  $x = 1', '# <~~-- variable.other.readwrite.puppet'];
    const { test, failures } = await runFixture('skip.pp', lines.join('\n'));
    assert.deepEqual([test.assertions[0].from, test.assertions[0].to], [2, 4]);
    assert.deepEqual(failures, []);
  });

  it('matches scopes by whole dot segments', () => {
    assert.ok(scopeMatches('string.quoted', 'string.quoted.single.puppet'));
    assert.ok(scopeMatches('string.quoted.single.puppet', 'string.quoted.single.puppet'));
    assert.ok(!scopeMatches('string.quote', 'string.quoted.single.puppet'));
    assert.ok(!scopeMatches('quoted', 'string.quoted.single.puppet'));
  });

  it('rejects a fixture without a header', () => {
    assert.throws(() => parseSyntaxTest('bare.pp', "package { 'x': }"), /bare\.pp:1: expected a header/);
  });
});

describe('Puppet corpus', { skip: missing(puppetCorpus) }, () => {
  const read = (path: string) => readFileSync(new URL(path, puppetCorpus), 'utf8');

  it('every file Puppet validates ends at the root scope', async () => {
    const grammar = await loadGrammar('source.puppet');
    const [, ...rows] = read('verdicts.tsv').trimEnd().split('\n').map((row) => row.split('\t'));
    const valid = rows.filter(([, , verdict]) => verdict === 'valid').map(([path]) => path);
    assert.ok(valid.length > 0, 'verdicts.tsv lists no valid files');
    const leaks: string[] = [];
    for (const path of valid) {
      const tokenized = tokenizeText(grammar, read(path));
      const open = unclosedFrom(tokenized);
      if (open === undefined) continue;
      const lastLine = tokenized.tokens[tokenized.tokens.length - 1];
      const stillOpen = lastLine[lastLine.length - 1].scopes.slice(1).join(' ');
      leaks.push(`${path}:${open + 1}: ${tokenized.lines[open].trim()}\n    still open at the end: ${stillOpen}`);
    }
    assert.equal(leaks.length, 0, `${leaks.length} of ${valid.length} valid files leave a rule open:\n${leaks.join('\n')}`);
  });

  const spotChecks: Record<string, SpotCheck[]> = {
    'modules/puppetlabs-puppetdb/manifests/server/database.pp': [
      { line: '$subname = @("EOT"/L)', token: 'EOT', required: ['keyword.control.heredoc-token.puppet'] },
      { line: 'sslrootcert=${ssl_ca_cert_path}', token: 'ssl_ca_cert_path', required: ['string.unquoted.heredoc.interpolated.puppet', 'variable.other.readwrite.puppet'] },
      { line: 'sslkey=${ssl_key_pk8_path}&sslcert=', token: '\\', required: ['constant.character.escape.puppet'] },
      { line: '| EOT', token: 'EOT', required: ['keyword.control.heredoc-token.puppet'], forbidden: ['string'] },
      { line: '$subname = $subname_default', token: 'subname_default', required: ['variable.other.readwrite.puppet'], forbidden: ['string'] },
    ],
    'modules/puppetlabs-postgresql/manifests/server/extension.pp': [
      { line: 'unless           => @("END")', token: 'unless', required: ['entity.other.attribute-name.puppet'] },
      { line: "WHERE e.extname = '${extension}' AND", token: 'extension', required: ['string.unquoted.heredoc.interpolated.puppet', 'variable.other.readwrite.puppet'] },
      { line: '|-END', token: 'END', required: ['keyword.control.heredoc-token.puppet'] },
      { line: 'postgresql_psql { "${database}: ${set_schema_command}":', token: '"${database}: ${set_schema_command}"', required: ['meta.resource.title.puppet'] },
    ],
    'modules/puppetlabs-stdlib/types/port.pp': [
      { line: 'type Stdlib::Port = Integer[0, 65535]', token: 'Stdlib::Port', required: ['entity.name.type.alias.puppet'] },
      { line: 'type Stdlib::Port = Integer[0, 65535]', token: '65535', required: ['constant.numeric.integer.decimal.puppet'] },
    ],
    'modules/puppetlabs-docker/functions/sanitised_name.pp': [
      { line: 'function docker::sanitised_name($name) {', token: 'docker::sanitised_name', required: ['entity.name.function.puppet'] },
    ],
    'modules/puppetlabs-mysql/manifests/params.pp': [
      { line: '/^(RedHat|Rocky|CentOS|Scientific|OracleLinux|AlmaLinux)$/: {', token: '/^(', required: ['string.regexp.puppet'] },
    ],
    'modules/puppetlabs-puppetdb/manifests/master/config.pp': [
      { line: 'Service<|title == $puppetdb::params::puppetdb_service|>', token: '<|', required: ['keyword.operator.collector.virtual.puppet'] },
      { line: 'Service<|title == $puppetdb::params::puppetdb_service|>', token: 'title', required: ['entity.other.attribute-name.puppet'] },
      { line: 'Service<|title == $puppetdb::params::puppetdb_service|>', token: '->', required: ['keyword.operator.chaining.puppet'] },
    ],
    'modules/puppetlabs-apache/manifests/vhost.pp': [
      { line: 'define apache::vhost (', token: 'apache::vhost', required: ['entity.name.type.define.puppet'] },
    ],
  };
  for (const [path, checks] of Object.entries(spotChecks)) {
    it(`spot checks in ${path}`, async () => {
      checkSpots(path, tokenizeText(await loadGrammar('source.puppet'), read(path)), checks);
    });
  }
});

describe('puppet fences in the postmortems', { skip: missing(postmortems) }, () => {
  const tokenizeMarkdown = async (name: string) =>
    tokenizeText(await loadGrammar('text.html.markdown'), readFileSync(new URL(name, postmortems), 'utf8'));

  it("highlights the seed's list-item fence as Puppet until the list item ends", async () => {
    const tokenized = await tokenizeMarkdown('seed-example.md');
    checkSpots('seed-example.md', tokenized, [
      { line: '```puppet', token: 'puppet', required: ['fenced_code.block.language.markdown'] },
      { line: "package { 'php-missing-module':", token: 'package', required: ['meta.embedded.block.puppet', 'entity.name.type.resource.puppet'] },
      { line: "package { 'php-missing-module':", token: "'php-missing-module'", required: ['meta.resource.title.puppet'] },
      { line: 'ensure    => running,', token: 'running', required: ['meta.embedded.block.puppet', 'string.unquoted.bareword.puppet'] },
      { line: "subscribe => Package['php-missing-module'],", token: 'subscribe', required: ['entity.other.attribute-name.puppet'] },
      { line: "subscribe => Package['php-missing-module'],", token: 'Package', required: ['entity.name.type.puppet'] },
      // The fence is never closed; the heading that ends the list item ends it too.
      { line: '#### [URL FOR THE TASK]', token: '####', required: ['markup.heading.markdown'], forbidden: ['meta.embedded'] },
      { line: '# Make people want to read your postmortem', token: 'Make', required: ['markup.heading.markdown'], forbidden: ['meta.embedded'] },
    ]);
    assert.equal(unclosedFrom(tokenized), undefined);
  });

  it('highlights every puppet or pp fence in the corpus', async () => {
    const names = readdirSync(postmortems).filter((name) => name.endsWith('.md')).sort();
    const unhighlighted: string[] = [];
    let fences = 0;
    for (const name of names) {
      const tokenized = await tokenizeMarkdown(name);
      tokenized.lines.forEach((line, index) => {
        if (!/^\s*(`{3,}|~{3,})\s*(puppet|pp)\b/i.test(line)) return;
        fences++;
        const code = tokenized.lines.findIndex((text, next) => next > index && text.trim() !== '');
        const first = tokenized.tokens[code]?.find((token) => tokenized.lines[code].slice(token.startIndex, token.endIndex).trim());
        if (!first?.scopes.includes('meta.embedded.block.puppet')) unhighlighted.push(`${name}:${code + 1}: ${tokenized.lines[code]}`);
      });
    }
    assert.ok(fences > 0, 'the corpus has no puppet fences');
    assert.deepEqual(unhighlighted, []);
  });
});
