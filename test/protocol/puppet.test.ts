// Puppet over stdio: ```puppet fences in a postmortem (one of them indented in a list item) and .pp files
// in a workspace folder on disk get diagnostics at exact positions, hover, completion, go to definition,
// formatting, symbols, folding and quick fixes; other files' declarations follow edits; the opt-in
// reference validator runs Debian's `puppet` on save.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type {
  CodeAction,
  CompletionItem,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  MarkupContent,
  Position,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { installedPuppet } from '../installedPuppet';
import { positionOf, rangeOf } from '../textPositions';
import { paymentsPostmortem } from './fixtures';
import { LspClient } from './lspClient';

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => String(d.code));
const has = (code: string) => (diagnostics: Diagnostic[]) => codes(diagnostics).includes(code);
const lacks = (code: string) => (diagnostics: Diagnostic[]) => !codes(diagnostics).includes(code);
const messageOf = (diagnostic: Diagnostic) => (typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value);

function lines(text: string): string[] {
  return text.split('\n');
}

function markdownOf(hover: Hover | null): string {
  return (hover?.contents as MarkupContent | undefined)?.value ?? '';
}

function applied(text: string, edits: readonly TextEdit[]): string {
  const offset = (p: Position) => lines(text).slice(0, p.line).reduce((sum, l) => sum + l.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((result, edit) => result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end)), text);
}

function flatten(symbols: DocumentSymbol[]): DocumentSymbol[] {
  return symbols.flatMap((s) => [s, ...flatten(s.children ?? [])]);
}

/** The seed's fix as two fences: the package at the top level, the service in a list item. */
function postmortemWith(packageFence: string, serviceFence: string): string {
  return `${paymentsPostmortem}
## Corrective and Preventative Measures

\`\`\`puppet
${packageFence}
\`\`\`

- Restart Apache whenever the module changes:

  \`\`\`puppet
${serviceFence
  .split('\n')
  .map((l) => (l ? `  ${l}` : l))
  .join('\n')}
  \`\`\`
`;
}

const packageCode = "package { 'php-missing-module':\n  ensure => installed,\n}";
const serviceCode = "service { 'apache2':\n  ensure    => runing,\n  enable    => true,\n  subscribe => Package['php-missing-module'],\n}";

/** A workspace folder on disk: a module with a class and a define, and a site manifest that uses them. */
function createWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'pmkit-puppet-'));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('modules/web/manifests/php.pp', "# @summary PHP for the web tier.\nclass web::php {\n  package { 'php-missing-module':\n    ensure => installed,\n  }\n}\n");
  write('modules/web/manifests/site.pp', 'define web::site (Integer $port) {\n}\n');
  write('manifests/site.pp', siteManifest);
  return root;
}

const siteManifest = `include web::php

web::site { 'main': port => 80 }

service { "apache2":
  ensure => runing,
  enable => true,
  subscribe => Package['php-missing-module'],
}
`;

describe('puppet fences in a postmortem', () => {
  let client: LspClient;
  let root: string;
  const uri = (name: string) => pathToFileURL(join(root, 'incidents', name)).href;

  before(async () => {
    root = createWorkspace();
    client = await LspClient.start({ workspaceFolder: root });
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('reports findings at their line and column in the Markdown, across both fences', async () => {
    const text = postmortemWith(packageCode, serviceCode);
    const published = client.nextDiagnostics(uri('fences-postmortem.md'), has('INVALID_ATTRIBUTE_VALUE'));
    await client.open(uri('fences-postmortem.md'), text);
    const puppet = (await published).diagnostics.filter((d) => d.source === 'puppet');
    const invalid = puppet.find((d) => d.code === 'INVALID_ATTRIBUTE_VALUE');
    assert.ok(invalid);
    assert.deepEqual(invalid.range, rangeOf(text, 'runing'), 'the value inside the list item, indent included');
    assert.match(messageOf(invalid), /Did you mean 'running'/);
    // The reference in the second fence resolves to the package declared in the first.
    assert.deepEqual(codes(puppet), ['INVALID_ATTRIBUTE_VALUE']);
  });

  it("offers a fence finding's fix as a quick fix at its place in the Markdown", async () => {
    const text = postmortemWith(packageCode, serviceCode.replace("'apache2'", '"apache2"'));
    const target = uri('quickfix-postmortem.md');
    const published = client.nextDiagnostics(target, has('double_quoted_strings'));
    await client.open(target, text);
    const quoted = (await published).diagnostics.filter((d) => d.code === 'double_quoted_strings');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: target }, range: quoted[0].range, context: { diagnostics: quoted } });
    const edits = (actions.find((a) => a.kind === 'quickfix')?.edit?.documentChanges?.[0] as { edits: TextEdit[] } | undefined)?.edits;
    assert.ok(edits, `a quick fix expected: ${JSON.stringify(actions)}`);
    assert.equal(applied(text, edits), text.replace('"apache2"', "'apache2'"));
  });

  it('keeps checking the other fence when one has a syntax error', async () => {
    const text = postmortemWith(packageCode.replace('ensure =>', 'ensure ='), serviceCode);
    const published = client.nextDiagnostics(uri('broken-postmortem.md'), (d) => has('SYNTAX_ERROR')(d) && has('INVALID_ATTRIBUTE_VALUE')(d));
    await client.open(uri('broken-postmortem.md'), text);
    const { diagnostics } = await published;
    const syntax = diagnostics.find((d) => d.code === 'SYNTAX_ERROR');
    assert.deepEqual(syntax?.range.start, positionOf(text, 'ensure =', 'ensure '.length));
    assert.deepEqual(diagnostics.find((d) => d.code === 'INVALID_ATTRIBUTE_VALUE')?.range, rangeOf(text, 'runing'));
  });

  it('hovers a metaparameter inside the indented fence', async () => {
    const text = postmortemWith(packageCode, serviceCode);
    await client.open(uri('hover-postmortem.md'), text);
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: uri('hover-postmortem.md') },
      position: positionOf(text, 'subscribe', 3),
    });
    assert.match(markdownOf(hover), /\*\*subscribe\*\* · metaparameter/);
    assert.deepEqual(hover?.range, rangeOf(text, 'subscribe'));
    const prose = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: uri('hover-postmortem.md') },
      position: positionOf(text, 'Restart Apache', 3),
    });
    assert.equal(prose, null);
  });

  it("completes ensure's values in a service inside the fence, and nothing for a Puppet trigger in prose", async () => {
    const text = postmortemWith(packageCode, serviceCode.replace('runing', ''));
    const target = uri('completion-postmortem.md');
    await client.open(target, text);
    const atValue = positionOf(text, 'ensure    => ', 'ensure    => '.length);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: target }, position: atValue });
    assert.ok(
      items.some((i) => i.label === 'running'),
      `running expected among ${items.map((i) => i.label)}`,
    );
    const triggered = await client.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: target },
      position: positionOf(text, 'Restart Apache', 3),
      context: { triggerKind: 2, triggerCharacter: "'" },
    });
    assert.deepEqual(triggered, []);
  });

  it('goes from a reference in one fence to the resource declared in the other', async () => {
    const text = postmortemWith(packageCode, serviceCode);
    const target = uri('definition-postmortem.md');
    await client.open(target, text);
    const locations = await client.request<Location[]>('textDocument/definition', {
      textDocument: { uri: target },
      position: positionOf(text, "Package['php-missing-module']", "Package['".length + 2),
    });
    assert.deepEqual(locations, [{ uri: target, range: rangeOf(text, "'php-missing-module'") }]);
  });

  it('formats a fence in a list item by range, and formats nothing outside fences', async () => {
    const misaligned = "service { 'apache2':\n  ensure => running,\n  subscribe => Package['php-missing-module'],\n}";
    const text = postmortemWith(packageCode.replace('  ensure', '      ensure'), misaligned);
    const target = uri('format-postmortem.md');
    await client.open(target, text);
    const serviceLine = positionOf(text, "service { 'apache2'").line;
    const range = { start: { line: serviceLine, character: 0 }, end: { line: serviceLine + 4, character: 0 } };
    const edits = await client.request<TextEdit[]>('textDocument/rangeFormatting', { textDocument: { uri: target }, range, options: { tabSize: 4, insertSpaces: true } });
    const formatted = lines(applied(text, edits));
    assert.equal(formatted[serviceLine + 1], '    ensure    => running,', 'aligned, inside the list item');
    assert.equal(formatted[serviceLine + 2], "    subscribe => Package['php-missing-module'],");
    assert.equal(formatted[positionOf(text, 'ensure => installed').line], '      ensure => installed,', 'the other fence is outside the range');

    const whole = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: target }, options: { tabSize: 4, insertSpaces: true } });
    const result = applied(text, whole);
    assert.match(result, /^ {2}ensure => installed,$/m);
    assert.match(result, /^ {4}ensure {4}=> running,$/m);
    // Everything but the code inside the fences is unchanged.
    const outsideFences = (t: string) => t.replace(/```puppet\n[\s\S]*?```/g, '```');
    assert.equal(outsideFences(result), outsideFences(text));
  });

  it('lists the fences’ resources under their section, and folds inside fences', async () => {
    const text = postmortemWith(packageCode, serviceCode);
    const target = uri('outline-postmortem.md');
    await client.open(target, text);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: target } });
    const section = flatten(symbols).find((s) => s.name === 'Corrective and Preventative Measures');
    assert.deepEqual(section?.children?.map((s) => s.name), ["Package['php-missing-module']", "Service['apache2']"]);
    assert.deepEqual(section.children[1].selectionRange, rangeOf(text, "'apache2'"));

    const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: target } });
    const serviceLine = positionOf(text, "service { 'apache2'").line;
    assert.ok(
      folds.some((f) => f.startLine === serviceLine && f.endLine === positionOf(text, 'subscribe').line),
      `the service body folds: ${JSON.stringify(folds)}`,
    );
  });
});

describe('puppet manifests in a workspace folder', () => {
  let client: LspClient;
  let root: string;
  let site: string;
  const uri = (path: string) => pathToFileURL(join(root, path)).href;

  before(async () => {
    root = createWorkspace();
    site = uri('manifests/site.pp');
    client = await LspClient.start({ workspaceFolder: root });
    // The workspace loads in the background; the define in another file is known once it has.
    const loaded = client.nextDiagnostics(site, lacks('UNKNOWN_RESOURCE_TYPE'));
    await client.open(site, siteManifest, 'puppet');
    await loaded;
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('reports findings with quick fixes', async () => {
    const { diagnostics } = client.latestDiagnostics(site)!;
    assert.deepEqual(diagnostics.find((d) => d.code === 'INVALID_ATTRIBUTE_VALUE')?.range, rangeOf(siteManifest, 'runing'));
    const quoted = diagnostics.filter((d) => d.code === 'double_quoted_strings');
    assert.deepEqual(quoted[0]?.range.start, positionOf(siteManifest, '"apache2"'));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: site },
      range: quoted[0].range,
      context: { diagnostics: quoted },
    });
    const fix = actions.find((a) => a.kind === 'quickfix');
    assert.ok(fix?.edit?.documentChanges, `a quick fix expected: ${JSON.stringify(actions)}`);
    const edits = (fix.edit.documentChanges[0] as { edits: TextEdit[] }).edits;
    assert.match(applied(siteManifest, edits), /^service \{ 'apache2':$/m);
  });

  it('hovers, completes and goes to a class in another file', async () => {
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: site }, position: positionOf(siteManifest, 'ensure', 2) });
    assert.match(markdownOf(hover), /\*\*ensure\*\* · property of `service`/);
    const items = await client.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: site },
      position: positionOf(siteManifest, 'ensure => ', 'ensure => '.length),
    });
    assert.ok(items.some((i) => i.label === 'running'));
    const [location] = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: site }, position: positionOf(siteManifest, 'web::php', 3) });
    assert.equal(location?.uri, uri('modules/web/manifests/php.pp'));
    assert.deepEqual(location.range, { start: { line: 1, character: 6 }, end: { line: 1, character: 14 } });
  });

  it('formats a misaligned resource, and outlines and folds the manifest', async () => {
    const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: site }, options: { tabSize: 4, insertSpaces: true } });
    const formatted = applied(siteManifest, edits);
    assert.match(formatted, /^ {2}ensure {4}=> runing,\n {2}enable {4}=> true,\n {2}subscribe => /m);

    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: site } });
    assert.deepEqual(
      symbols.map((s) => s.name),
      ["Web::Site['main']", 'Service["apache2"]'],
    );
    const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: site } });
    assert.deepEqual(folds, [{ startLine: positionOf(siteManifest, 'service {').line, endLine: positionOf(siteManifest, 'subscribe').line }]);
  });

  it("refreshes other documents' diagnostics when a define is added in an open manifest", async () => {
    const user = uri('manifests/user.pp');
    const unknown = client.nextDiagnostics(user, has('UNKNOWN_RESOURCE_TYPE'));
    await client.open(user, "backup::job { 'nightly': }\n", 'puppet');
    await unknown;
    const definer = uri('modules/backup/manifests/job.pp');
    await client.open(definer, '', 'puppet');
    const known = client.nextDiagnostics(user, lacks('UNKNOWN_RESOURCE_TYPE'));
    await client.change(definer, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'define backup::job {\n}\n' }]);
    await known;
  });
});

describe('puppet manifests with a client that pulls diagnostics', () => {
  it('asks the client to pull again when another manifest changes what is declared', async () => {
    const root = createWorkspace();
    const client = await LspClient.start({ workspaceFolder: root, pullDiagnostics: true });
    try {
      const user = pathToFileURL(join(root, 'manifests/user.pp')).href;
      const definer = pathToFileURL(join(root, 'manifests/job.pp')).href;
      await client.open(user, "job { 'nightly': }\n", 'puppet');
      await client.open(definer, '', 'puppet');
      assert.ok(has('UNKNOWN_RESOURCE_TYPE')(await client.pullDiagnostics(user)));
      const refreshed = client.nextRefresh();
      await client.change(definer, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'define job {\n}\n' }]);
      await refreshed;
      assert.ok(lacks('UNKNOWN_RESOURCE_TYPE')(await client.pullDiagnostics(user)));
    } finally {
      await client.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the Puppet reference validator', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'pmkit-validate-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const saveBroken = async (client: LspClient): Promise<string> => {
    const file = join(root, 'broken.pp');
    const text = "service { 'apache2':\n  ensure = running,\n}\n";
    writeFileSync(file, text);
    const uri = pathToFileURL(file).href;
    await client.open(uri, text, 'puppet');
    await client.notify('textDocument/didSave', { textDocument: { uri } });
    return uri;
  };

  it('reports the first error of `puppet parser validate` on save', { skip: installedPuppet ? false : 'puppet is not installed' }, async () => {
    const client = await LspClient.start({ workspaceFolder: root, settings: { puppet: { referenceValidator: installedPuppet } } });
    try {
      const validated = client.nextDiagnostics(pathToFileURL(join(root, 'broken.pp')).href, has('puppet-parser-validate'));
      await saveBroken(client);
      const error = (await validated).diagnostics.find((d) => d.code === 'puppet-parser-validate');
      assert.ok(error);
      assert.equal(error.severity, 1);
      assert.equal(error.source, 'puppet');
      assert.match(messageOf(error), /Syntax error at '='/);
      // Puppet's line 2, column 10.
      assert.deepEqual(error.range.start, { line: 1, character: 9 });
    } finally {
      await client.stop();
    }
  });

  it('warns that a configured executable is missing', { timeout: 10_000 }, async () => {
    const missing = join(root, 'no-such-puppet');
    const client = await LspClient.start({ workspaceFolder: root, settings: { puppet: { referenceValidator: missing } } });
    try {
      const warning = new Promise<{ type: number; message: string }>((resolve) => client.connection.onNotification('window/showMessage', resolve));
      await saveBroken(client);
      const { type, message } = await warning;
      assert.equal(type, 2);
      assert.ok(message.includes(missing), message);
    } finally {
      await client.stop();
    }
  });
});
