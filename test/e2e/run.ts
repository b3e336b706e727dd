// Runs the editor tests in a real VS Code workbench with @vscode/test-electron's runTests.
// E2E_VSCODE=download uses a downloaded desktop VS Code (where the network allows); the default runs
// code-server + headless Chromium through test/e2e/code-server-shim.cjs, because VS Code cannot be downloaded here.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { runTests } from '@vscode/test-electron';

const root = resolve(import.meta.dirname, '../..');
const out = join(root, 'out/e2e');
const mode = process.env.E2E_VSCODE === 'download' ? 'download' : 'code-server';
const shim = join(root, 'test/e2e/code-server-shim.cjs');

async function bundleSuite(): Promise<string> {
  rmSync(out, { recursive: true, force: true });
  const entryPoints = readdirSync(join(root, 'test/e2e/suite'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(root, 'test/e2e/suite', f));
  await build({ entryPoints, outdir: out, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'mocha'], logLevel: 'warning' });
  return join(out, 'index.js');
}

/** A fresh workspace: the bundled example, a Puppet manifest and a plain README. */
function makeWorkspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'pmkit-e2e-ws-'));
  cpSync(join(root, 'examples'), join(ws, 'postmortems'), { recursive: true });
  cpSync(join(root, 'test/e2e/fixtures'), ws, { recursive: true });
  // The workbench's built-in AI actions would crowd our quick fixes and the editor in the screenshots.
  mkdirSync(join(ws, '.vscode'));
  writeFileSync(join(ws, '.vscode/settings.json'), JSON.stringify({ 'chat.disableAIFeatures': true }, null, 2));
  return ws;
}

async function run(label: string, options: { extensionDevelopmentPath: string; extraArgs?: string[]; env?: Record<string, string> }, testsPath: string): Promise<void> {
  const workspace = makeWorkspace();
  const userDataDir = mkdtempSync(join(tmpdir(), 'pmkit-e2e-ud-'));
  console.log(`\n[e2e] ${label}: ${mode === 'download' ? 'downloaded VS Code' : 'code-server workbench in headless Chromium'}`);
  await runTests({
    ...(mode === 'code-server' ? { vscodeExecutablePath: shim } : {}),
    extensionDevelopmentPath: options.extensionDevelopmentPath,
    extensionTestsPath: testsPath,
    launchArgs: [workspace, `--user-data-dir=${userDataDir}`, '--disable-workspace-trust', ...(options.extraArgs ?? [])],
    extensionTestsEnv: { PMKIT_E2E_WORKSPACE: workspace, ...options.env },
  });
}

async function main(): Promise<void> {
  if (mode === 'code-server') execFileSync('bash', [join(root, 'test/e2e/setup.sh')], { stdio: 'inherit' });
  const testsPath = await bundleSuite();
  const screenshots = join(root, 'out/screenshots');
  mkdirSync(screenshots, { recursive: true });

  // Only the shim drives a page it can take pictures of.
  const screenshotEnv: Record<string, string> = mode === 'code-server' ? { PMKIT_SCREENSHOTS: screenshots } : {};
  await run('development folder', { extensionDevelopmentPath: root, env: { ...screenshotEnv, PMKIT_E2E_SUITE: 'dev' } }, testsPath);

  // The user's real path: the packaged .vsix, installed with --install-extension.
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  const vsix = `${name}-${version}.vsix`;
  rmSync(join(root, vsix), { force: true });
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'inherit' });
  if (!existsSync(join(root, vsix))) throw new Error(`npm run package produced no ${vsix}`);
  console.log(`[e2e] ${vsix}: ${(statSync(join(root, vsix)).size / 1024).toFixed(0)} KiB`);
  const extensionsDir = mkdtempSync(join(tmpdir(), 'pmkit-e2e-ext-'));
  if (mode === 'code-server') {
    execFileSync(shim, [`--extensions-dir=${extensionsDir}`, '--install-extension', join(root, vsix)], { stdio: 'inherit' });
  } else {
    const { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath } = await import('@vscode/test-electron');
    const [cli, ...args] = resolveCliArgsFromVSCodeExecutablePath(await downloadAndUnzipVSCode());
    execFileSync(cli, [...args, `--extensions-dir=${extensionsDir}`, '--install-extension', join(root, vsix)], { stdio: 'inherit' });
  }
  if (!existsSync(extensionsDir) || readdirSync(extensionsDir).length === 0) throw new Error('the .vsix did not install');
  await run('installed .vsix', { extensionDevelopmentPath: join(root, 'test/e2e/host'), extraArgs: [`--extensions-dir=${extensionsDir}`], env: { PMKIT_E2E_SUITE: 'vsix' } }, testsPath);
}

main().catch((e) => {
  console.error(`[e2e] failed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
