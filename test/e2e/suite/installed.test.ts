// The user's real path: the packaged .vsix, installed with --install-extension, activates and lints.
import * as assert from 'node:assert/strict';
import { activateExtension, fileIn, open, waitForDiagnostics } from './workbench';

describe('installed .vsix', () => {
  it('activates from the extensions folder and lints the example', async () => {
    const { extension, activationMs } = await activateExtension();
    console.log(`      activation (installed .vsix): ${activationMs.toFixed(0)} ms`);
    assert.ok(!extension.extensionPath.includes('test/e2e/host'), `runs from the installed copy: ${extension.extensionPath}`);
    const uri = fileIn('postmortems', 'checkout-outage-postmortem.md');
    const start = performance.now();
    await open(uri);
    const diagnostics = await waitForDiagnostics(uri, (ds) => ds.some((d) => d.source === 'postmortem'));
    console.log(`      server start to first diagnostics (installed .vsix): ${(performance.now() - start).toFixed(0)} ms`);
    assert.ok(diagnostics.some((d) => d.source === 'postmortem' && /out of order/.test(d.message)));
  });
});
