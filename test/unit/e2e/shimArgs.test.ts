// The stand-in VS Code executable must read runTests' command line the way VS Code does.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { parseShimArgs, workbenchUrl } = require('../../e2e/shimArgs.cjs') as {
  parseShimArgs(argv: string[]): {
    developmentPaths: string[];
    testsPath?: string;
    userDataDir?: string;
    extensionsDir?: string;
    installExtensions: string[];
    folder?: string;
  };
  workbenchUrl(host: string, folder: string, devPaths: string[], testsPath?: string, env?: string): string;
};

describe('code-server shim arguments', () => {
  it('reads the arguments @vscode/test-electron passes', () => {
    const args = parseShimArgs([
      '--no-sandbox',
      '--disable-gpu-sandbox',
      '/tmp/ws',
      '--user-data-dir=/tmp/ud',
      '--extensions-dir=/tmp/ext',
      '--extensionDevelopmentPath=/repo',
      '--extensionTestsPath=/repo/out/e2e/index.js',
    ]);
    assert.deepEqual(args.developmentPaths, ['/repo']);
    assert.equal(args.testsPath, '/repo/out/e2e/index.js');
    assert.equal(args.userDataDir, '/tmp/ud');
    assert.equal(args.extensionsDir, '/tmp/ext');
    assert.equal(args.folder, '/tmp/ws');
    assert.deepEqual(args.installExtensions, []);
  });

  it('does not take the value of a space-separated flag for the workspace folder', () => {
    const args = parseShimArgs(['--extensions-dir', '/tmp/ext', '--install-extension', '/repo/x.vsix']);
    assert.equal(args.folder, undefined);
    assert.equal(args.extensionsDir, '/tmp/ext');
    assert.deepEqual(args.installExtensions, ['/repo/x.vsix']);
  });

  it('puts the development and tests paths in the workbench payload as remote URIs', () => {
    const url = new URL(workbenchUrl('127.0.0.1:9000', '/tmp/ws', ['/repo'], '/repo/out/e2e/index.js'));
    assert.equal(url.searchParams.get('folder'), '/tmp/ws');
    assert.deepEqual(JSON.parse(url.searchParams.get('payload')!), [
      ['extensionDevelopmentPath', 'vscode-remote://127.0.0.1:9000/repo'],
      ['extensionTestsPath', 'vscode-remote://127.0.0.1:9000/repo/out/e2e/index.js'],
    ]);
  });
});
