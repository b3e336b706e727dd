// The postmortem rules: their catalog (ids, names, default severities) and the one entry that runs them.
import { comparePositions, type Finding, type Severity } from '../../finding';
import type { RuleSeverities } from '../../settings';
import type { SourceText } from '../../sourceText';
import type { PostmortemModel } from '../model';
import type { Profile } from '../profile';
import { contentRules } from './content';
import { durationRules } from './duration';
import { fenceRules } from './fences';
import { impactRules } from './impact';
import type { Rule, RuleMeta } from './rule';
import { sectionRules } from './sections';
import { timelineRules } from './timeline';

export type { RuleMeta } from './rule';

const rules: Rule[] = [...sectionRules, ...timelineRules, ...durationRules, ...impactRules, ...contentRules, ...fenceRules];

export const ruleCatalog: RuleMeta[] = rules.map((rule) => rule.meta);

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** The configured severity: keyed by id ('PM001') or name ('missing-section'), either in any case. */
function configuredSeverity(meta: RuleMeta, severities: RuleSeverities): Severity | 'off' {
  for (const [key, value] of Object.entries(severities)) {
    const k = key.toLowerCase();
    if (k === meta.id.toLowerCase() || k === meta.name) return value;
  }
  return meta.defaultSeverity;
}

export function lintPostmortem(model: PostmortemModel, source: SourceText, profile: Profile, severities: RuleSeverities): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const severity = configuredSeverity(rule.meta, severities);
    if (severity === 'off') continue;
    rule.check({
      model,
      source,
      profile,
      report: ({ range, message, fixes = [], related, maxSeverity }) => {
        const capped = maxSeverity && severityRank[maxSeverity] > severityRank[severity] ? maxSeverity : severity;
        findings.push({ range, severity: capped, source: 'postmortem', rule: rule.meta.id, message, fixes, ...(related ? { related } : {}) });
      },
    });
  }
  return findings.sort((a, b) => comparePositions(a.range.start, b.range.start) || a.rule.localeCompare(b.rule));
}
