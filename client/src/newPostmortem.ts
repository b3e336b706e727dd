// Postmortem: New Postmortem: a dated file in `postmortems/`, from a template profile's skeleton. The
// profiles and the skeleton come from the server, which owns them. Automation (tests, other extensions)
// passes `{ profile, title, folder? }` and skips the prompts.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { configurationSection, ProfilesRequest, SkeletonRequest } from '../../server/src/protocol';
import { send } from './customRequest';

export interface NewPostmortemOptions {
  profile?: string;
  title?: string;
  /** The folder that gets (or has) the `postmortems/` folder; by default a workspace folder. */
  folder?: vscode.Uri | string;
}

/** Where new postmortems go, below the folder: one of the default `postmortem.files` globs. */
const postmortemsFolder = 'postmortems';

/** Creates the postmortem and opens it; resolves to its URI, or undefined when the user cancelled. */
export async function newPostmortem(client: LanguageClient, options: NewPostmortemOptions = {}): Promise<vscode.Uri | undefined> {
  const folder = await targetFolder(options.folder);
  if (!folder) return undefined;
  const scopeUri = client.code2ProtocolConverter.asUri(folder);
  const profile = options.profile ?? (await pickProfile(client, folder, scopeUri));
  if (profile === undefined) return undefined;
  const title = options.title ?? (await askTitle());
  if (title === undefined) return undefined;

  const { text } = await send(client, SkeletonRequest, { scopeUri, profile, title });
  if (!text) throw new Error(`The language server could not render the "${profile}" profile; see Postmortem: Show Output.`);
  const uri = await freeFileName(vscode.Uri.joinPath(folder, postmortemsFolder), `${localDate(new Date())}-${slug(title)}`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  await vscode.window.showTextDocument(uri);
  return uri;
}

async function targetFolder(folder: vscode.Uri | string | undefined): Promise<vscode.Uri | undefined> {
  if (folder !== undefined) return typeof folder === 'string' ? vscode.Uri.file(folder) : folder;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showErrorMessage('New Postmortem needs a folder: open one first.');
    return undefined;
  }
  if (folders.length === 1) return folders[0].uri;
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Workspace folder for the new postmortem' }))?.uri;
}

async function pickProfile(client: LanguageClient, folder: vscode.Uri, scopeUri: string): Promise<string | undefined> {
  const { profiles, configured } = await send(client, ProfilesRequest, { scopeUri });
  // The configured profile first: the linter checks new postmortems against it.
  const items = profiles
    .map((profile) => ({ label: profile.name, detail: profile.description, description: profile.name === configured ? 'postmortem.profile' : undefined }))
    .sort((a, b) => Number(b.label === configured) - Number(a.label === configured));
  const picked = await vscode.window.showQuickPick(items, { title: 'New Postmortem (1/2)', placeHolder: 'Template profile', matchOnDetail: true });
  if (picked && picked.label !== configured) void offerProfileSetting(folder, configured, picked.label);
  return picked?.label;
}

/** The linter checks a folder's postmortems against one profile: a postmortem from another one would be all warnings. */
async function offerProfileSetting(folder: vscode.Uri, configured: string, picked: string): Promise<void> {
  const use = `Use "${picked}" in this folder`;
  const answer = await vscode.window.showWarningMessage(`Postmortems here are checked against the "${configured}" profile (postmortem.profile), not "${picked}".`, use);
  if (answer !== use) return;
  const target = vscode.workspace.getWorkspaceFolder(folder) ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace;
  await vscode.workspace.getConfiguration(configurationSection, folder).update('profile', picked, target);
}

function askTitle(): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: 'New Postmortem (2/2)',
    prompt: 'What happened, in a few words',
    placeHolder: 'Checkout API outage',
    validateInput: (value) => (value.trim() === '' ? 'The postmortem needs a title.' : undefined),
  });
}

/** The title as a file name: lower case, letters and digits joined by dashes, accents dropped. */
function slug(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu);
  return words?.join('-').slice(0, 60).replace(/-+$/, '') || 'postmortem';
}

/** YYYY-MM-DD in the user's time zone: the day they write it. */
function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** `name.md` in the folder, or `name-2.md`, `name-3.md`... : an existing file is never overwritten. */
async function freeFileName(folder: vscode.Uri, name: string): Promise<vscode.Uri> {
  for (let n = 1; ; n++) {
    const uri = vscode.Uri.joinPath(folder, `${name}${n === 1 ? '' : `-${n}`}.md`);
    if (!(await exists(uri))) return uri;
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return false;
    throw error;
  }
}
