// Entry the workbench loads as extensionTestsPath: runs the mocha suites inside the extension host.
import Mocha from 'mocha';
import { join } from 'node:path';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  // The installed-.vsix run repeats the user's essential path; the development run covers everything.
  const files = process.env.PMKIT_E2E_SUITE === 'vsix' ? ['installed.test.js'] : ['postmortem.test.js', 'puppet.test.js', 'commands.test.js', 'server.test.js'];
  for (const f of files) mocha.addFile(join(__dirname, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} editor test(s) failed`)) : resolve()));
  });
}
