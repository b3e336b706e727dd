// Commands the manifest contributes whose features come in a later version (the fix manifest, the preview).
// They are registered so the menus and the palette work, and say plainly that the feature is not here yet.
import * as vscode from 'vscode';
import { Commands } from '../../server/src/protocol';

const planned = [Commands.generateFixManifest, Commands.openPreview, Commands.openPreviewToSide];

export function registerPlannedCommands(context: vscode.ExtensionContext): vscode.Disposable[] {
  const { version, contributes } = context.extension.packageJSON as { version: string; contributes: { commands: Array<{ command: string; title: string }> } };
  return planned.map((command) => {
    const title = contributes.commands.find((c) => c.command === command)?.title ?? command;
    return vscode.commands.registerCommand(command, () => {
      // Not awaited: the command is done once the user is told, whether or not they dismiss the message.
      void vscode.window.showInformationMessage(`Postmortem: ${title} is not available in Postmortem Kit ${version} yet; a later version adds it.`);
    });
  });
}
