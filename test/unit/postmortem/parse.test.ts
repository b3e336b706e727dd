import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { Token } from 'markdown-it';
import { lint } from 'markdownlint/sync';
import type { Range } from '../../../server/src/finding';
import { markdown } from '../../../server/src/postmortem/blocks';
import type { PostmortemModel } from '../../../server/src/postmortem/model';
import { buildModel } from '../../../server/src/postmortem/parse';
import { profiles } from '../../../server/src/postmortem/profiles';
import { SourceText } from '../../../server/src/sourceText';

const corpus = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/corpus/postmortems');
const seedPath = join(corpus, 'seed-example.md');
const noCorpus = existsSync(corpus) ? false : `shared corpus not found at ${corpus}`;

const doc = (...lines: string[]) => lines.join('\n');
const build = (text: string) => buildModel(text, profiles.classic);
const at = (text: string, range: Range) => new SourceText(text).slice(range);
const keys = (model: PostmortemModel) => model.sections.filter((s) => s.key).map((s) => s.key);
const times = (model: PostmortemModel) => model.timeline.map((e) => e.timestamp?.raw);

describe('the seed document', { skip: noCorpus }, () => {
  const text = noCorpus ? '' : readFileSync(seedPath, 'utf8');
  const model = build(text);

  it('finds both postmortems, section by section', () => {
    assert.equal(model.title?.text, 'My first postmortem');
    assert.deepEqual(keys(model), ['summary', 'timeline', 'root-cause', 'corrective', 'summary', 'timeline', 'root-cause', 'corrective']);
    for (const section of model.sections.filter((s) => s.key)) {
      assert.equal(section.style, 'heading');
      assert.equal(section.level, 2);
      assert.equal(section.empty, false);
    }
  });

  it('reads both timelines, in WAT, on one scale', () => {
    assert.equal(model.timeline.length, 16);
    assert.ok(model.timeline.every((e) => e.layout === 'bullet' && e.timestamp?.zone?.name === 'WAT' && e.timestamp.zone.origin === 'entry'));
    assert.deepEqual(model.timeline.slice(0, 8).map((e) => e.minutes), [840, 845, 850, 860, 870, 880, 890, 900]);
    const [first] = model.timeline;
    assert.ok(at(text, first.range).startsWith('- **14:00 WAT**: Issue detected'));
    assert.ok(first.text.startsWith('Issue detected via a monitoring alert'));
    assert.equal(at(text, first.timestamp!.range), '14:00 WAT');
  });

  it('reads the window, impact and root cause from the issue summary', () => {
    assert.equal(model.window?.start?.raw, 'June 19, 2024, 14:00 WAT');
    assert.equal(model.window?.end?.raw, 'June 19, 2024, 15:00 WAT');
    assert.deepEqual([model.window?.startMinutes, model.window?.endMinutes], [840, 900]);
    assert.equal(model.impact?.percent, 100);
    assert.equal(at(text, model.impact!.percentRange!), '100%');
    assert.ok(model.rootCause?.text.startsWith('The outage was caused by a missing PHP module'));
    assert.ok(at(text, model.rootCause!.range).startsWith('The outage was caused by'));
    assert.equal(model.statedLength, undefined);
    assert.deepEqual([model.documentZone?.name, model.documentZone?.origin], ['WAT', 'document']);
  });

  it('finds the puppet fences, indented in their list item and never closed', () => {
    assert.equal(model.fences.length, 2);
    for (const fence of model.fences) {
      assert.deepEqual([fence.lang, fence.marker, fence.indent, fence.unterminated], ['puppet', '```', 3, true]);
      assert.ok(fence.content.startsWith("package { 'php-missing-module':\n"));
      const firstLine = new SourceText(text).line(fence.contentRange.start.line);
      assert.equal(firstLine, "   package { 'php-missing-module':");
      assert.equal(new SourceText(text).line(fence.range.start.line).slice(fence.range.start.character), '```puppet');
    }
    assert.equal(new SourceText(text).line(model.fences[0].range.end.line), '   }');
  });

  it('lists the action items of the corrective sections', () => {
    const texts = model.actionItems.map((a) => a.text);
    assert.equal(texts.length, 12);
    assert.ok(texts[0].startsWith('Enhanced Monitoring: Implement more detailed monitoring'));
    assert.ok(texts.includes('Implement Puppet Configuration:'));
  });

  it('builds the same model from CRLF line endings', () => {
    assert.deepEqual(build(text.replace(/\n/g, '\r\n')), model);
  });
});

describe('sections', () => {
  it('reads headings with their level, body and emptiness', () => {
    const text = doc('# Postmortem', '', '## Issue Summary', 'Down for an hour.', '', '## Timeline', '', '## Root Cause and Resolution', '### Details', 'A typo.');
    const model = build(text);
    assert.deepEqual(model.sections.map((s) => [s.key, s.title, s.level, s.empty]), [
      [undefined, 'Postmortem', 1, false],
      ['summary', 'Issue Summary', 2, false],
      ['timeline', 'Timeline', 2, true],
      ['root-cause', 'Root Cause and Resolution', 2, false],
      [undefined, 'Details', 3, false],
    ]);
    const [, summary, timeline, rootCause] = model.sections;
    assert.deepEqual(summary.bodyRange, { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } });
    assert.deepEqual(timeline.bodyRange, { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } });
    assert.equal(at(text, rootCause.bodyRange), '### Details\nA typo.');
    assert.equal(at(text, summary.range), '## Issue Summary');
    assert.equal(model.title?.text, 'Postmortem');
  });

  it('reads bold and plain lines that name a section as its title', () => {
    const model = build(doc('**Issue Summary:**', 'Down.', '', 'Timeline', '10:00 detected', '', '__Root Cause and Resolution__', 'Typo.', '', 'Corrective and Preventative Measures:', '- Test.'));
    assert.deepEqual(model.sections.map((s) => [s.key, s.style, s.range.start.line]), [
      ['summary', 'bold', 0],
      ['timeline', 'plain', 3],
      ['root-cause', 'bold', 6],
      ['corrective', 'plain', 9],
    ]);
    assert.ok(model.sections.every((s) => !s.empty));
  });

  it("finds a title line inside a paragraph, and one back at the margin of a list item", () => {
    const model = build(doc('Service Unavailability', 'Issue Summary', 'On June 9th the site was down.', 'Timeline', '- 10:05 AM deployed', 'Root Cause and Resolution', 'A typo.'));
    assert.deepEqual(model.sections.map((s) => [s.key, s.range.start.line]), [['summary', 1], ['timeline', 3], ['root-cause', 5]]);
    assert.equal(model.title?.text, 'Service Unavailability');
    assert.deepEqual(times(model), ['10:05 AM']);
  });

  it("detects '#Title' written without its space", () => {
    const text = doc('#Issue summary:', 'During the project, things broke.', '', '##Timeline', 'The project ran for four weeks.');
    const model = build(text);
    assert.deepEqual(model.sections.map((s) => [s.key, s.level, s.style, s.missingHashSpace]), [['summary', 1, 'heading', true], ['timeline', 2, 'heading', true]]);
    assert.deepEqual(build('#123 is the ticket').sections, []);
  });

  it('tolerates emoji, numbering, typos and trailing asides', () => {
    const model = build(doc('## 🚨 Issue Summry 🚨', 'x', '## 2. Root cause & resolution:', 'x', '## ⏰ Timeline (all times in GMT) ⏰', 'x', '## Corrective/Preventative measures', 'x'));
    assert.deepEqual(keys(model), ['summary', 'root-cause', 'timeline', 'corrective']);
  });

  it('leaves labels inside a section alone', () => {
    const text = doc('## Issue Summary', '', '**Root Cause**:', '- A missing module.', '', '## Root Cause and Resolution', '', '**Root Cause**:', '- A missing module.', '', '**Resolution**:', '- Installed it.');
    const model = build(text);
    assert.deepEqual(model.sections.map((s) => s.key), ['summary', 'root-cause']);
    assert.equal(model.sections[0].bodyRange.end.line, 4);
  });

  it('names a weaker title when it is written like the other titles', () => {
    const model = build(doc('**Timeline:**', '- 10:00: detected', '', '**Resolution:**', '- Rolled back at 11:00.', '', '**Root Cause and Resolution:**', 'Typo.'));
    assert.deepEqual(model.sections.map((s) => [s.key, s.title]), [['timeline', 'Timeline:'], ['root-cause', 'Resolution:'], ['root-cause', 'Root Cause and Resolution:']]);
    assert.deepEqual(times(model), ['10:00']);
  });

  it('names top-level headings whatever their wording, but not weaker names nested in another section', () => {
    const model = build(doc('## Overview', 'x', '## Issue Summary', '### Root Cause:', 'A typo.', '### Timeline', '- 10:00 detected', '## Root Cause and Resolution', 'y', '## Corrective Measures', '### Action Items', '- a'));
    assert.deepEqual(model.sections.map((s) => [s.title, s.key]), [
      ['Overview', 'summary'],
      ['Issue Summary', 'summary'],
      ['Root Cause:', undefined],
      ['Timeline', 'timeline'],
      ['Root Cause and Resolution', 'root-cause'],
      ['Corrective Measures', 'corrective'],
      ['Action Items', undefined],
    ]);
  });

  it('leaves a weaker heading alone when another section separates it from the best one', () => {
    const model = build(doc('### Impact:', 'Users could not log in.', '### Root Cause:', 'A bad config.', '### Timeline:', '- 9:00 AM detected', '', 'Root Cause and Resolution:', '', '### Root Cause:', 'A bad config.'));
    assert.deepEqual(model.sections.map((s) => [s.title, s.key]), [
      ['Impact:', undefined],
      ['Root Cause:', undefined],
      ['Timeline:', 'timeline'],
      ['Root Cause and Resolution:', 'root-cause'],
      ['Root Cause:', undefined],
    ]);
  });

  it('leaves a label alone when it is written unlike the titles', () => {
    const model = build(doc('Issue Summary', 'Root Cause:', 'A typo.', '', 'Timeline', '- 10:00 detected', '', 'Root Cause and Resolution', 'Fixed it.'));
    assert.deepEqual(keys(model), ['summary', 'timeline', 'root-cause']);
    assert.equal(model.rootCause?.text, 'A typo.');
  });

  it('reads an HTML heading alone in its block', () => {
    const model = build(doc('<h3>Issue Summary</h3>', '', 'Down.', '', '## Timeline', '- 10:00 detected'));
    assert.deepEqual(model.sections.map((s) => [s.key, s.level, s.style]), [['summary', 3, 'html'], ['timeline', 2, 'heading']]);
  });

  // markdown-it reads every line of an HTML block as HTML, up to the next blank line; a reader still sees its titles.
  it('reads the titles inside a longer HTML block as HTML titles', () => {
    const model = build(doc('<h3>Issue Summary</h3>', '<hr>', 'Down.', '', '<img src="x.png">', '## Timeline', '- 10:00 detected', '', '## Root Cause', 'A typo.'));
    assert.deepEqual(model.sections.map((s) => [s.key, s.style]), [['summary', 'html'], ['timeline', 'html'], ['root-cause', 'heading']]);
    assert.deepEqual(times(model), ['10:00'], 'under a title in the block, its lines are the timeline');
    assert.deepEqual(model.htmlBlocks, [{ line: 0, endLine: 2 }, { line: 4, endLine: 6 }]);
  });

  it('reads a swallowed "#" line only when it names a section', () => {
    const swallowed = build('<h3>\n# # \n```\n');
    assert.deepEqual([swallowed.title, swallowed.sections, swallowed.fences], [undefined, [], []]);
  });

  it('reads a document written in HTML: its titles, and the timeline under its HTML title', () => {
    const model = build(
      doc(
        '<h1>POSTMORTEM</h1>',
        '<h3>Issue Summary</h3>',
        'Down for 15 minutes.',
        '<h3>Timeline</h3> ',
        '<hr>',
        '2100hrs WAT: Issue was detected. 2105hrs WAT: Curl showed one server.',
        '<ul>',
        ' <li>2113hrs WAT: Semicolon added.</li>',
        ' </ul>',
        '<h3>Root Cause and Resolution</h3><hr>',
        'A missing semicolon.',
        '',
        '<h3>Corrective Measures</h3><hr>',
        '<ul><li>Check the status after a restart.</li></ul>',
      ),
    );
    assert.equal(model.title?.text, 'POSTMORTEM');
    assert.deepEqual(keys(model), ['summary', 'timeline', 'root-cause', 'corrective']);
    assert.ok(model.sections.every((s) => s.style === 'html'));
    assert.deepEqual(model.timeline.map((e) => [e.layout, e.timestamp?.raw]), [['plain', '2100hrs WAT'], ['plain', '2105hrs WAT'], ['bullet', '2113hrs WAT']]);
    assert.deepEqual(model.timeline.map((e) => e.minutes), [1260, 1265, 1273]);
  });

  it('names a heading right under another section when it names a section of its own', () => {
    const model = build(doc('## Timeline', '', '<!-- prompt -->', '', '## Resolution', '23:59 PST', '', '## Root Cause and Resolution', 'Typo.'));
    assert.deepEqual(model.sections.map((s) => [s.key, s.title]), [['timeline', 'Timeline'], ['root-cause', 'Resolution'], ['root-cause', 'Root Cause and Resolution']]);
    assert.deepEqual(model.timeline, []);
  });

  it('names a weaker heading among named titles at their level, as it names the bold title it was written as', () => {
    const bold = doc('**Issue Summary:**', 'Down.', '', '**Root Cause:**', 'A typo.', '', '**Timeline:**', '- 10:00 detected', '', '**Root Cause and Resolution:**', 'Fixed.');
    const headings = bold.replace(/\*\*(.*):\*\*/g, '## $1');
    for (const text of [bold, headings]) assert.deepEqual(keys(build(text)), ['summary', 'root-cause', 'timeline', 'root-cause'], text);
  });

  it('gives a named title the unnamed headings written right under it', () => {
    const text = doc('# Timeline:', '- 10:00 detected', '', 'Corrective and Preventative Measures:', '', '# Improvements:', '- Add monitoring.', '', '# Tasks:', '- Patch nginx.');
    const model = build(text);
    const corrective = model.sections.find((s) => s.key === 'corrective')!;
    assert.equal(corrective.empty, false);
    assert.equal(corrective.bodyRange.end.line, 9);
    assert.deepEqual(model.actionItems.map((a) => a.text), ['Add monitoring.', 'Patch nginx.']);
  });
});

describe('timeline layouts', () => {
  it('reads bullets with bold times', () => {
    const text = doc('## Timeline', '', '- **14:00 WAT**: Issue detected.', '- **14:05 WAT**: Engineer paged.');
    const model = build(text);
    assert.deepEqual(model.timeline.map((e) => [e.layout, e.timestamp?.raw, e.text, at(text, e.range)]), [
      ['bullet', '14:00 WAT', 'Issue detected.', '- **14:00 WAT**: Issue detected.'],
      ['bullet', '14:05 WAT', 'Engineer paged.', '- **14:05 WAT**: Engineer paged.'],
    ]);
  });

  it("reads '15.25' with a dot as an entry's time, and nowhere else", () => {
    const model = build(doc('## Timeline', '* 15.25 PST - still trying to find the cause', '- 15.40 - engineers suspect the permissions', '- 16.05: fixed, latency down 12.50 ms', '- 2.5 hours in, the page was back'));
    assert.deepEqual(model.timeline.map((e) => [e.timestamp?.raw, e.minutes]), [['15.25 PST', 925], ['15.40', 940], ['16.05', 965], [undefined, undefined]]);
    assert.equal(model.timeline[2].text, 'fixed, latency down 12.50 ms');
  });

  it('reads numbered items', () => {
    const model = build(doc('## Timeline', '1. 10:00 - detected', '2. 10:30 - fixed'));
    assert.deepEqual(model.timeline.map((e) => [e.layout, e.text, e.minutes]), [['numbered', 'detected', 600], ['numbered', 'fixed', 630]]);
  });

  it('reads plain lines, with untimed lines as more text', () => {
    const text = doc('Timeline', '10:05 AM Sitewide update deployed; outage begins', '10:07 AM Error logs checked', 'by the DevOps team', '10:15 AM 100% restored');
    const model = build(text);
    assert.deepEqual(model.timeline.map((e) => [e.layout, e.text]), [
      ['plain', 'Sitewide update deployed; outage begins'],
      ['plain', 'Error logs checked by the DevOps team'],
      ['plain', '100% restored'],
    ]);
    assert.equal(at(text, model.timeline[1].range), '10:07 AM Error logs checked\nby the DevOps team');
  });

  it('splits several events written on one line', () => {
    const text = doc('## Timeline', '12:00pm EAT: Issue was detected. 12:06pm EAT: While using curl, at 12:07 it failed. 12:09pm EAT: Handled.');
    const model = build(text);
    assert.deepEqual(model.timeline.map((e) => [e.timestamp?.raw, e.text]), [
      ['12:00pm EAT', 'Issue was detected.'],
      ['12:06pm EAT', 'While using curl, at 12:07 it failed.'],
      ['12:09pm EAT', 'Handled.'],
    ]);
    assert.equal(at(text, model.timeline[1].range), '12:06pm EAT: While using curl, at 12:07 it failed.');
  });

  it('reads table rows, not the header nor an image between rows', () => {
    const text = doc('## Timeline', '', '2019-10-21 (*all times UTC*)', '', '| Time  | Description |', '| ----- | ----------- |', '| 16:51 | A Reddit user posts the website |', '![alt](x.jpg)', '| 17:01 | **INCIDENT BEGINS** email sent |');
    const model = build(text);
    assert.deepEqual(model.timeline.map((e) => [e.layout, e.timestamp?.raw, e.text, e.timestamp?.zone?.origin]), [
      ['table', '16:51', 'A Reddit user posts the website', 'section'],
      ['table', '17:01', 'INCIDENT BEGINS email sent', 'section'],
    ]);
    assert.equal(at(text, model.timeline[0].range), '| 16:51 | A Reddit user posts the website |');
  });

  it('reads a heading per time, with what follows as its text', () => {
    const text = doc('### Timeline:', '#### August 15, 2024', '#### 00:01:', '+ IDS raised an alert.', '+ SQL injection attempted.', '#### 00:20:', 'The team isolated the server.', '#### Root Cause Analysis:', '+ Unpatched server.');
    const model = build(text);
    assert.deepEqual(model.timeline.map((e) => [e.layout, e.timestamp?.raw, e.text]), [
      ['heading', '00:01', 'IDS raised an alert. SQL injection attempted.'],
      ['heading', '00:20', 'The team isolated the server.'],
    ]);
    assert.deepEqual(model.timeline[0].range, { start: { line: 2, character: 0 }, end: { line: 4, character: 26 } });
    assert.deepEqual(keys(model), ['timeline', 'root-cause']);
  });

  // Rules offer no fix that edits these lines: moved out of its block, a line would turn into Markdown.
  it('reads HTML list items, and no other HTML text under a Markdown title', () => {
    const model = build(doc('## Timeline', '<li><strong>10:30 AM:</strong>Issue detected.</li>', '<li><strong>10:35 AM:</strong>Engineer paged.</li>'));
    assert.deepEqual(model.timeline.map((e) => [e.layout, e.timestamp?.raw, e.text]), [['bullet', '10:30 AM', 'Issue detected.'], ['bullet', '10:35 AM', 'Engineer paged.']]);
    assert.deepEqual(times(build('Timeline\n23:59\n</h3>\n14:05\n```puppet\n')), ['23:59']);
  });

  it('keeps an HTML block in a list item with the entry it follows', () => {
    const text = doc('## Timeline', '- 10:00 detected', '  <details>', '  14:05 log', '  </details>', '- 10:30 fixed');
    const model = build(text);
    assert.deepEqual(model.timeline.map((e) => [e.timestamp?.raw, e.range.end.line]), [['10:00', 4], ['10:30', 5]]);
  });

  it('reads a timeline indented by accident into a code block', () => {
    const model = build(doc('Timeline:', '', '    10:45 AM (UTC): Issue Detected', '        Monitoring alerts triggered.', '', '    10:50 AM (UTC): Issue Identification', '        Operations noticed.'));
    assert.deepEqual(model.timeline.map((e) => [e.timestamp?.raw, e.text]), [
      ['10:45 AM (UTC)', 'Issue Detected Monitoring alerts triggered.'],
      ['10:50 AM (UTC)', 'Issue Identification Operations noticed.'],
    ]);
  });

  it('keeps untimed items as entries, and lets timed sub-items carry a label', () => {
    const model = build(doc('**Timeline:**', '- **Detection Time:**', '  - March 11, 2024, 10:15 AM (UTC)', '- **Actions Taken:**', '  - Investigated the CDN.', '- **Escalation:**', '  - Raised to DevOps.', '  - Leadership told at 11:30 AM (UTC).'));
    assert.deepEqual(model.timeline.map((e) => [e.timestamp?.raw, e.text]), [
      ['March 11, 2024, 10:15 AM (UTC)', 'Detection Time'],
      [undefined, 'Actions Taken: Investigated the CDN.'],
      ['11:30 AM (UTC)', 'Leadership told at 11:30 AM (UTC).'],
    ]);
  });

  it('gives the detail a sentence ending in ":" announces to that entry', () => {
    const text = doc('## Timeline', '12:12pm EAT: The cause was in this snippet:', '', '* nginx: [emerg] invalid number of arguments', '* nginx: test failed 12:14pm EAT: She added a semicolon.');
    const model = build(text);
    assert.deepEqual(model.timeline.map((e) => [e.timestamp?.raw, e.text]), [
      ['12:12pm EAT', 'The cause was in this snippet: nginx: [emerg] invalid number of arguments nginx: test failed'],
      ['12:14pm EAT', 'She added a semicolon.'],
    ]);
    assert.equal(at(text, model.timeline[1].range), '12:14pm EAT: She added a semicolon.');
  });

  it('keeps a fence inside an entry within its range', () => {
    const text = doc('**Timeline:**', '- **Detection:** The show began at 14:00 UTC.', '- **Resolution:** My Puppet code:', '  ```puppet', "  exec { 'fix': }", '  ```', '  Curtain down.');
    const model = build(text);
    assert.deepEqual(model.timeline.map((e) => [e.timestamp?.raw, e.text]), [['14:00 UTC', 'Detection: The show began at 14:00 UTC.'], [undefined, 'Resolution: My Puppet code: Curtain down.']]);
    assert.deepEqual(model.timeline[1].range, { start: { line: 2, character: 0 }, end: { line: 6, character: 15 } });
  });
});

describe('zones', () => {
  it('gives entries the zone of the timeline heading', () => {
    const model = build(doc('## Timeline (all times in West African Time)', '- 11:19 PM: reconfiguration begins', '- 11:48 PM UTC: server starts'));
    assert.deepEqual(model.timeline.map((e) => [e.timestamp?.zone?.name, e.timestamp?.zone?.origin]), [['West African Time', 'section'], ['UTC', 'entry']]);
  });

  it('gives entries the zone stated in the preamble, which is no entry itself', () => {
    const model = build(doc('## Timeline', '- **Timezone:** PST', '- **00:00:** Outage began.', '- **00:05:** Staff checked Apache.'));
    assert.deepEqual(model.timeline.map((e) => [e.timestamp?.raw, e.timestamp?.zone?.name, e.timestamp?.zone?.origin]), [['00:00', 'PST', 'section'], ['00:05', 'PST', 'section']]);
    const prose = build(doc('## Timeline', 'All times below are in UTC.', '', '- 10:00 detected'));
    assert.deepEqual([prose.timeline[0].timestamp?.zone?.name, prose.timeline[0].timestamp?.zone?.origin], ['UTC', 'section']);
  });

  it("reads the zone offsets our snippets write ('09:05 UTC+01:00')", () => {
    const model = build(doc('## Issue Summary', '- **Start**: 2024-06-19, 09:05 UTC+01:00', '- **End**: 2024-06-19, 10:35 UTC+01:00', '', '## Timeline', '2024-06-19 (all times UTC+01:00)', '- 09:05 OUTAGE BEGINS: what happened', '- **09:40 UTC+01:00**: rolled back'));
    assert.deepEqual([model.window?.startMinutes, model.window?.endMinutes], [545, 635]);
    assert.deepEqual(model.timeline.map((e) => [e.timestamp?.zone?.name, e.timestamp?.zone?.offsetMinutes, e.minutes]), [['UTC+01:00', 60, 545], ['UTC+01:00', 60, 580]]);
    assert.equal(model.documentZone?.offsetMinutes, 60);
  });

  it('gives the rest the zone the document states most', () => {
    const model = build(doc('## Issue Summary', 'From 12:00 EAT to 12:16 EAT the site was down; at 12:20 UTC we wrote this.', '', '## Timeline', '- 12:00 detected', '- 12:16 restored'));
    assert.deepEqual([model.documentZone?.name, model.documentZone?.offsetMinutes, model.documentZone?.origin], ['EAT', 180, 'document']);
    assert.ok(model.timeline.every((e) => e.timestamp?.zone?.name === 'EAT' && e.timestamp.zone.origin === 'document'));
  });
});

describe('minutes on one scale', () => {
  it('moves to the next day when the window runs past midnight', () => {
    const model = build(doc('## Issue Summary', '- Start: 23:00 WAT', '- End: 01:30 WAT', '', '## Timeline', '- 23:10 alert', '- 23:50 paged', '- 00:20 fixed', '- 01:30 closed'));
    assert.deepEqual([model.window?.startMinutes, model.window?.endMinutes], [1380, 1530]);
    assert.deepEqual(model.timeline.map((e) => e.minutes), [1390, 1430, 1460, 1530]);
  });

  it('leaves entries out of order when the window does not cross midnight', () => {
    const model = build(doc('## Issue Summary', 'The outage lasted from 10:00 to 11:00 UTC.', '', '## Timeline', '- 10:30 fixed', '- 09:00 detected'));
    assert.deepEqual(model.timeline.map((e) => e.minutes), [630, 540]);
  });

  it('lets written dates decide the day', () => {
    const model = build(doc('## Timeline', '- June 19, 2024 23:50: alert', '- June 20, 2024 00:10: fixed', '- 00:30: closed', '- June 19, 2024 23:55: late note'));
    assert.deepEqual(model.timeline.map((e) => e.minutes), [1430, 1450, 1470, 1435]);
  });

  it('reads undated times after a dated entry on its day, rolling over midnight', () => {
    const model = build(doc('## Issue Summary', 'Start: June 19, 2024, 23:40 WAT', 'End: June 20, 2024, 00:40 WAT', '', '## Timeline', '- June 19, 2024 23:50: alert', '- 00:10: rolled back', '- 00:40: recovered'));
    assert.deepEqual(model.timeline.map((e) => e.minutes), [1430, 1450, 1480]);
  });

  it('dates the entries under a date line until an entry states its own date', () => {
    const model = build(doc('## Timeline', '2019-10-21', '', '- 23:55 alert', '- 2019-10-22 00:05 paged', '- 00:20 fixed'));
    assert.deepEqual(model.timeline.map((e) => e.minutes), [1435, 1445, 1460]);
  });

  it('takes dates from date lines in the timeline', () => {
    const model = build(doc('## Timeline', '2019-10-21', '', '- 23:55 alert', '', '2019-10-22', '', '- 00:05 fixed'));
    assert.deepEqual(model.timeline.map((e) => e.minutes), [1435, 1445]);
  });

  it('rolls entries past midnight when the summary dates both ends of the window', () => {
    const model = build(doc('## Issue Summary', 'From 23:40 on June 19, 2024 to 00:40 WAT on June 20, users could not log in.', '', '## Timeline', '- 23:40 WAT: alert', '- 00:10 WAT: rolled back', '- 00:40 WAT: recovered'));
    assert.deepEqual([model.window?.start?.date, model.window?.end?.date], [{ year: 2024, month: 6, day: 19 }, { month: 6, day: 20 }]);
    assert.deepEqual([model.window?.startMinutes, model.window?.endMinutes], [1420, 1480]);
    assert.deepEqual(model.timeline.map((e) => e.minutes), [1420, 1450, 1480]);
  });

  it('converts entries to the zone of the window', () => {
    const model = build(doc('## Issue Summary', '- Start: 10:00 UTC', '- End: 12:00 UTC', '', '## Timeline', '- 11:30 WAT: fixed'));
    assert.equal(model.timeline[0].minutes, 630);
  });

  it('leaves invalid times off the scale', () => {
    const model = build(doc('## Timeline', '- 13:20PM: detected', '- 13:30: fixed'));
    assert.deepEqual(model.timeline.map((e) => [e.timestamp?.time.valid, e.minutes]), [[false, undefined], [true, 810]]);
  });
});

describe('the issue summary', () => {
  it('reads a window written as a range, with its exact span', () => {
    const text = doc('**Issue Summary:**', '**Duration:** June 10, 2023, 08:00 AM - June 11, 2023, 10:00 AM (UTC-5)');
    const model = build(text);
    assert.equal(at(text, model.window!.range), 'June 10, 2023, 08:00 AM - June 11, 2023, 10:00 AM (UTC-5)');
    assert.deepEqual([model.window?.startMinutes, model.window?.endMinutes], [480, 2040]);
    assert.equal(model.window?.start?.zone?.name, 'UTC-5');
  });

  it('reads windows written in prose', () => {
    const prose = build(doc('## Issue Summary', 'The outage started at 14:00 and ended at 15:30 WAT.'));
    assert.deepEqual([prose.window?.start?.raw, prose.window?.end?.raw, prose.window?.startMinutes, prose.window?.endMinutes], ['14:00', '15:30 WAT', 840, 930]);
    const between = build(doc('## Issue Summary', 'Between the hours of 13:00:00 and 17:35:08 the home page was down.'));
    assert.deepEqual([between.window?.startMinutes, Math.round(between.window!.endMinutes! * 60)], [780, 1055 * 60 + 8]);
  });

  it('uses the text before the first section when there is no summary', () => {
    const model = build(doc('Incident report', 'On June 9th, 2024 from 10:05 AM to 10:15 AM WAT, the website was down.', '', '## Timeline', '- 10:05 AM deployed'));
    assert.deepEqual([model.window?.start?.raw, model.window?.end?.raw], ['10:05 AM', '10:15 AM WAT']);
  });

  it('reads the stated length with its exact span', () => {
    const text = doc('## Summary', 'Frank video website down for 1 hour 41 minutes.');
    const model = build(text);
    assert.deepEqual([model.statedLength?.minutes, model.statedLength?.raw], [101, '1 hour 41 minutes']);
    assert.equal(at(text, model.statedLength!.range), '1 hour 41 minutes');
    assert.equal(build(doc('## Issue Summary', '### Duration: May 9, 17:30 PST - May 10, 01:00 PST (7.5 hours)')).statedLength?.minutes, 450);
    assert.equal(build(doc('## Issue Summary', '5 minutes after the deploy, users complained.')).statedLength, undefined);
    const days = build(doc('## Issue Summary', 'The outage lasted 2 days, 3 hours and 5 minutes.'));
    assert.deepEqual([days.statedLength?.minutes, days.statedLength?.raw], [3065, '2 days, 3 hours and 5 minutes']);
    assert.equal(build(doc('## Issue Summary', '**Duration:** 5 days 6 hours')).statedLength?.minutes, 7560);
  });

  it('reads the impact: share and count of users, with their spans', () => {
    const text = doc('## Issue Summary', '- **Impact:** The service was down for 30% of users; 1,200 customers wrote in.');
    const model = build(text);
    assert.equal(model.impact?.text, 'The service was down for 30% of users; 1,200 customers wrote in.');
    assert.equal(at(text, model.impact!.range), 'The service was down for 30% of users; 1,200 customers wrote in.');
    assert.deepEqual([model.impact?.percent, at(text, model.impact!.percentRange!)], [30, '30%']);
    assert.deepEqual([model.impact?.users, at(text, model.impact!.usersRange!)], [1200, '1,200']);
  });

  it('prefers the share of users over other percentages', () => {
    const model = build(doc('Issue Summary', 'Impact:', 'A 100% service disruption. Approximately 85% of the user base was affected.'));
    assert.equal(model.impact?.percent, 85);
    const prose = build(doc('## Issue Summary', 'The site was slow. About 40 percent of users saw errors.'));
    assert.deepEqual([prose.impact?.percent, prose.impact?.text], [40, 'About 40 percent of users saw errors.']);
  });

  it('reads the root cause from its label or a sentence', () => {
    const text = doc('## Issue Summary', '**Root Cause:** A misconfigured load balancer.');
    const labelled = build(text);
    assert.equal(labelled.rootCause?.text, 'A misconfigured load balancer.');
    assert.equal(at(text, labelled.rootCause!.range), 'A misconfigured load balancer.');
    const sentence = build(doc('## Issue Summary', 'It was bad. The outage was caused by a typo. We fixed it.'));
    assert.equal(sentence.rootCause?.text, 'The outage was caused by a typo.');
  });
});

describe('action items', () => {
  it('reads task lists, skipping labels over sub-items', () => {
    const text = doc('## Corrective and Preventative Measures', '- **Tasks:**', '  - [ ] Add monitoring', '  - [x] Patch nginx', '- Review configs regularly.');
    const model = build(text);
    assert.deepEqual(model.actionItems.map((a) => [a.text, a.task, a.done]), [['Add monitoring', true, false], ['Patch nginx', true, true], ['Review configs regularly.', false, undefined]]);
    assert.equal(at(text, model.actionItems[0].range), '- [ ] Add monitoring');
  });

  it('reads table rows and one-task-per-line paragraphs', () => {
    const table = build(doc('## Action Items', '| Action Item | Owner |', '| --- | --- |', '| Update playbook | Abdel |', '| Add a backup balancer | Haroldo |'));
    assert.deepEqual(table.actionItems.map((a) => a.text), ['Update playbook', 'Add a backup balancer']);
    const lines = build(doc('Corrective and Preventative Measures', 'Improvements:', 'Implement automated checks.', 'Add monitoring.'));
    assert.deepEqual(lines.actionItems.map((a) => a.text), ['Implement automated checks.', 'Add monitoring.']);
    const prose = build(doc('## Prevention', 'This was an application error. To prevent such outages', 'moving forward, keep the following in mind.'));
    assert.deepEqual(prose.actionItems, []);
  });
});

describe('code fences', () => {
  it('gives exact ranges for a closed fence', () => {
    const text = doc('## Fix', '', '~~~~ puppet {.pp}', "package { 'x': }", '', "service { 'y': }", '~~~~', 'after');
    const [fence] = build(text).fences;
    assert.deepEqual([fence.info, fence.lang, fence.marker, fence.indent, fence.unterminated], ['puppet {.pp}', 'puppet', '~~~~', 0, false]);
    assert.equal(at(text, fence.range), "~~~~ puppet {.pp}\npackage { 'x': }\n\nservice { 'y': }\n~~~~");
    assert.equal(`${at(text, fence.contentRange)}\n`, fence.content);
  });

  it('reports a fence that is never closed, at the end of the document or of its list item', () => {
    const eof = build(doc('```bash', 'echo hi'));
    assert.deepEqual([eof.fences[0].unterminated, eof.fences[0].content, eof.fences[0].range.end.line], [true, 'echo hi', 1]);
    const inItem = build(doc('1. Do this:', '   ```pp', '   notify { "x": }', '#### Next'));
    assert.deepEqual([inItem.fences[0].unterminated, inItem.fences[0].indent, inItem.fences[0].contentRange.end.line], [true, 3, 2]);
    const closedInItem = build(doc('1. Do this:', '   ```pp', '   notify { "x": }', '   ```'));
    assert.equal(closedInItem.fences[0].unterminated, false);
  });

  it('handles an empty fence', () => {
    const [fence] = build(doc('```', '```')).fences;
    assert.deepEqual([fence.content, fence.unterminated, fence.contentRange.start, fence.contentRange.end], ['', false, { line: 1, character: 0 }, { line: 1, character: 0 }]);
    const [open] = build('```').fences;
    assert.deepEqual([open.unterminated, open.contentRange.start], [true, { line: 0, character: 3 }]);
  });
});

describe('front matter and tokens', () => {
  const text = doc('---', 'title: "Web outage"', "owner: 'sre'", 'nested:', '  key: no', '---', '', '## Timeline', '- 10:00 UTC: detected', '', '```puppet', 'notify { "x": }', '```');

  it('reads its fields and keeps every line number exact', () => {
    const model = build(text);
    assert.deepEqual(model.frontMatter, { title: 'Web outage', owner: 'sre', nested: '' });
    assert.equal(model.sections[0].range.start.line, 7);
    assert.equal(at(text, model.timeline[0].timestamp!.range), '10:00 UTC');
    assert.equal(model.fences[0].range.start.line, 10);
    assert.equal(model.lineCount, 13);
  });

  it('reuses the tokens markdownlint hands to custom rules, without changing them', () => {
    let tokens: Token[] | undefined;
    let frontMatterLines = -1;
    lint({
      strings: { doc: text },
      config: { default: false, 'capture-tokens': true },
      markdownItFactory: () => markdown,
      customRules: [{
        names: ['capture-tokens'],
        description: 'captures the tokens',
        tags: ['test'],
        parser: 'markdownit',
        function: (params) => {
          tokens = params.parsers.markdownit.tokens as unknown as Token[];
          frontMatterLines = params.frontMatterLines.length;
        },
      }],
    });
    assert.equal(frontMatterLines, 7);
    assert.ok(tokens && Object.isFrozen(tokens));
    assert.deepEqual(buildModel(text, profiles.classic, tokens), build(text));
  });

  it('treats an unclosed opening marker as text', () => {
    const model = build(doc('---', '## Timeline', '- 10:00 detected'));
    assert.equal(model.frontMatter, undefined);
    assert.deepEqual(keys(model), ['timeline']);
  });
});

describe('other profiles', () => {
  it('names the sections of the profile in use', () => {
    const model = buildModel(doc('# Shakespeare Sonnet++ Postmortem', '## Summary', 'Down for 66 minutes.', '## Impact', 'Estimated 1.21B queries lost.', '## Root Causes', 'Cascading failure.', '## Action Items', '| Action Item | Type |', '| --- | --- |', '| Update playbook | mitigate |', '## Timeline', '2015-10-21 (all times UTC)', '* 14:51 News reports', '* 15:15 Fixed'), profiles['google-sre']);
    assert.deepEqual(keys(model), ['summary', 'impact', 'root-cause', 'corrective', 'timeline']);
    assert.equal(model.statedLength?.minutes, 66);
    assert.deepEqual(model.timeline.map((e) => [e.minutes, e.timestamp?.zone?.origin]), [[891, 'section'], [915, 'section']]);
    assert.equal(model.impact?.text, 'Estimated 1.21B queries lost.');
  });
});

/** Every range of a model lies inside the text and starts before it ends. */
function assertRangesInside(text: string, model: PostmortemModel): void {
  const source = new SourceText(text);
  const check = (range: Range | undefined, what: string) => {
    if (!range) return;
    assert.ok(range.start.line >= 0 && range.end.line < source.lineCount, `${what} lines`);
    assert.ok(range.start.line < range.end.line || range.start.character <= range.end.character, `${what} order`);
    assert.ok(range.end.character <= source.line(range.end.line).length, `${what} end`);
  };
  for (const s of model.sections) {
    check(s.range, 'section');
    check(s.bodyRange, 'body');
  }
  for (const e of model.timeline) {
    check(e.range, 'entry');
    check(e.timestamp?.range, 'timestamp');
    if (e.timestamp) assert.equal(source.slice(e.timestamp.range), e.timestamp.raw);
  }
  for (const f of model.fences) {
    check(f.range, 'fence');
    check(f.contentRange, 'fence content');
  }
  for (const a of model.actionItems) check(a.range, 'action item');
  check(model.window?.range, 'window');
  check(model.impact?.range, 'impact');
  check(model.rootCause?.range, 'root cause');
  if (model.statedLength) assert.equal(source.slice(model.statedLength.range), model.statedLength.raw);
  assert.equal(model.lineCount, source.lineCount);
}

describe('any input', () => {
  const fragment = fc.oneof(
    fc.constantFrom(
      '# Postmortem', '## Issue Summary', '**Timeline:**', 'Timeline', '#Timeline', '### 10:00', '- **14:00 WAT**: detected', '1. 2pm fixed', '- [ ] task',
      '| Time | Event |', '| --- | --- |', '| 16:51 | posted |', '```puppet', '~~~', '    indented 10:00 code', '<li>10:30 AM: x</li>', '<h3>Timeline</h3>',
      '---', 'title: x', '> quoted 11:00', 'Start: June 19, 2024, 14:00 WAT', 'End: 01:30', 'Duration: 1 hour 41 minutes (7.5 hours)',
      '**Impact**: 30% of users', 'Root Cause: typo', '2019-10-21 (all times UTC)', '13:06 PM', '25:00', '\t', '', '  ', '\r', '\u2028', '🚨', '*', '_', '[', '<!--',
    ),
    fc.string({ maxLength: 30 }),
  );

  it('never throws, and keeps every range inside the text', () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 40 }), fc.constantFrom('\n', '\r\n', '\r'), (lines, eol) => {
        const text = lines.join(eol);
        assertRangesInside(text, build(text));
      }),
      { numRuns: 400 },
    );
  });

  it('builds a sound model of every corpus document', { skip: noCorpus }, () => {
    for (const file of noCorpus ? [] : readdirSync(corpus).filter((f) => f.endsWith('.md'))) {
      const text = readFileSync(join(corpus, file), 'utf8');
      const model = build(text);
      assertRangesInside(text, model);
      for (let i = 1; i < model.sections.length; i++) assert.ok(model.sections[i].range.start.line > model.sections[i - 1].range.end.line, file);
    }
  });
});
