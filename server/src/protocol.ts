// The contract between the VS Code client and the language server: command ids and custom requests.
// Imported by both sides, so it holds only plain data and types: no vscode, and no jsonrpc runtime (the client
// and the server bundle different versions of it, whose RequestType classes do not mix).
import type { TextEdit } from './finding';
import type { PostmortemModel } from './postmortem/model';

/** Command ids contributed by the extension (package.json `contributes.commands`). */
export const Commands = {
  generateFixManifest: 'postmortem.generateFixManifest',
  openPreview: 'postmortem.openPreview',
  openPreviewToSide: 'postmortem.openPreviewToSide',
  fixAll: 'postmortem.fixAll',
  lintWorkspace: 'postmortem.lintWorkspace',
  restartServer: 'postmortem.restartServer',
  showOutput: 'postmortem.showOutput',
  newPostmortem: 'postmortem.newPostmortem',
} as const;

/** The code action kind of "fix all postmortem problems", offered on save and in the Source Action menu. */
export const fixAllCodeActionKind = 'source.fixAll.postmortem';

/** The client's configuration section; the server reads it through workspace/configuration. */
export const configurationSection = 'postmortem';

/** What the client tells the server at start-up (`initializationOptions`). */
export interface InitializationOptions {
  /**
   * VS Code's workspace trust. False: the server runs no external program (the Puppet reference validator).
   * Clients without a notion of trust leave it out: their users' settings are trusted.
   */
  isTrusted?: boolean;
}

/** A custom request: its method name, with its parameter and result types attached for both sides. */
export interface CustomRequest<P, R> {
  readonly method: string;
  /** Never set: carries the types. */
  readonly signature?: (params: P) => R;
}

export interface DocumentParams {
  uri: string;
}

export interface ModelResult {
  /** The document version the model was built from. */
  version: number;
  model: PostmortemModel;
}

/** The postmortem model of an open document, for the preview. Null when the document is not a postmortem. */
export const ModelRequest: CustomRequest<DocumentParams, ModelResult | null> = { method: 'postmortem/model' };

export interface FixAllResult {
  /** The document version the edits apply to. */
  version: number;
  edits: TextEdit[];
}

/** All preferred, non-overlapping fixes of an open document, as one list of edits. Null when the document is not ours. */
export const FixAllRequest: CustomRequest<DocumentParams, FixAllResult | null> = { method: 'postmortem/fixAll' };

export interface ScopeParams {
  /** The folder or file whose `postmortem.*` settings apply. */
  scopeUri: string;
}

export interface ProfileChoice {
  name: string;
  description: string;
}

export interface ProfilesResult {
  profiles: ProfileChoice[];
  /** The profile `postmortem.profile` selects for the scope. */
  configured: string;
}

/** The template profiles a new postmortem can start from: the built-in ones, and the custom one when configured. */
export const ProfilesRequest: CustomRequest<ScopeParams, ProfilesResult> = { method: 'postmortem/profiles' };

export interface SkeletonParams extends ScopeParams {
  profile: string;
  title: string;
}

/** The text of a new postmortem: its title and every section of the profile, each with a prompt. */
export const SkeletonRequest: CustomRequest<SkeletonParams, { text: string }> = { method: 'postmortem/skeleton' };

export interface PostmortemInfo {
  /** The name of the profile the document is checked against. */
  profile: string;
}

/** The profile of an open postmortem, for the status bar and the `postmortem.isPostmortem` context key. Null: not a postmortem. */
export const PostmortemInfoRequest: CustomRequest<DocumentParams, PostmortemInfo | null> = { method: 'postmortem/info' };

export interface LintWorkspaceParams {
  /** The files to lint (URIs); absent: every file below the workspace folders on disk. */
  files?: string[];
  /** LSP work-done progress: the server reports how far it got under this token. */
  workDoneToken?: string;
}

export interface LintWorkspaceResult {
  /** Postmortems and manifests linted. */
  files: number;
  problems: number;
  /** The run was cancelled before the last file. */
  cancelled: boolean;
}

/**
 * Lints postmortems and manifests, open or not. Files that are not open get their diagnostics published
 * (push), so the Problems panel lists them; open ones already have theirs.
 */
export const LintWorkspaceRequest: CustomRequest<LintWorkspaceParams, LintWorkspaceResult> = { method: 'postmortem/lintWorkspace' };
