// The Puppet editor features (puppet/features) in the documents the server holds: a .pp file, or the
// ```puppet fences of a postmortem. Each Puppet text is a unit that the features run on, in its own
// positions; what they return comes back in the document's positions through the fence's map
// (EmbeddedPuppet), so a fence in a list item or blockquote gets exact ranges and edits.
import type { Position, Range, TextEdit } from '../finding';
import type { EmbeddedPuppet } from '../markdown/embeddedPuppet';
import { puppetCompletions, type PuppetCompletion } from '../puppet/features/completion';
import { puppetDefinition } from '../puppet/features/definition';
import { puppetDocument, type PuppetDocument } from '../puppet/features/document';
import { puppetFolds, type PuppetFold } from '../puppet/features/folding';
import { puppetHover } from '../puppet/features/hover';
import { puppetSymbols, type PuppetSymbol } from '../puppet/features/symbols';
import { localIndex } from '../puppet/features/references';
import { mergePuppetIndexes, relocatePuppetIndex, type PuppetWorkspaceIndex } from '../puppet/features/workspaceIndex';
import { formatPuppet } from '../puppet/formatter';
import type { DocumentAnalysis } from './analysisCache';
import { folds } from './folding';
import type { HoverInfo } from './hover';
import type { PuppetText } from './puppetAnalysis';
import { outline, type OutlineSymbol } from './symbols';

/** One Puppet text of a document. */
interface PuppetUnit {
  doc: PuppetDocument;
  /** The fence it is, in a postmortem; absent for a .pp file, whose positions are the document's. */
  embedded?: EmbeddedPuppet;
}

export interface DocumentLocation {
  uri: string;
  range: Range;
}

const unitCache = new WeakMap<DocumentAnalysis['analysis'], PuppetUnit[]>();

/** The analysis's Puppet texts, as documents for the features; one object per text, so their own caches hold. */
function unitsOf(host: DocumentAnalysis): PuppetUnit[] {
  let units = unitCache.get(host.analysis);
  if (!units) {
    const featureDocument = (unit: PuppetText) => puppetDocument(unit.source.text, unit.parsed, unit.source);
    units =
      host.kind === 'puppet'
        ? [{ doc: featureDocument(host.analysis) }]
        : host.analysis.puppet.map((block) => ({ doc: featureDocument(block), embedded: block.embedded }));
    unitCache.set(host.analysis, units);
  }
  return units;
}

/** A .pp file's text as the features read it: what the workspace index takes from an open manifest. */
export function manifestDocument(host: DocumentAnalysis & { kind: 'puppet' }): PuppetDocument {
  return unitsOf(host)[0].doc;
}

/** The unit holding a document position, and the offset in it; undefined outside Puppet code. */
function unitAt(host: DocumentAnalysis, position: Position): { unit: PuppetUnit; offset: number } | undefined {
  for (const unit of unitsOf(host)) {
    const virtual = unit.embedded ? unit.embedded.virtualPositionAt(position) : position;
    if (virtual) return { unit, offset: unit.doc.source.offsetAt(virtual) };
  }
  return undefined;
}

function toDocument(unit: PuppetUnit, range: Range): Range {
  return unit.embedded ? unit.embedded.markdownRange(range) : range;
}

interface Lookup {
  /** What the postmortem's fences declare, in the Markdown's positions; absent for a manifest or a lone fence. */
  fences?: PuppetWorkspaceIndex;
  /** Those, then the workspace's manifests: where features look beyond their own text. */
  all: PuppetWorkspaceIndex;
}

const lookups = new WeakMap<DocumentAnalysis['analysis'], { workspace: PuppetWorkspaceIndex; lookup: Lookup }>();

/** All fences of a postmortem are one manifest: a fence sees what the others declare, before the workspace. */
function lookupFor(host: DocumentAnalysis, uri: string, workspace: PuppetWorkspaceIndex): Lookup {
  const units = unitsOf(host);
  if (units.length < 2) return { all: workspace };
  const cached = lookups.get(host.analysis);
  if (cached?.workspace === workspace) return cached.lookup;
  const fences = mergePuppetIndexes(
    units.map((unit) => relocatePuppetIndex(localIndex(unit.doc), (location) => ({ uri, range: toDocument(unit, location.range) }))),
  );
  const lookup = { fences, all: mergePuppetIndexes([fences, workspace]) };
  lookups.set(host.analysis, { workspace, lookup });
  return lookup;
}

export function puppetHoverAt(host: DocumentAnalysis, uri: string, position: Position, workspace: PuppetWorkspaceIndex): HoverInfo | undefined {
  const at = unitAt(host, position);
  const hover = at && puppetHover(at.unit.doc, at.offset, lookupFor(host, uri, workspace).all);
  return hover && { range: toDocument(at.unit, hover.range), contents: hover.markdown };
}

/** Completions at a position in Puppet code, or undefined when the position is not in Puppet code. */
export function puppetCompletionsAt(host: DocumentAnalysis, uri: string, position: Position, workspace: PuppetWorkspaceIndex): PuppetCompletion[] | undefined {
  const at = unitAt(host, position);
  if (!at) return undefined;
  return puppetCompletions(at.unit.doc, at.offset, lookupFor(host, uri, workspace).all).map((item) =>
    item.replaceRange ? { ...item, replaceRange: toDocument(at.unit, item.replaceRange) } : item,
  );
}

export function puppetDefinitionAt(host: DocumentAnalysis, uri: string, position: Position, workspace: PuppetWorkspaceIndex): DocumentLocation[] {
  const at = unitAt(host, position);
  if (!at) return [];
  const { fences, all } = lookupFor(host, uri, workspace);
  // The resource a fence refers to is the one the postmortem shows, even when a manifest declares it too.
  const inFences = fences ? puppetDefinition(at.unit.doc, at.offset, fences) : [];
  return (inFences.length > 0 ? inFences : puppetDefinition(at.unit.doc, at.offset, all)).map((location) =>
    location.uri === undefined ? { uri, range: toDocument(at.unit, location.range) } : { uri: location.uri, range: location.range },
  );
}

/**
 * Formatting edits for the Puppet code on the lines `range` touches (all of it without a range). In a
 * postmortem only fences are formatted, and an edit that cannot be made exactly inside its fence (on a
 * line whose tab markdown-it expanded) is left out: formatting edits only whitespace, so the others
 * still keep the code's meaning.
 */
export function formatPuppetCode(host: DocumentAnalysis, range?: Range): TextEdit[] {
  return unitsOf(host).flatMap((unit) => {
    const { embedded } = unit;
    if (!embedded) return formatPuppet(unit.doc.text, range ? { range } : {});
    const lines = range ? fenceLines(embedded, range) : { first: 0, last: embedded.lineCount - 1 };
    if (!lines || lines.first > lines.last) return [];
    // Ending at the start of the line after the last one: the formatter's way to say "through the last line".
    const virtual = { start: { line: lines.first, character: 0 }, end: { line: lines.last + 1, character: 0 } };
    return formatPuppet(unit.doc.text, { range: virtual }).flatMap((edit) => embedded.markdownFix({ title: 'Format', edits: [edit] })?.edits ?? []);
  });
}

/** The fence's code lines (virtual line numbers) that a Markdown range touches. */
function fenceLines(embedded: EmbeddedPuppet, range: Range): { first: number; last: number } | undefined {
  // A range ending at column 0 stops before that line, as editors send whole-line selections.
  const lastLine = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  const first = Math.max(range.start.line - embedded.firstLine, 0);
  const last = Math.min(lastLine - embedded.firstLine, embedded.lineCount - 1);
  return first <= last ? { first, last } : undefined;
}

/** The outline: a manifest's classes, defines, nodes and resources; in a postmortem, each fence's under its section. */
export function documentOutline(host: DocumentAnalysis): OutlineSymbol[] {
  if (host.kind === 'puppet') return puppetSymbols(manifestDocument(host));
  const fenced = unitsOf(host).flatMap((unit) => puppetSymbols(unit.doc).map((symbol) => relocateSymbol(symbol, unit)));
  return outline(host.analysis.model, fenced);
}

function relocateSymbol(symbol: PuppetSymbol, unit: PuppetUnit): PuppetSymbol {
  return {
    ...symbol,
    range: toDocument(unit, symbol.range),
    selectionRange: toDocument(unit, symbol.selectionRange),
    children: symbol.children.map((child) => relocateSymbol(child, unit)),
  };
}

/** Folding ranges: a manifest's; a postmortem's sections and fences, and the Puppet code inside each fence. */
export function documentFolds(host: DocumentAnalysis): PuppetFold[] {
  if (host.kind === 'puppet') return puppetFolds(manifestDocument(host));
  const inFences = unitsOf(host).flatMap(({ doc, embedded }) => {
    const shift = embedded?.firstLine ?? 0;
    return puppetFolds(doc).map((fold) => ({ ...fold, startLine: fold.startLine + shift, endLine: fold.endLine + shift }));
  });
  return [...folds(host.analysis.model, host.analysis.source), ...inFences].sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
