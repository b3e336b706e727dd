// Runs the opt-in reference validator (`postmortem.puppet.referenceValidator`) when a manifest is saved,
// in a trusted workspace only. Its finding holds for the saved version: the next edit drops it, and the
// next save runs Puppet again.
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver/node';
import type { Finding } from '../finding';
import { validateWithPuppet } from '../service/puppetParserValidate';
import type { Guard } from './guard';
import { filePath, type OpenDocuments } from './openDocuments';

/** One run on a saved version: its findings, once Puppet answered. */
interface Run {
  version: number;
  findings: Finding[];
}

export class ReferenceValidator {
  /** The latest run by document. */
  private readonly runs = new Map<string, Run>();
  /** Executables already reported as missing: one warning each, not one per save. */
  private readonly reported = new Set<string>();

  /**
   * `trusted`: the workspace trust the client reported. `onFindings` is told when a document's findings
   * arrive.
   */
  constructor(
    private readonly connection: Connection,
    private readonly open: OpenDocuments,
    private readonly trusted: boolean,
    private readonly onFindings: (uri: string) => void,
    guard: Guard,
  ) {
    open.documents.onDidSave(guard('Reference validator', undefined, ({ document }) => this.saved(document.uri)));
    open.documents.onDidClose(({ document }) => this.runs.delete(document.uri));
  }

  /** The findings of the document's version, when Puppet validated exactly that version. */
  findings(uri: string, version: number): Finding[] {
    const run = this.runs.get(uri);
    return run?.version === version ? run.findings : [];
  }

  private async saved(uri: string): Promise<void> {
    if (!this.trusted) return;
    const analyzed = await this.open.analyzed(uri);
    const file = filePath(uri);
    const executable = analyzed?.settings.referenceValidator;
    if (analyzed?.kind !== 'puppet' || !executable || file === undefined) return;
    const { version } = analyzed.document;
    const run: Run = { version, findings: [] };
    this.runs.set(uri, run);
    const outcome = await validateWithPuppet(executable, file, analyzed.analysis.source);
    // A later save started its own run: this one's answer is for text that is gone.
    if (this.runs.get(uri) !== run) return;
    switch (outcome.kind) {
      case 'validated':
        run.findings = outcome.findings;
        this.onFindings(uri);
        return;
      case 'missing':
        if (this.reported.has(executable)) return;
        this.reported.add(executable);
        // A notification, not a request: nothing waits for the user to dismiss it.
        void this.connection.sendNotification(ShowMessageNotification.type, {
          type: MessageType.Warning,
          message:
            `Postmortem Kit could not run the Puppet reference validator "${executable}" (${outcome.reason}). ` +
            'Set postmortem.puppet.referenceValidator to the path of a puppet executable, or clear it.',
        });
        return;
      case 'failed':
        this.connection.console.warn(`puppet parser validate on ${file}: ${outcome.reason}`);
        return;
    }
  }
}
