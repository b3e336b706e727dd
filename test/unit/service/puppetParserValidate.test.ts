// The reference validator: reading `puppet parser validate --render-as json` reports (as Puppet 7 on Debian
// prints them), and running the real tool when it is installed.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readValidateReport, referenceValidatorRule, validateWithPuppet } from '../../../server/src/service/puppetParserValidate';
import { SourceText } from '../../../server/src/sourceText';
import { installedPuppet } from '../../installedPuppet';

const broken = "service { 'apache2':\n  ensure = running,\n}\n";

function report(file: string, fields: Record<string, unknown>): string {
  return JSON.stringify({ [file]: { issue_code: 'SYNTAX_ERROR', full_message: 'Could not parse for environment production: …', file, ...fields } }, null, 2);
}

describe('reading a puppet parser validate report', () => {
  it('gives no finding for a valid file (no output)', () => {
    assert.deepEqual(readValidateReport('', new SourceText(broken)), []);
  });

  it("turns Puppet's 1-based line and column into a position", () => {
    const [finding] = readValidateReport(report('broken.pp', { message: "Syntax error at '='", line: 2, pos: 10 }), new SourceText(broken)) ?? [];
    assert.deepEqual(finding, {
      range: { start: { line: 1, character: 9 }, end: { line: 1, character: 9 } },
      severity: 'error',
      source: 'puppet',
      rule: referenceValidatorRule,
      message: "puppet parser validate: Syntax error at '=' (SYNTAX_ERROR)",
      fixes: [],
    });
  });

  it('puts "end of input" (no line) at the end of the text', () => {
    const [finding] = readValidateReport(report('eoi.pp', { message: 'Syntax error at end of input', line: null, pos: null }), new SourceText('class x {\n  notify { "a": }\n')) ?? [];
    assert.deepEqual(finding?.range.start, { line: 2, character: 0 });
  });

  it('counts columns in characters, as Ruby does, and positions in UTF-16 units', () => {
    const text = "notify { '🔥': message = 'x' }\n";
    const [finding] = readValidateReport(report('emoji.pp', { message: "Syntax error at '='", line: 1, pos: 23 }), new SourceText(text)) ?? [];
    assert.equal(finding?.range.start.character, text.indexOf('= '));
  });

  it('refuses output that is not a report', () => {
    assert.equal(readValidateReport('Error: Could not parse options\n', new SourceText(broken)), undefined);
  });
});

describe('running puppet parser validate', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'pmkit-validator-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('reports the first syntax error of a saved file', { skip: installedPuppet ? false : 'puppet is not installed' }, async () => {
    const file = join(folder, 'broken.pp');
    writeFileSync(file, broken);
    const outcome = await validateWithPuppet(installedPuppet!, file, new SourceText(broken));
    assert.equal(outcome.kind, 'validated');
    assert.deepEqual(
      outcome.kind === 'validated' && outcome.findings.map((f) => [f.range.start, f.message]),
      [[{ line: 1, character: 9 }, "puppet parser validate: Syntax error at '=' (SYNTAX_ERROR)"]],
    );
    const valid = join(folder, 'valid.pp');
    writeFileSync(valid, "notify { 'x': }\n");
    assert.deepEqual(await validateWithPuppet(installedPuppet!, valid, new SourceText("notify { 'x': }\n")), { kind: 'validated', findings: [] });
  });

  it('says so when the executable is missing', async () => {
    const outcome = await validateWithPuppet(join(folder, 'no-puppet'), join(folder, 'x.pp'), new SourceText(''));
    assert.equal(outcome.kind, 'missing');
  });

  it('gives up on a validator that does not answer in time', { skip: process.platform === 'win32' ? 'needs a shell script' : false }, async () => {
    const stuck = join(folder, 'stuck-puppet');
    writeFileSync(stuck, '#!/bin/sh\nexec sleep 30\n');
    chmodSync(stuck, 0o755);
    const outcome = await validateWithPuppet(stuck, join(folder, 'x.pp'), new SourceText(''), 200);
    assert.deepEqual(outcome, { kind: 'failed', reason: 'no answer within 0.2 s' });
  });

  it('reports a validator that fails without a report', { skip: process.platform === 'win32' ? 'needs a shell script' : false }, async () => {
    const failing = join(folder, 'failing-puppet');
    writeFileSync(failing, "#!/bin/sh\necho 'Error: Could not initialize global default settings' >&2\nexit 1\n");
    chmodSync(failing, 0o755);
    const outcome = await validateWithPuppet(failing, join(folder, 'x.pp'), new SourceText(''));
    assert.deepEqual(outcome, { kind: 'failed', reason: 'Error: Could not initialize global default settings' });
  });
});
