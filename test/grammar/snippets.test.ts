// The snippets as a user gets them: each body expands (no unknown variables, no malformed
// placeholders), Puppet snippets expand to code our grammar reads without leaving anything
// open, and the postmortem skeletons use the section titles of the templates they follow.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sharedRoot } from '../corpusPaths';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { choiceOptions, expandSnippet } from './snippetSyntax';
import { loadGrammar, tokenizeText, unclosedFrom } from './textmate';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

const repoRoot = new URL('../../', import.meta.url);
const templates = pathToFileURL(`${sharedRoot}/corpus/postmortems/templates/`);

function readSnippets(file: string): Map<string, Snippet> {
  const errors: ParseError[] = [];
  const json = parse(readFileSync(new URL(file, repoRoot), 'utf8'), errors) as Record<string, Snippet>;
  assert.deepEqual(errors.map((error) => `${printParseErrorCode(error.error)} at ${error.offset}`), [], `${file} is not valid JSON`);
  return new Map(Object.entries(json));
}

const bodyText = (snippet: Snippet) => (Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body);
const prefixes = (snippet: Snippet) => (Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix]);

/** Values VS Code would give at 09:05 on 2024-06-19 in UTC+01:00, with `package { 'x': }` selected. */
const variables = {
  CURRENT_YEAR: '2024',
  CURRENT_MONTH: '06',
  CURRENT_DATE: '19',
  CURRENT_HOUR: '09',
  CURRENT_MINUTE: '05',
  CURRENT_TIMEZONE_OFFSET: '+01:00',
  TM_SELECTED_TEXT: "package { 'x': }",
};

function checkWellFormed(file: string, snippets: Map<string, Snippet>): void {
  assert.ok(snippets.size > 0, `${file} has no snippets`);
  const seen = new Set<string>();
  for (const [name, snippet] of snippets) {
    assert.ok(snippet.description, `${name} has no description`);
    for (const prefix of prefixes(snippet)) {
      assert.match(prefix, /^[a-z][a-z-]*$/, `${name}: prefix ${prefix}`);
      assert.ok(!seen.has(prefix), `${file}: prefix ${prefix} is used twice`);
      seen.add(prefix);
    }
    assert.doesNotThrow(() => expandSnippet(bodyText(snippet), variables), `${name} does not expand`);
  }
}

const headings = (markdown: string) =>
  [...markdown.matchAll(/^#{2,6}\s+(.+)$/gm)].map((match) => match[1].trim());
const normalize = (title: string) => title.toLowerCase().replace(/\s+/g, ' ');

describe('Puppet snippets', () => {
  const snippets = readSnippets('snippets/puppet.code-snippets');

  it('are well formed', () => checkWellFormed('puppet.code-snippets', snippets));

  it('expand to code the grammar reads, with attribute names before every =>', async () => {
    const grammar = await loadGrammar('source.puppet');
    for (const [name, snippet] of snippets) {
      const tokenized = tokenizeText(grammar, expandSnippet(bodyText(snippet), variables));
      assert.equal(unclosedFrom(tokenized), undefined, `${name} leaves a rule open`);
      const first = tokenized.tokens[0][0];
      assert.ok(
        first.scopes.some((scope) => /^(entity\.name\.type|storage\.type|keyword\.control)\./.test(scope)),
        `${name} starts with ${first.scopes.join(' ')}`,
      );
      tokenized.lines.forEach((line, index) => {
        const arrow = /^\s*(\w+)\s*=>/.exec(line);
        if (!arrow) return;
        const token = tokenized.tokens[index].find((candidate) => candidate.startIndex === line.indexOf(arrow[1]));
        assert.ok(token?.scopes.includes('entity.other.attribute-name.puppet'), `${name}: ${line.trim()}`);
      });
    }
  });

  it('make the service subscribe to the package the snippet declares', () => {
    const code = expandSnippet(bodyText(snippets.get('Package and service')!), variables);
    const declared = /^package \{ '([^']+)':/m.exec(code)?.[1];
    assert.ok(declared, code);
    assert.ok(code.includes(`subscribe => Package['${declared}']`), code);
  });

  it('offer both exec guards', () => {
    assert.deepEqual(choiceOptions(bodyText(snippets.get('Exec')!)), [['unless', 'onlyif']]);
  });
});

describe('postmortem snippets', () => {
  const snippets = readSnippets('snippets/postmortem.code-snippets');

  it('are well formed', () => checkWellFormed('postmortem.code-snippets', snippets));

  it('stamp a timeline entry with the current time and zone', () => {
    const entry = expandSnippet(bodyText(snippets.get('Timeline entry')!), variables);
    assert.match(entry, /^- \*\*09:05 UTC\+01:00\*\*: /);
  });

  it('wrap the selection in a puppet fence that is highlighted as Puppet', async () => {
    const markdown = expandSnippet(bodyText(snippets.get('Puppet code block')!), variables);
    const tokenized = tokenizeText(await loadGrammar('text.html.markdown'), markdown);
    const packageToken = tokenized.tokens[1][0];
    assert.equal(tokenized.lines[1], variables.TM_SELECTED_TEXT);
    assert.ok(packageToken.scopes.includes('meta.embedded.block.puppet'), packageToken.scopes.join(' '));
    assert.ok(packageToken.scopes.includes('entity.name.type.resource.puppet'), packageToken.scopes.join(' '));
    assert.equal(unclosedFrom(tokenized), undefined);
  });

  describe('follow the templates', { skip: existsSync(templates) ? false : `needs ${fileURLToPath(templates)}` }, () => {
    const template = (file: string) => normalize(readFileSync(new URL(file, templates), 'utf8'));
    const skeletons: Record<string, string> = {
      'postmortem-classic': 'holberton-0x19.md',
      'postmortem-google-sre': 'google-sre-book.md',
      'postmortem-pagerduty': 'pagerduty.md',
      'postmortem-atlassian': 'atlassian.md',
    };

    for (const [prefix, file] of Object.entries(skeletons)) {
      it(`${prefix} uses the section titles of ${file}`, () => {
        const snippet = [...snippets.values()].find((candidate) => prefixes(candidate).includes(prefix));
        assert.ok(snippet, `no ${prefix} snippet`);
        const titles = headings(expandSnippet(bodyText(snippet), variables));
        assert.ok(titles.some((title) => /timeline/i.test(title)), `${prefix} has no timeline`);
        const text = template(file);
        assert.deepEqual(titles.filter((title) => !text.includes(normalize(title))), [], `titles not in ${file}`);
      });
    }

    it('offer only section titles some template uses', () => {
      const corpus = Object.values(skeletons).map(template).join('\n');
      const sections = [...snippets.entries()].filter(([, snippet]) => prefixes(snippet).some((p) => p.startsWith('section-')));
      assert.ok(sections.length > 0);
      for (const [name, snippet] of sections) {
        const body = bodyText(snippet);
        const [titleLine] = body.split('\n');
        assert.match(titleLine, /^## /, `${name} does not start with a section heading`);
        const titles = titleLine.includes('|') ? choiceOptions(titleLine)[0] : headings(expandSnippet(titleLine, variables));
        for (const title of titles) assert.ok(corpus.includes(normalize(title)), `${name}: "${title}" is in no template`);
      }
    });
  });
});
