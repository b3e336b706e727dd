import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultPostmortemGlobs, documentKind, isPostmortemDocument } from '../../../server/src/service/documents';

const body = '## Summary\n\nSomething broke.\n';

describe('isPostmortemDocument', () => {
  it('matches the default globs on absolute paths, in any case', () => {
    for (const path of [
      '/home/ada/alx-system_engineering-devops/0x19-postmortem/README.md',
      '/home/ada/notes/2024-06-19-Postmortem.md',
      '/home/ada/site/post-mortem-checkout.md',
      '/home/ada/site/postmortems/2024/checkout.md',
      'C:\\Users\\ada\\postmortems\\checkout.md',
    ]) {
      assert.equal(isPostmortemDocument(path, body, defaultPostmortemGlobs), true, path);
    }
    assert.equal(isPostmortemDocument('/home/ada/site/README.md', body, defaultPostmortemGlobs), false);
  });

  it('matches relative globs against paths inside a workspace folder', () => {
    const globs = ['incidents/*.md'];
    assert.equal(isPostmortemDocument('/work/repo/incidents/checkout.md', body, globs, ['/work/repo']), true);
    assert.equal(isPostmortemDocument('/work/repo/docs/incidents/checkout.md', body, globs, ['/work/repo']), false);
    assert.equal(isPostmortemDocument('/work/other/incidents/checkout.md', body, globs, ['/work/repo']), false);
  });

  it('follows front matter both ways', () => {
    assert.equal(isPostmortemDocument('/a/notes.md', `---\ntitle: x\npostmortem: true\n---\n${body}`, defaultPostmortemGlobs), true);
    assert.equal(isPostmortemDocument('/a/postmortem.md', `---\npostmortem: false\n---\n${body}`, defaultPostmortemGlobs), false);
    assert.equal(isPostmortemDocument('/a/notes.md', `---\r\npostmortem: "yes"\r\n---\r\n${body}`, []), true);
  });

  it('reads the first heading, skipping front matter and fences', () => {
    const cases: Array<[string, boolean]> = [
      ['# Postmortem: June 19 outage\n', true],
      ['## Post-mortem\n', true],
      ['#Post Mortem of the API outage\n', true],
      ['Incident Report - Checkout\n===\n', true],
      ['# Release notes\n# Postmortem\n', false],
      ['```md\n# Postmortem\n```\n# Notes\n', false],
      ['---\nauthor: me\n---\n# Incident report\n', true],
      ['Some text about postmortems.\n', false],
      ['', false],
    ];
    for (const [text, expected] of cases) assert.equal(isPostmortemDocument('/a/notes.md', text, []), expected, JSON.stringify(text));
    assert.equal(isPostmortemDocument(undefined, '# Postmortem\n', []), true, 'untitled documents are judged by their text');
  });
});

describe('documentKind', () => {
  it('routes Markdown postmortems and Puppet manifests; nothing else is ours', () => {
    assert.equal(documentKind('/a/postmortem.md', 'markdown', body, defaultPostmortemGlobs), 'postmortem');
    assert.equal(documentKind('/a/notes.md', 'markdown', body, defaultPostmortemGlobs), undefined);
    assert.equal(documentKind('/a/site.pp', 'puppet', 'class x {}', defaultPostmortemGlobs), 'puppet');
    assert.equal(documentKind('/a/postmortem.txt', 'plaintext', '# Postmortem', defaultPostmortemGlobs), undefined);
  });
});
