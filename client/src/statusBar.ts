// The status bar item of the active postmortem (its profile and problem counts) and the
// `postmortem.isPostmortem` context key the menus use. Only the server knows what is a postmortem
// (globs, front matter, title), so the client asks it on every editor switch.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { configurationSection, PostmortemInfoRequest } from '../../server/src/protocol';
import { send } from './customRequest';

/** The sources of our diagnostics (finding.ts `FindingSource`). */
const ourSources = new Set(['postmortem', 'markdownlint', 'puppet']);

/** Typing may add or remove what makes a document a postmortem (a title, front matter); asked again after a pause. */
const recheckDelayMs = 500;

export class PostmortemStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('postmortem.status', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [this.item];
  /** The active postmortem and its profile; undefined when the active editor shows something else. */
  private current: { uri: string; profile: string } | undefined;
  private isPostmortem = false;
  private recheck: NodeJS.Timeout | undefined;

  constructor(private readonly client: LanguageClient) {
    this.item.name = 'Postmortem';
    this.item.command = 'workbench.actions.view.problems';
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(configurationSection) && void this.refresh()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document !== vscode.window.activeTextEditor?.document || e.contentChanges.length === 0) return;
        clearTimeout(this.recheck);
        this.recheck = setTimeout(() => void this.refresh(), recheckDelayMs);
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const current = this.current;
        if (current && e.uris.some((uri) => uri.toString() === current.uri)) this.render();
      }),
    );
  }

  /** Asks the server about the active document, then shows or hides the item. */
  async refresh(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    let info = null;
    if (document?.languageId === 'markdown' && this.client.isRunning()) {
      try {
        info = await send(this.client, PostmortemInfoRequest, { uri: this.client.code2ProtocolConverter.asUri(document.uri) });
      } catch {
        // The server is restarting; its next start refreshes again.
      }
    }
    // Another editor may have become active while the server answered: its own refresh decides.
    if (document !== vscode.window.activeTextEditor?.document) return;
    this.current = info && document ? { uri: document.uri.toString(), profile: info.profile } : undefined;
    this.setContext(this.current !== undefined);
    this.render();
  }

  dispose(): void {
    clearTimeout(this.recheck);
    for (const disposable of this.disposables) disposable.dispose();
  }

  private render(): void {
    if (!this.current) {
      this.item.hide();
      return;
    }
    let errors = 0;
    let warnings = 0;
    for (const diagnostic of vscode.languages.getDiagnostics(vscode.Uri.parse(this.current.uri))) {
      if (!diagnostic.source || !ourSources.has(diagnostic.source)) continue;
      if (diagnostic.severity === vscode.DiagnosticSeverity.Error) errors++;
      else if (diagnostic.severity === vscode.DiagnosticSeverity.Warning) warnings++;
    }
    this.item.text = `$(checklist) ${this.current.profile}  $(error) ${errors}  $(warning) ${warnings}`;
    this.item.tooltip = `Postmortem profile: ${this.current.profile}\nErrors: ${errors}, warnings: ${warnings}\nClick to show the Problems panel.`;
    this.item.accessibilityInformation = { label: `Postmortem profile ${this.current.profile}, errors: ${errors}, warnings: ${warnings}` };
    this.item.show();
  }

  private setContext(isPostmortem: boolean): void {
    if (isPostmortem === this.isPostmortem) return;
    this.isPostmortem = isPostmortem;
    void vscode.commands.executeCommand('setContext', 'postmortem.isPostmortem', isPostmortem);
  }
}
