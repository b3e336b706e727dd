// What a postmortem rule is, and what it sees while it runs.
import type { Fix, Range, RelatedInfo, Severity } from '../../finding';
import type { SourceText } from '../../sourceText';
import type { PostmortemModel } from '../model';
import type { Profile } from '../profile';

export interface RuleMeta {
  /** Stable id, e.g. 'PM001'. */
  id: string;
  /** Kebab-case name, e.g. 'missing-section'. */
  name: string;
  /** One line, shown in docs and completion of the `rules` setting. */
  description: string;
  defaultSeverity: Severity;
  fixable: boolean;
}

export interface Report {
  range: Range;
  message: string;
  fixes?: Fix[];
  related?: RelatedInfo[];
  /** Caps the configured severity, for a milder case of the same rule (e.g. a trigger listed before the outage). */
  maxSeverity?: Severity;
}

export interface RuleContext {
  readonly model: PostmortemModel;
  readonly source: SourceText;
  readonly profile: Profile;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}
