// One analysis per document version: hover, completion, symbols, code actions and diagnostics of the same
// version all share it, and a keystroke costs exactly one analysis.
import type { AnalysisSettings } from '../settings';
import { analyzePostmortem, analyzePuppetFile, type PostmortemAnalysis, type PuppetContext, type PuppetFileAnalysis } from './analyze';

/** A document's analysis, by what the document is. */
export type DocumentAnalysis = { kind: 'postmortem'; analysis: PostmortemAnalysis } | { kind: 'puppet'; analysis: PuppetFileAnalysis };

interface Entry {
  version: number;
  settings: AnalysisSettings;
  context: PuppetContext;
  result: DocumentAnalysis;
}

export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();

  /** `puppet` gives the Puppet context of a document's file (undefined: an untitled document). */
  constructor(private readonly puppet: (file: string | undefined) => PuppetContext = () => ({})) {}

  /**
   * `settings` and the Puppet context are compared by identity: a configuration change hands out a new
   * settings object, and a workspace change that matters to the checks a new context.
   */
  get(kind: DocumentAnalysis['kind'], uri: string, file: string | undefined, version: number, text: string, settings: AnalysisSettings): DocumentAnalysis {
    const context = this.puppet(file);
    const cached = this.entries.get(uri);
    if (cached && cached.result.kind === kind && cached.version === version && cached.settings === settings && cached.context === context) {
      return cached.result;
    }
    const result: DocumentAnalysis =
      kind === 'postmortem'
        ? { kind, analysis: analyzePostmortem(text, settings, context) }
        : { kind, analysis: analyzePuppetFile(text, settings, context) };
    this.entries.set(uri, { version, settings, context, result });
    return result;
  }

  /** The latest analysis of the document, whatever its version; none when it was never analysed. */
  latest(uri: string): DocumentAnalysis | undefined {
    return this.entries.get(uri)?.result;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
