// The language service entry: one call turns a document's text into its model and findings.
// Callers (LSP handlers, CLI) never parse text themselves.
import { comparePositions, type Finding } from '../finding';
import { SourceText } from '../sourceText';
import type { AnalysisSettings } from '../settings';
import type { PostmortemModel } from '../postmortem/model';
import type { Profile } from '../postmortem/profile';
import { buildModel } from '../postmortem/parse';
import { resolveProfile } from '../postmortem/profiles';
import { lintPostmortem } from '../postmortem/rules';
import { embeddedPuppet } from '../markdown/embeddedPuppet';
import { analyzePuppetFences, type PuppetBlock, type PuppetContext } from './puppetAnalysis';

/** A Puppet manifest (.pp file). */
export { analyzePuppetFile, type PuppetContext, type PuppetFileAnalysis } from './puppetAnalysis';

export interface PostmortemAnalysis {
  source: SourceText;
  profile: Profile;
  model: PostmortemModel;
  /** The ```puppet fences, parsed, with their position maps: for hover, completion and the like inside them. */
  puppet: PuppetBlock[];
  /** Our own findings: postmortem rules and the puppet fences'. markdownlint runs separately: it is slow. */
  findings: Finding[];
}

/** `puppet` is what the workspace knows (declarations, Ruby types, .puppet-lint.rc); none by default. */
export function analyzePostmortem(text: string, settings: AnalysisSettings, puppet: PuppetContext = {}): PostmortemAnalysis {
  const source = new SourceText(text);
  const profile = resolveProfile(settings);
  const model = buildModel(source, profile);
  const fences = analyzePuppetFences(embeddedPuppet(model, source), settings, puppet);
  const findings = lintPostmortem(model, source, profile, settings.rules);
  if (fences.findings.length > 0) {
    findings.push(...fences.findings);
    findings.sort((a, b) => comparePositions(a.range.start, b.range.start) || a.rule.localeCompare(b.rule));
  }
  return { source, profile, model, puppet: fences.blocks, findings };
}
