// `postmortem.puppet.validateFiles` defaults to off when the official Puppet extension is installed, so a
// .pp file does not get two sets of diagnostics. The client knows which extensions are installed; the
// server does not. So the client resolves the default in every settings answer, and tells the server to
// read its settings again when that extension comes or goes.
import * as vscode from 'vscode';
import { DidChangeConfigurationNotification, type LanguageClient, type Middleware } from 'vscode-languageclient/node';
import { configurationSection } from '../../server/src/protocol';

export const officialPuppetExtensionId = 'puppet.puppet-vscode';

function officialPuppetExtensionInstalled(): boolean {
  return vscode.extensions.getExtension(officialPuppetExtensionId) !== undefined;
}

/** The `postmortem` section with `puppet.validateFiles` resolved to a boolean. */
function resolvePuppetDefault(section: unknown): unknown {
  if (typeof section !== 'object' || section === null) return section;
  const config = section as { puppet?: { validateFiles?: unknown } };
  if (typeof config.puppet?.validateFiles === 'boolean') return section;
  return { ...config, puppet: { ...config.puppet, validateFiles: !officialPuppetExtensionInstalled() } };
}

/** Answers to workspace/configuration, with the default resolved wherever the server asks for our section. */
export const puppetDefaultMiddleware: Middleware['workspace'] = {
  configuration: async (params, token, next) => {
    const answers = await next(params, token);
    if (!Array.isArray(answers)) return answers;
    return answers.map((answer, index) => (params.items[index]?.section === configurationSection ? resolvePuppetDefault(answer) : answer));
  },
};

/** Installing or removing the Puppet extension changes the default: the server drops its cached settings. */
export function followPuppetExtension(client: LanguageClient): vscode.Disposable {
  let installed = officialPuppetExtensionInstalled();
  return vscode.extensions.onDidChange(() => {
    if (officialPuppetExtensionInstalled() === installed) return;
    installed = !installed;
    if (client.isRunning()) void client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  });
}
