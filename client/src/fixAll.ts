// Postmortem: Fix All: every preferred fix the server offers for the active document, as one undoable edit.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { FixAllRequest } from '../../server/src/protocol';
import { send } from './customRequest';

export async function fixAll(client: LanguageClient): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const document = editor.document;
  const result = await send(client, FixAllRequest, { uri: client.code2ProtocolConverter.asUri(document.uri) });
  if (!result) {
    void vscode.window.showInformationMessage('This document is not a postmortem.');
    return;
  }
  if (result.edits.length === 0) {
    void vscode.window.showInformationMessage('No postmortem problems with an automatic fix.');
    return;
  }
  // The fixes were computed for one version; if the user typed since, they would land in the wrong place.
  if (document.version !== result.version) {
    void vscode.window.showWarningMessage('The document changed while the fixes were computed; run Fix All again.');
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.set(document.uri, await client.protocol2CodeConverter.asTextEdits(result.edits));
  await vscode.workspace.applyEdit(edit);
}
