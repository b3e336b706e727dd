import type { Severity } from './finding';
import type { CustomProfileConfig } from './postmortem/profile';

/** Severity per rule id or name; 'off' disables the rule. */
export type RuleSeverities = Record<string, Severity | 'off'>;

/** User settings as the analysis sees them, whatever their origin (VS Code settings or a CLI --config file). */
export interface AnalysisSettings {
  /** Profile name: 'classic' (default), 'google-sre', 'pagerduty', 'atlassian', or 'custom'. */
  profile: string;
  customProfile?: CustomProfileConfig;
  rules: RuleSeverities;
  markdownlint: { enable: boolean };
  puppet: { style: { enable: boolean } };
}

export const defaultSettings: AnalysisSettings = {
  profile: 'classic',
  rules: {},
  markdownlint: { enable: true },
  puppet: { style: { enable: true } },
};
