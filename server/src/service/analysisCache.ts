// One analysis per document version: hover, completion, symbols, code actions and diagnostics of the same
// version all share it, and a keystroke costs exactly one analysis.
import type { AnalysisSettings } from '../settings';
import { analyzePostmortem, type PostmortemAnalysis } from './analyze';

interface Entry {
  version: number;
  settings: AnalysisSettings;
  analysis: PostmortemAnalysis;
}

export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();

  /** `settings` is compared by identity: a configuration change hands out a new object. */
  get(uri: string, version: number, text: string, settings: AnalysisSettings): PostmortemAnalysis {
    const cached = this.entries.get(uri);
    if (cached && cached.version === version && cached.settings === settings) return cached.analysis;
    const analysis = analyzePostmortem(text, settings);
    this.entries.set(uri, { version, settings, analysis });
    return analysis;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
