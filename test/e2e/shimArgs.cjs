// Reads the command line that @vscode/test-electron's runTests passes to "VS Code", so the shim can
// hand the same request to code-server (which rejects these flags on its own command line).
'use strict';

/** @param {string[]} argv */
function parseShimArgs(argv) {
  const values = (name) => argv.filter((a) => a.startsWith(`--${name}=`)).map((a) => a.slice(name.length + 3));
  const flagValue = (name) => {
    const inline = values(name);
    if (inline.length) return inline[inline.length - 1];
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && i + 1 < argv.length ? argv[i + 1] : undefined;
  };
  // runTests passes the workspace as a bare path; values of space-separated flags are not folders.
  const takesValue = new Set(['--user-data-dir', '--extensions-dir', '--install-extension', '--locale']);
  const positional = argv.filter((a, i) => !a.startsWith('-') && !takesValue.has(argv[i - 1]));
  return {
    developmentPaths: values('extensionDevelopmentPath'),
    testsPath: flagValue('extensionTestsPath'),
    userDataDir: flagValue('user-data-dir'),
    extensionsDir: flagValue('extensions-dir'),
    installExtensions: argv.flatMap((a, i) => (a === '--install-extension' ? [argv[i + 1]] : a.startsWith('--install-extension=') ? [a.slice(20)] : [])).filter(Boolean),
    folder: positional[0],
  };
}

/** The workbench URL: code-server honours `payload` only with the smoke-test driver enabled. */
function workbenchUrl(host, folder, devPaths, testsPath, extensionEnvironment) {
  const payload = devPaths.map((p) => ['extensionDevelopmentPath', `vscode-remote://${host}${p}`]);
  if (testsPath) payload.push(['extensionTestsPath', `vscode-remote://${host}${testsPath}`]);
  if (extensionEnvironment) payload.push(['extensionEnvironment', extensionEnvironment]);
  return `http://${host}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

module.exports = { parseShimArgs, workbenchUrl };
