// The postmortem rules: their catalog (ids, names, default severities) and the one entry that runs them.
import { comparePositions, type Finding, type Severity } from '../../finding';
import type { RuleSeverities } from '../../settings';
import type { SourceText } from '../../sourceText';
import type { PostmortemModel } from '../model';
import type { Profile } from '../profile';
import { contentRules } from './content';
import { fixesAroundHtml } from './edits';
import { durationRules } from './duration';
import { fenceRules } from './fences';
import { impactRules } from './impact';
import type { Rule, RuleContext, RuleMeta } from './rule';
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

/**
 * The severity of each rule, in `rules` order, worked out once per severities object: a document is linted on
 * every edit, its settings change rarely, and a settings change brings a new object (none is changed in place).
 */
const severityTables = new WeakMap<RuleSeverities, ReadonlyArray<Severity | 'off'>>();

function severityTable(severities: RuleSeverities): ReadonlyArray<Severity | 'off'> {
  let table = severityTables.get(severities);
  if (!table) {
    table = rules.map((rule) => configuredSeverity(rule.meta, severities));
    severityTables.set(severities, table);
  }
  return table;
}

/** By position, then by rule id (ids are 'PM' and three digits: code unit order is their order). */
function byPosition(a: Finding, b: Finding): number {
  return comparePositions(a.range.start, b.range.start) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

export function lintPostmortem(model: PostmortemModel, source: SourceText, profile: Profile, severities: RuleSeverities): Finding[] {
  const table = severityTable(severities);
  const findings: Finding[] = [];
  // One context for all rules; `report` reads the rule running now. Rules run one after another, synchronously.
  let id = '';
  let severity: Severity = 'warning';
  const context: RuleContext = {
    model,
    source,
    profile,
    report: ({ range, message, fixes = [], related, maxSeverity }) => {
      const capped = maxSeverity && severityRank[maxSeverity] > severityRank[severity] ? maxSeverity : severity;
      // One guard for every rule: a fix that edits inside an HTML block would break the document's structure.
      const finding: Finding = { range, severity: capped, source: 'postmortem', rule: id, message, fixes: fixesAroundHtml(model, source, fixes) };
      if (related) finding.related = related;
      findings.push(finding);
    },
  };
  for (let i = 0; i < rules.length; i++) {
    const configured = table[i];
    if (configured === 'off') continue;
    id = rules[i].meta.id;
    severity = configured;
    rules[i].check(context);
  }
  return findings.sort(byPosition);
}
