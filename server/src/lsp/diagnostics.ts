// Findings as LSP diagnostics, pulled (textDocument/diagnostic) where the client can, pushed otherwise.
// Our own findings go out on the keystroke; markdownlint's follow when its run on that version finishes,
// and the Puppet reference validator's when it has checked a saved manifest.
import {
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import type { Finding, Fix, Severity } from '../finding';
import { ruleDocumentation } from '../markdown/customRules';
import { ruleCatalog } from '../postmortem/rules';
import type { MarkdownlintScheduler } from '../service/markdownlintScheduler';
import type { Guard } from './guard';
import type { AnalyzedDocument, OpenDocuments } from './openDocuments';

/** What a diagnostic carries for code actions: its fixes, valid for one document version. */
export interface DiagnosticData {
  version: number;
  fixes: Fix[];
}

/** Pause after the last keystroke before markdownlint runs. */
const markdownlintDelayMs = 300;

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const ruleDocs = new Map(ruleCatalog.map((meta) => [meta.id, ruleDocumentation(meta).href]));

function documentationHref(finding: Finding): string | undefined {
  if (finding.source === 'postmortem') return ruleDocs.get(finding.rule);
  if (finding.source === 'markdownlint') {
    const id = /^MD\d{3}/.exec(finding.rule)?.[0];
    return id && `https://github.com/DavidAnson/markdownlint/blob/v0.40.0/doc/${id.toLowerCase()}.md`;
  }
  return undefined;
}

export function toDiagnostic(uri: string, version: number, finding: Finding): Diagnostic {
  const href = documentationHref(finding);
  return {
    range: finding.range,
    severity: severities[finding.severity],
    source: finding.source,
    code: finding.rule,
    ...(href ? { codeDescription: { href } } : {}),
    message: finding.message,
    ...(finding.related?.length
      ? { relatedInformation: finding.related.map((info) => ({ location: { uri, range: info.range }, message: info.message })) }
      : {}),
    data: { version, fixes: finding.fixes } satisfies DiagnosticData,
  };
}

/** Our findings and, for a postmortem with markdownlint enabled, markdownlint's latest (fresh or carried along from an earlier version). */
export function allFindings(analyzed: AnalyzedDocument, scheduler: MarkdownlintScheduler, freshOnly = false): Finding[] {
  const own = analyzed.analysis.findings;
  if (analyzed.kind !== 'postmortem' || !analyzed.settings.analysis.markdownlint.enable) return own;
  const markdownlint = scheduler.results(analyzed.document.uri);
  if (!markdownlint || (freshOnly && !markdownlint.fresh)) return own;
  return [...own, ...markdownlint.findings];
}

export interface DiagnosticsMode {
  /** The client pulls diagnostics (LSP 3.17 textDocument/diagnostic). */
  pull: boolean;
  /** The client honours workspace/diagnostic/refresh. */
  refresh: boolean;
}

export class Diagnostics {
  /** Push mode: documents with diagnostics on the client, so they can be cleared. */
  private readonly published = new Set<string>();
  /** Push mode: documents waiting for their next publish; edits arriving together are analysed once. */
  private readonly pending = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly open: OpenDocuments,
    private readonly scheduler: MarkdownlintScheduler,
    private readonly mode: DiagnosticsMode,
    private readonly guard: Guard,
    /** The reference validator's findings for a manifest's version. */
    private readonly validated: (uri: string, version: number) => Finding[] = () => [],
  ) {
    if (mode.pull) {
      connection.languages.diagnostics.on(
        guard('Diagnostics', emptyReport(), async (params) => ({
          kind: DocumentDiagnosticReportKind.Full,
          items: (await this.diagnostics(params.textDocument.uri))?.items ?? [],
        })),
      );
    }
  }

  /**
   * The document was opened or edited: our diagnostics now, markdownlint's once the user pauses
   * (or at once with `markdownlintNow`, when nobody is typing: on open, after a configuration change).
   */
  async changed(uri: string, markdownlintNow: boolean): Promise<void> {
    if (!this.mode.pull) this.publishSoon(uri);
    // Only describe the document here: its analysis waits for the publish (push) or the client's pull.
    const state = await this.open.describe(uri);
    if (state?.kind === 'postmortem' && state.settings.analysis.markdownlint.enable) {
      this.scheduler.schedule(uri, markdownlintNow ? 0 : markdownlintDelayMs);
    }
  }

  /** Findings computed apart from the analysis (markdownlint's, the reference validator's) are ready. */
  findingsArrived(uri: string): void {
    if (!this.mode.pull) this.publishSoon(uri);
    else if (this.mode.refresh) void this.connection.languages.diagnostics.refresh().catch(() => undefined);
  }

  /**
   * What the workspace declares changed, so the Puppet checks of any open document may find something else:
   * our findings again, without a new markdownlint run (markdownlint does not read other files).
   */
  workspaceChanged(): void {
    const affected = this.open.all().filter((document) => this.open.readsPuppetWorkspace(document.uri));
    if (!this.mode.pull) for (const document of affected) this.publishSoon(document.uri);
    else if (this.mode.refresh && affected.length > 0) void this.connection.languages.diagnostics.refresh().catch(() => undefined);
  }

  /** Settings or markdownlint configuration changed: every open document is linted again. */
  async relintAll(): Promise<void> {
    await Promise.all(this.open.all().map((document) => this.changed(document.uri, true)));
    if (this.mode.pull && this.mode.refresh) await this.connection.languages.diagnostics.refresh().catch(() => undefined);
  }

  closed(uri: string): void {
    this.pending.delete(uri);
    if (this.published.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private async diagnostics(uri: string): Promise<{ version: number; items: Diagnostic[] } | undefined> {
    const analyzed = await this.open.analyzed(uri);
    if (!analyzed) return undefined;
    const { version } = analyzed.document;
    const findings = allFindings(analyzed, this.scheduler);
    const validated = analyzed.kind === 'puppet' ? this.validated(uri, version) : [];
    return { version, items: [...findings, ...validated].map((finding) => toDiagnostic(uri, version, finding)) };
  }

  private publishSoon(uri: string): void {
    if (this.pending.has(uri)) return;
    this.pending.add(uri);
    // After the edits already received are applied, so a burst of keystrokes costs one analysis.
    setImmediate(
      this.guard('Publishing diagnostics', undefined, async () => {
        if (!this.pending.delete(uri)) return;
        await this.publish(uri);
      }),
    );
  }

  private async publish(uri: string): Promise<void> {
    const result = await this.diagnostics(uri);
    // A document that is not (or no longer) ours gets nothing, after its old diagnostics are cleared.
    if (!result) {
      if (this.published.delete(uri)) await this.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    this.published.add(uri);
    await this.connection.sendDiagnostics({ uri, version: result.version, diagnostics: result.items });
  }
}

function emptyReport(): DocumentDiagnosticReport {
  return { kind: DocumentDiagnosticReportKind.Full, items: [] };
}
