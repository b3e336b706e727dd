// The custom requests behind the client's commands and status bar, over stdio: Lint Workspace,
// New Postmortem's profiles and skeleton, and the active postmortem's info.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { paymentsPostmortem } from './fixtures';
import { LspClient } from './lspClient';

/** A workspace on disk: two files of ours, and three the linter must leave alone. */
function makeWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'pmkit-lint-workspace-'));
  const files: Record<string, string> = {
    'postmortems/payments.md': paymentsPostmortem,
    'manifests/web.pp': "service { 'nginx':\n  ensure => runing,\n}\n",
    'notes/README.md': '# Notes\n\n- 14:00 something happened\n',
    'drafts/opted-out-postmortem.md': '---\npostmortem: false\n---\n# Draft\n',
    'node_modules/some-package/postmortem.md': '# Postmortem: not ours\n',
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

interface LintWorkspaceResult {
  files: number;
  problems: number;
  cancelled: boolean;
}

describe('workspace requests', () => {
  let root: string;
  let client: LspClient;
  const uri = (file: string) => pathToFileURL(join(root, file)).href;
  const lintWorkspace = (params: Record<string, unknown> = {}) => client.request<LintWorkspaceResult>('postmortem/lintWorkspace', params);

  before(async () => {
    root = makeWorkspace();
    // Pull mode, as VS Code: every diagnostic pushed comes from Lint Workspace.
    client = await LspClient.start({ workspaceFolder: root, pullDiagnostics: true });
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('lints the postmortems and manifests on disk and publishes their diagnostics', async () => {
    const postmortem = client.nextDiagnostics(uri('postmortems/payments.md'));
    const manifest = client.nextDiagnostics(uri('manifests/web.pp'));
    const result = await lintWorkspace();
    const published: Diagnostic[][] = [(await postmortem).diagnostics, (await manifest).diagnostics];
    assert.equal(result.files, 2);
    assert.equal(result.cancelled, false);
    assert.ok(published[0].some((d) => d.code === 'PM001') && published[0].some((d) => d.source === 'markdownlint'), JSON.stringify(published[0]));
    assert.ok(published[1].some((d) => d.source === 'puppet' && typeof d.message === 'string' && /running/.test(d.message)), JSON.stringify(published[1]));
    assert.equal(result.problems, published[0].length + published[1].length);
    for (const file of ['notes/README.md', 'drafts/opted-out-postmortem.md', 'node_modules/some-package/postmortem.md']) {
      assert.equal(client.latestDiagnostics(uri(file)), undefined, `${file} is not linted`);
    }
  });

  it('reports its progress under the token the client gave', async () => {
    const progress: Array<{ kind: string; percentage?: number }> = [];
    const listener = client.connection.onNotification('$/progress', ({ token, value }: { token: string; value: { kind: string; percentage?: number } }) => {
      if (token === 'lint-1') progress.push(value);
    });
    await lintWorkspace({ workDoneToken: 'lint-1' });
    listener.dispose();
    // One report per candidate file: the three Markdown files outside node_modules and the manifest.
    assert.deepEqual(progress.map((p) => p.kind), ['begin', 'report', 'report', 'report', 'report', 'end']);
    assert.ok(progress.every((p) => p.percentage === undefined || (p.percentage >= 0 && p.percentage <= 100)));
  });

  it('leaves an open document to its live diagnostics, and takes back what it published for it', async () => {
    const file = uri('postmortems/payments.md');
    const cleared = client.nextDiagnostics(file, (diagnostics) => diagnostics.length === 0);
    await client.open(file, paymentsPostmortem);
    await cleared;
    const manifest = client.nextDiagnostics(uri('manifests/web.pp'));
    const result = await lintWorkspace({ files: [file, uri('manifests/web.pp')] });
    await manifest;
    assert.equal(result.files, 2);
    assert.deepEqual(client.latestDiagnostics(file)?.diagnostics, [], 'nothing pushed for the open document since it was cleared');
    assert.ok((await client.pullDiagnostics(file)).some((d) => d.code === 'PM001'));
    await client.close(file);
  });

  it('skips .pp files when postmortem.puppet.validateFiles is off, and clears what it published for them', async () => {
    await client.changeSettings({ puppet: { validateFiles: false } });
    const cleared = client.nextDiagnostics(uri('manifests/web.pp'), (diagnostics) => diagnostics.length === 0);
    const result = await lintWorkspace();
    await cleared;
    assert.equal(result.files, 1);
    await client.changeSettings({});
  });

  it('lists the profiles, with the configured one and the custom one when there is one', async () => {
    const scopeUri = pathToFileURL(root).href;
    const builtIn = await client.request<{ profiles: Array<{ name: string }>; configured: string }>('postmortem/profiles', { scopeUri });
    assert.deepEqual(builtIn.profiles.map((p) => p.name), ['classic', 'google-sre', 'pagerduty', 'atlassian']);
    assert.equal(builtIn.configured, 'classic');

    await client.changeSettings({ profile: 'custom', customProfile: { name: 'acme', sections: [{ title: 'What Broke' }, { title: 'Follow-ups' }] } });
    const withCustom = await client.request<{ profiles: Array<{ name: string; description: string }>; configured: string }>('postmortem/profiles', { scopeUri });
    assert.equal(withCustom.configured, 'custom');
    assert.match(withCustom.profiles.find((p) => p.name === 'custom')?.description ?? '', /acme: What Broke, Follow-ups/);
    const { text } = await client.request<{ text: string }>('postmortem/skeleton', { scopeUri, profile: 'custom', title: 'Lost writes' });
    assert.match(text, /^# Postmortem: Lost writes\n\n## What Broke\n\n<!-- .+ -->\n\n## Follow-ups\n\n<!-- .+ -->\n$/);
    await client.changeSettings({});
  });

  it('renders a built-in profile as the skeleton of a new postmortem', async () => {
    const { text } = await client.request<{ text: string }>('postmortem/skeleton', { scopeUri: pathToFileURL(root).href, profile: 'atlassian', title: 'Postmortem: DNS outage' });
    assert.match(text, /^# Postmortem: DNS outage\n\n## Incident Summary\n\n<!-- .+ -->\n\n## Leadup\n/);
    assert.equal(text.match(/^## /gm)?.length, 13);
  });

  it('tells whether an open document is a postmortem, and its profile', async () => {
    const postmortem = uri('postmortems/payments.md');
    const notes = uri('notes/README.md');
    await client.open(postmortem, paymentsPostmortem);
    await client.open(notes, '# Notes\n');
    assert.deepEqual(await client.request('postmortem/info', { uri: postmortem }), { profile: 'classic' });
    assert.equal(await client.request('postmortem/info', { uri: notes }), null);
    await client.changeSettings({ profile: 'pagerduty' });
    assert.deepEqual(await client.request('postmortem/info', { uri: postmortem }), { profile: 'pagerduty' });
    await client.changeSettings({});
  });
});
