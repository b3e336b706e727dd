// Puppet diagnostics for a .pp file and for the ```puppet fences of a postmortem, through one pipeline:
// parse, then (when the code parses) Puppet's own checks and ours, then puppet-lint's style checks; the
// user's rule severities apply last. Fence findings are computed on the fence's own text and then
// mapped to the Markdown, fixes included.
import { comparePositions, type Finding, type Range } from '../finding';
import { EmbeddedPuppet } from '../markdown/embeddedPuppet';
import { indexNodes, type NodeIndex } from '../puppet/ast';
import { checkPuppet, collectDeclarations, type Declarations } from '../puppet/checker';
import type { PuppetLintRc } from '../puppet/lintConfig';
import { parsePuppet, type ParseResult } from '../puppet/parser';
import { checkStyle } from '../puppet/style';
import type { AnalysisSettings, RuleSeverities } from '../settings';
import { SourceText } from '../sourceText';

/** What the workspace around a document tells its Puppet analysis (see `PuppetWorkspace`). */
export interface PuppetContext {
  /** Classes, defines and resources declared in the workspace's manifests. */
  workspace?: Declarations;
  /** Resource types the workspace's modules implement in Ruby (`lib/puppet/type/<name>.rb`). */
  knownTypes?: readonly string[];
  /** The `.puppet-lint.rc` that applies to the document. */
  rc?: PuppetLintRc;
}

/** One parsed Puppet text. */
export interface PuppetText {
  source: SourceText;
  parsed: ParseResult;
}

/** A postmortem's Puppet fence, parsed; its positions are the fence's own (see `EmbeddedPuppet`). */
export interface PuppetBlock extends PuppetText {
  embedded: EmbeddedPuppet;
}

function parse(source: SourceText): ParseResult {
  // Whitespace trivia: the style checks read it.
  return parsePuppet(source.text, { whitespace: true });
}

function syntaxFindings(unit: PuppetText): Finding[] {
  const range = (start: number, end: number): Range => ({ start: unit.source.positionAt(start), end: unit.source.positionAt(end) });
  return unit.parsed.errors.map((error) => ({
    range: range(error.start, error.end),
    severity: 'error',
    source: 'puppet',
    rule: error.code,
    message: error.message,
    fixes: [],
    ...(error.related ? { related: error.related.map((r) => ({ range: range(r.start, r.end), message: r.message })) } : {}),
  }));
}

function styleFindings(unit: PuppetText, nodes: NodeIndex, settings: AnalysisSettings, context: PuppetContext): Finding[] {
  if (!settings.puppet.style.enable) return [];
  const { parsed, source } = unit;
  return checkStyle({ source, tokens: parsed.tokens, trivia: parsed.trivia, program: parsed.ast, nodes }, { rc: context.rc, withChecker: true });
}

/**
 * Findings of one unit in its own positions. Code with a syntax error gets only its syntax errors: what
 * the checks would say about code the parser had to guess at is noise. `declarations` are what the
 * rest of the document and the workspace declare.
 */
function unitFindings(unit: PuppetText, settings: AnalysisSettings, context: PuppetContext, declarations: Declarations | undefined): Finding[] {
  if (unit.parsed.errors.length > 0) return syntaxFindings(unit);
  // One walk of the tree for the checker and the style checks.
  const nodes = indexNodes(unit.parsed.ast);
  const checked = checkPuppet([{ program: unit.parsed.ast, source: unit.source, nodes }], { workspace: declarations, knownTypes: context.knownTypes });
  return [...checked, ...styleFindings(unit, nodes, settings, context)];
}

/** `settings.rules` for puppet findings: keyed by code or check name, in any case. */
function withSeverities(findings: Finding[], rules: RuleSeverities): Finding[] {
  const configured = new Map(Object.entries(rules).map(([key, severity]) => [key.toLowerCase(), severity]));
  if (configured.size === 0) return findings;
  return findings.flatMap((finding) => {
    const severity = configured.get(finding.rule.toLowerCase());
    if (severity === 'off') return [];
    return severity ? [{ ...finding, severity }] : [finding];
  });
}

function inOrder(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => comparePositions(a.range.start, b.range.start) || a.rule.localeCompare(b.rule));
}

export interface PuppetFileAnalysis extends PuppetText {
  findings: Finding[];
}

/** A manifest (.pp file). */
export function analyzePuppetFile(text: string, settings: AnalysisSettings, context: PuppetContext = {}): PuppetFileAnalysis {
  const source = new SourceText(text);
  const unit = { source, parsed: parse(source) };
  return { ...unit, findings: inOrder(withSeverities(unitFindings(unit, settings, context, context.workspace), settings.rules)) };
}

/** Declarations of several sources as one (a workspace's manifests, a postmortem's fences over its workspace). */
export function mergeDeclarations(all: readonly Declarations[]): Declarations {
  const merged: Declarations = { definitions: new Map(), resources: new Set(), computedTitleTypes: new Set() };
  for (const declarations of all) {
    for (const [name, definition] of declarations.definitions) merged.definitions.set(name, definition);
    for (const key of declarations.resources) merged.resources.add(key);
    for (const type of declarations.computedTitleTypes) merged.computedTitleTypes.add(type);
  }
  return merged;
}

export interface PuppetFencesAnalysis {
  blocks: PuppetBlock[];
  /** In Markdown positions. */
  findings: Finding[];
}

/**
 * The Puppet fences of one postmortem, as one manifest: a reference in one fence resolves to a resource
 * declared in another (a broken fence's declarations count too). Duplicate declarations are reported
 * within a fence only, because postmortems show the same resource twice on purpose: before and after
 * the fix, or in two versions of the document.
 */
export function analyzePuppetFences(fences: readonly EmbeddedPuppet[], settings: AnalysisSettings, context: PuppetContext = {}): PuppetFencesAnalysis {
  const blocks = fences.map((embedded) => ({ embedded, source: embedded.source, parsed: parse(embedded.source) }));
  if (blocks.length === 0) return { blocks, findings: [] };
  const document = collectDeclarations(blocks.map((b) => b.parsed.ast));
  // With one fence, its own declarations are the checker's local layer already: no need to copy the workspace's.
  const declarations = !context.workspace ? document : blocks.length === 1 ? context.workspace : mergeDeclarations([context.workspace, document]);
  const findings = blocks.flatMap((block) => unitFindings(block, settings, context, declarations).map((f) => toMarkdown(f, block.embedded)));
  return { blocks, findings: inOrder(withSeverities(findings, settings.rules)) };
}

/** A fence finding in Markdown positions; fixes that cannot be made exactly inside the fence are dropped. */
function toMarkdown(finding: Finding, embedded: EmbeddedPuppet): Finding {
  return {
    ...finding,
    range: embedded.markdownRange(finding.range),
    fixes: finding.fixes.flatMap((fix) => embedded.markdownFix(fix) ?? []),
    ...(finding.related ? { related: finding.related.map((r) => ({ ...r, range: embedded.markdownRange(r.range) })) } : {}),
  };
}
