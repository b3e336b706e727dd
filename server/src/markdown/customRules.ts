// Our postmortem rules as markdownlint custom rules, for people who lint with markdownlint-cli2 (or any
// markdownlint host) rather than the extension or pmkit. Each rule reuses the model and findings of the
// language service; nothing here re-implements a rule.
import type { MarkdownItToken, Rule as MarkdownlintRule, RuleOnErrorFixInfo, RuleOnErrorInfo, RuleParams } from 'markdownlint';
import type { Token } from 'markdown-it';
import type { Finding } from '../finding';
import { buildModel } from '../postmortem/parse';
import { resolveProfile } from '../postmortem/profiles';
import { lintPostmortem, ruleCatalog, type RuleMeta } from '../postmortem/rules';
import { defaultSettings } from '../settings';
import { SourceText } from '../sourceText';

/** The project's home; rule documentation links (and SARIF's helpUri) point into its docs/. */
export const projectUrl = 'https://github.com/postmortem-kit/postmortem-kit';
const rulesDocumentationUrl = `${projectUrl}/blob/main/docs/rules.md`;

export function ruleDocumentation(meta: RuleMeta): URL {
  return new URL(`${rulesDocumentationUrl}#${meta.id.toLowerCase()}-${meta.name}`);
}

/**
 * markdownlint calls every rule with the same frozen token array for one document, so the model is built
 * and our rules run once per document (and profile), not once per rule.
 */
const findingsByTokens = new WeakMap<readonly MarkdownItToken[], Map<string, Finding[]>>();

function findingsFor(params: RuleParams, profileName: string): Finding[] {
  const tokens = params.parsers.markdownit.tokens;
  let byProfile = findingsByTokens.get(tokens);
  if (!byProfile) {
    byProfile = new Map();
    findingsByTokens.set(tokens, byProfile);
  }
  let findings = byProfile.get(profileName);
  if (!findings) {
    // markdownlint hands rules the lines after front matter; token line numbers count from there too.
    const text = params.lines.join('\n');
    const profile = resolveProfile({ ...defaultSettings, profile: profileName });
    // markdownlint's token type is markdown-it's Token plus line annotations; the objects are markdown-it's own.
    const model = buildModel(text, profile, tokens as unknown as Token[]);
    findings = lintPostmortem(model, new SourceText(text), profile, {});
    byProfile.set(profileName, findings);
  }
  return findings;
}

/**
 * The profile comes from the rule's markdownlint config, usually set for all rules through their tag:
 * `"postmortem": { "profile": "google-sre" }`. A custom profile needs the extension or pmkit.
 */
function profileOf(params: RuleParams): string {
  const config: unknown = params.config;
  if (typeof config === 'object' && config !== null && typeof (config as { profile?: unknown }).profile === 'string') {
    return (config as { profile: string }).profile;
  }
  return defaultSettings.profile;
}

/** markdownlint takes a fix only as one edit within one line (its text may hold line breaks). */
function singleLineFix(finding: Finding): RuleOnErrorFixInfo | undefined {
  const fix = finding.fixes.find((f) => f.preferred) ?? finding.fixes[0];
  if (!fix || fix.edits.length !== 1) return undefined;
  const { range, newText } = fix.edits[0];
  if (range.start.line !== range.end.line) return undefined;
  return {
    lineNumber: range.start.line + 1,
    editColumn: range.start.character + 1,
    deleteCount: range.end.character - range.start.character,
    insertText: newText,
  };
}

function errorInfo(finding: Finding, lines: readonly string[]): RuleOnErrorInfo {
  const { start, end } = finding.range;
  const width = (lines[start.line] ?? '').length;
  const to = end.line === start.line ? Math.min(end.character, width) : width;
  const info: RuleOnErrorInfo = { lineNumber: start.line + 1, detail: finding.message };
  if (to > start.character) info.range = [start.character + 1, to - start.character];
  const fixInfo = singleLineFix(finding);
  if (fixInfo) info.fixInfo = fixInfo;
  return info;
}

function customRule(meta: RuleMeta): MarkdownlintRule {
  return {
    names: [meta.id, meta.name],
    description: meta.description,
    information: ruleDocumentation(meta),
    tags: ['postmortem'],
    parser: 'markdownit',
    function(params, onError) {
      for (const finding of findingsFor(params, profileOf(params))) {
        if (finding.rule === meta.id) onError(errorInfo(finding, params.lines));
      }
    },
  };
}

/** One markdownlint rule per postmortem rule: `PM001`/`missing-section`, ... tagged `postmortem`. */
export const customRules: MarkdownlintRule[] = ruleCatalog.map(customRule);
