// The language service entry: one call turns a document's text into its model and findings.
// Callers (LSP handlers, CLI) never parse text themselves.
import type { Finding } from '../finding';
import { SourceText } from '../sourceText';
import type { AnalysisSettings } from '../settings';
import type { PostmortemModel } from '../postmortem/model';
import type { Profile } from '../postmortem/profile';
import { buildModel } from '../postmortem/parse';
import { resolveProfile } from '../postmortem/profiles';
import { lintPostmortem } from '../postmortem/rules';

export interface PostmortemAnalysis {
  source: SourceText;
  profile: Profile;
  model: PostmortemModel;
  /** Our own findings (postmortem rules, and puppet fences once that lands). markdownlint runs separately: it is slow. */
  findings: Finding[];
}

export function analyzePostmortem(text: string, settings: AnalysisSettings): PostmortemAnalysis {
  const source = new SourceText(text);
  const profile = resolveProfile(settings);
  const model = buildModel(text, profile);
  const findings = lintPostmortem(model, source, profile, settings.rules);
  return { source, profile, model, findings };
}
