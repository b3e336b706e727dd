// What a lint run hands to the output formatters: findings per file, and what each rule is.
import type { Finding, Severity } from '../finding';
import { projectUrl, ruleDocumentation } from '../markdown/customRules';
import { markdownlintRuleInfo } from '../markdown/markdownlint';
import { ruleCatalog } from '../postmortem/rules';
import { puppetCheckCatalog } from '../puppet/checker';
import { styleCheckCatalog } from '../puppet/style';

export interface FileReport {
  /** As shown to the user: relative to the working directory, forward slashes. */
  file: string;
  findings: Finding[];
}

export interface LintReport {
  files: FileReport[];
  /** The tool version, for formats that record it (SARIF). */
  version: string;
}

/** The three levels output formats know; a 'hint' is printed as 'info'. */
export type OutputSeverity = 'error' | 'warning' | 'info';

export function outputSeverity(severity: Severity): OutputSeverity {
  return severity === 'hint' ? 'info' : severity;
}

export interface RuleDescriptor {
  /** Stable id: 'PM001', 'MD013', or the puppet code or check name ('SYNTAX_ERROR', 'arrow_alignment'). */
  id: string;
  /** Kebab-case name: 'missing-section', 'line-length'. */
  name: string;
  description: string;
  helpUri?: string;
  defaultSeverity: OutputSeverity;
}

const postmortemRules = new Map(ruleCatalog.map((meta) => [meta.id, meta]));

const puppetDocumentation = `${projectUrl}/blob/main/docs/rules.md`;

/** Puppet checks by code and style checks by name; syntax errors and control-comment problems are described by their message. */
const puppetRules = new Map<string, { description: string; defaultSeverity: OutputSeverity; helpUri: string }>([
  ...puppetCheckCatalog.map((c) => [c.code, { description: c.description, defaultSeverity: outputSeverity(c.severity), helpUri: `${puppetDocumentation}#puppet-checks` }] as const),
  ...styleCheckCatalog.map((c) => [c.name, { description: c.description, defaultSeverity: 'warning', helpUri: `${puppetDocumentation}#puppet-style-checks` }] as const),
]);

/**
 * The rule behind a finding. Postmortem findings carry the id ('PM001') and the catalog has the rest;
 * markdownlint and puppet findings carry 'ID/name' ('MD001/heading-increment').
 */
export function describeRule(finding: Finding): RuleDescriptor {
  const meta = finding.source === 'postmortem' ? postmortemRules.get(finding.rule) : undefined;
  if (meta) {
    return {
      id: meta.id,
      name: meta.name,
      description: meta.description,
      helpUri: ruleDocumentation(meta).href,
      defaultSeverity: outputSeverity(meta.defaultSeverity),
    };
  }
  if (finding.source === 'puppet') {
    const known = puppetRules.get(finding.rule);
    return {
      id: finding.rule,
      name: finding.rule,
      description: known?.description ?? finding.message,
      helpUri: known?.helpUri ?? `${puppetDocumentation}#puppet`,
      defaultSeverity: known?.defaultSeverity ?? outputSeverity(finding.severity),
    };
  }
  const [id, name = id] = finding.rule.split('/');
  const info = finding.source === 'markdownlint' ? markdownlintRuleInfo(finding.rule) : undefined;
  return {
    id,
    name,
    description: info?.description ?? finding.message,
    helpUri: info?.information,
    // markdownlint results are always reported as warnings (see markdown/markdownlint.ts).
    defaultSeverity: finding.source === 'markdownlint' ? 'warning' : outputSeverity(finding.severity),
  };
}

/** 'PM001/missing-section', 'MD001/heading-increment': the form every output format prints. */
export function ruleLabel(finding: Finding): string {
  const rule = describeRule(finding);
  return rule.name === rule.id ? rule.id : `${rule.id}/${rule.name}`;
}

/** True when a finding has a fix that `--fix` applies. */
export function fixable(finding: Finding): boolean {
  return finding.fixes.some((fix) => fix.preferred && fix.edits.length > 0);
}

export interface Totals {
  error: number;
  warning: number;
  info: number;
  fixable: number;
}

export function totals(files: readonly FileReport[]): Totals {
  const counts: Totals = { error: 0, warning: 0, info: 0, fixable: 0 };
  for (const finding of files.flatMap((f) => f.findings)) {
    counts[outputSeverity(finding.severity)]++;
    if (fixable(finding)) counts.fixable++;
  }
  return counts;
}
