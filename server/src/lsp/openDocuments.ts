// The documents the client has open, and for each one whether it is ours and its analysis at its current version.
import { fileURLToPath } from 'node:url';
import { TextDocuments, type TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from '../service/analysisCache';
import type { PostmortemAnalysis, PuppetFileAnalysis } from '../service/analyze';
import type { ContentChange } from '../service/carryFindings';
import { documentKind, type DocumentKind } from '../service/documents';
import type { PuppetWorkspace } from '../service/puppetWorkspace';
import type { ServerSettings, SettingsStore } from './configuration';

export interface DocumentState {
  document: TextDocument;
  settings: ServerSettings;
  /** Undefined for documents that get nothing from us. */
  kind: DocumentKind | undefined;
}

export interface PostmortemDocument {
  kind: 'postmortem';
  document: TextDocument;
  settings: ServerSettings;
  analysis: PostmortemAnalysis;
}

/** A Puppet manifest (.pp file). */
export interface ManifestDocument {
  kind: 'puppet';
  document: TextDocument;
  settings: ServerSettings;
  analysis: PuppetFileAnalysis;
}

export type AnalyzedDocument = PostmortemDocument | ManifestDocument;

/** Called before the document takes the new version; `changes` is undefined when the client sent the full text. */
export type ChangeListener = (uri: string, version: number, changes: ContentChange[] | undefined) => void;

export class OpenDocuments {
  readonly documents: TextDocuments<TextDocument>;
  private readonly analyses: AnalysisCache;
  private readonly kinds = new Map<string, { version: number; settings: ServerSettings; kind: DocumentKind | undefined }>();
  private roots: string[] = [];

  /** `puppet` is the workspace's manifests, Ruby types and lint configuration: the context of Puppet code. */
  constructor(
    private readonly settings: SettingsStore,
    onChange: ChangeListener,
    readonly puppet: PuppetWorkspace,
  ) {
    this.analyses = new AnalysisCache((file) => puppet.contextFor(file));
    this.documents = new TextDocuments({
      create: TextDocument.create,
      update: (document, changes, version) => {
        onChange(document.uri, version, incremental(changes));
        return TextDocument.update(document, changes, version);
      },
    });
  }

  /** Workspace folders as file paths: relative `postmortem.files` globs and markdownlint configuration start there. */
  setWorkspaceFolders(uris: readonly string[]): void {
    this.roots = uris.map(filePath).filter((p): p is string => p !== undefined);
  }

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  all(): TextDocument[] {
    return this.documents.all();
  }

  /**
   * The document at its current version with its settings, and whether it is ours; no analysis yet.
   * A manifest is ours unless `postmortem.puppet.validateFiles` is off: then another extension serves it.
   */
  async describe(uri: string): Promise<DocumentState | undefined> {
    if (!this.documents.get(uri)) return undefined;
    const settings = await this.settings.get(uri);
    // The document may have moved on while the settings arrived: always describe its newest text.
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const known = this.kinds.get(uri);
    if (known && known.version === document.version && known.settings === settings) return { document, settings, kind: known.kind };
    const found = documentKind(filePath(uri), document.languageId, document.getText(), settings.files, this.roots);
    const kind = found === 'puppet' && !settings.validatePuppetFiles ? undefined : found;
    this.kinds.set(uri, { version: document.version, settings, kind });
    return { document, settings, kind };
  }

  /** The document's analysis at its current version, or undefined when the document is not ours. */
  async analyzed(uri: string): Promise<AnalyzedDocument | undefined> {
    const state = await this.describe(uri);
    if (!state?.kind) return undefined;
    const { document, settings } = state;
    return { ...this.analyses.get(state.kind, uri, filePath(uri), document.version, document.getText(), settings.analysis), document, settings };
  }

  /** The document's analysis at its current version, or undefined when it is not an open postmortem. */
  async postmortem(uri: string): Promise<PostmortemDocument | undefined> {
    const analyzed = await this.analyzed(uri);
    return analyzed?.kind === 'postmortem' ? analyzed : undefined;
  }

  /**
   * True when the document's findings depend on the Puppet workspace: a manifest, or a postmortem with
   * Puppet fences, analysed before. One never analysed gets its findings from the current workspace anyway.
   */
  readsPuppetWorkspace(uri: string): boolean {
    const latest = this.analyses.latest(uri);
    return latest !== undefined && (latest.kind === 'puppet' || latest.analysis.puppet.length > 0);
  }

  forget(uri: string): void {
    this.analyses.delete(uri);
    this.kinds.delete(uri);
    this.settings.forget(uri);
  }
}

export function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function incremental(changes: readonly TextDocumentContentChangeEvent[]): ContentChange[] | undefined {
  const ranged: ContentChange[] = [];
  for (const change of changes) {
    if (!('range' in change) || !change.range) return undefined;
    ranged.push({ range: change.range, text: change.text });
  }
  return ranged;
}
