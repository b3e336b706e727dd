// Keeps the server's Puppet workspace (service/puppetWorkspace.ts) current. It is loaded from the
// workspace folders after `initialized`, a slice at a time, so requests and the first diagnostics never
// wait for it. Then it follows the editor (an open manifest's unsaved text wins over the disk, once the
// user pauses) and the file watcher (manifests, Ruby types and .puppet-lint.rc files changed outside the
// editor). When that changes what other documents' checks see (a define added or removed), every open
// document's diagnostics are refreshed.
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { FileChangeType, type FileEvent } from 'vscode-languageserver/node';
import { manifestDocument } from '../service/puppetFeatures';
import { isPuppetWorkspaceFile, puppetLintRcName } from '../service/puppetWorkspace';
import { filesBelow, readTextFile } from '../service/workspaceFiles';
import type { Guard } from './guard';
import { filePath, type OpenDocuments } from './openDocuments';

/** What the client watches for us: the files the workspace index reads. */
export const puppetWorkspaceGlobs = ['**/*.pp', `**/${puppetLintRcName}`, '**/lib/puppet/type/*.rb'];

/** Pause after the last edit of a manifest before other documents see its declarations. */
const syncDelayMs = 300;
/** Longest stretch of loading before pending requests get their turn. */
const sliceMs = 8;

export class WorkspaceManifests {
  private roots: string[] = [];
  /** Open manifests edited since the workspace last took their text. */
  private readonly edited = new Set<string>();
  private timer?: ReturnType<typeof setTimeout>;

  /** `onChecksChanged`: what the workspace declares changed, so any open document's Puppet checks may change. */
  constructor(
    private readonly open: OpenDocuments,
    private readonly onChecksChanged: () => void,
    private readonly guard: Guard,
  ) {
    open.documents.onDidChangeContent(({ document }) => this.noteEdit(document.uri));
    open.documents.onDidClose(guard('Indexing manifests', undefined, ({ document }) => this.closed(document.uri)));
  }

  /** Indexes the manifests and Ruby types below the folders (paths); an open manifest keeps its editor text. */
  async addFolders(folders: readonly string[]): Promise<void> {
    this.roots.push(...folders);
    let changed = false;
    let sliceStart = performance.now();
    let openFiles = this.openFiles();
    for (const file of folders.flatMap((folder) => filesBelow(folder).filter(isPuppetWorkspaceFile))) {
      if (performance.now() - sliceStart > sliceMs) {
        await nextTurn();
        sliceStart = performance.now();
        openFiles = this.openFiles();
      }
      if (!openFiles.has(file)) changed = this.workspace.add([file]) || changed;
    }
    if (changed) this.onChecksChanged();
  }

  removeFolders(folders: readonly string[]): void {
    this.roots = this.roots.filter((root) => !folders.includes(root));
    const changed = folders.reduce((any, folder) => this.workspace.forgetBelow(folder) || any, false);
    if (changed) this.onChecksChanged();
  }

  /** didChangeWatchedFiles: files changed on disk. Open manifests are left to the editor. */
  watched(changes: readonly FileEvent[]): void {
    let changed = false;
    for (const { uri, type } of changes) {
      const file = filePath(uri);
      if (file === undefined) continue;
      if (path.basename(file) === puppetLintRcName) {
        this.workspace.lintRcChanged();
        changed = true;
      } else if (isPuppetWorkspaceFile(file) && this.inWorkspace(file) && !this.open.get(uri)) {
        changed = (type === FileChangeType.Deleted ? this.workspace.update(file, undefined) : this.workspace.add([file])) || changed;
      }
    }
    if (changed) this.onChecksChanged();
  }

  private get workspace() {
    return this.open.puppet;
  }

  private noteEdit(uri: string): void {
    const file = filePath(uri);
    if (file === undefined || !file.endsWith('.pp') || !this.inWorkspace(file)) return;
    this.edited.add(uri);
    clearTimeout(this.timer);
    this.timer = setTimeout(this.guard('Indexing manifests', undefined, () => this.takeEdits()), syncDelayMs);
  }

  /**
   * The edited manifests' current text, as their analysis parsed it: no second parse. A manifest with a
   * syntax error keeps what it declared before: half-typed code would make other documents' findings
   * come and go while the user types.
   */
  private async takeEdits(): Promise<void> {
    const uris = [...this.edited];
    this.edited.clear();
    let changed = false;
    for (const uri of uris) {
      const analyzed = await this.open.analyzed(uri);
      const file = filePath(uri);
      if (analyzed?.kind !== 'puppet' || file === undefined || analyzed.analysis.parsed.errors.length > 0) continue;
      changed = this.workspace.update(file, manifestDocument(analyzed)) || changed;
    }
    if (changed) this.onChecksChanged();
  }

  /** A closed manifest's unsaved changes are gone: the workspace reads the file again. */
  private closed(uri: string): void {
    this.edited.delete(uri);
    const file = filePath(uri);
    if (file === undefined || !file.endsWith('.pp') || !this.inWorkspace(file)) return;
    if (this.workspace.update(file, readTextFile(file))) this.onChecksChanged();
  }

  private inWorkspace(file: string): boolean {
    return this.roots.some((root) => file.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
  }

  private openFiles(): Set<string> {
    return new Set(this.open.all().flatMap((document) => filePath(document.uri) ?? []));
  }
}
