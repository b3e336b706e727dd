// Completion in Puppet code, read from the tokens before the cursor so it works on the half-typed
// code it is asked about (`package { 'x':\n  ens`):
// - resource types, defined types and keywords where a statement starts;
// - the attributes a resource body does not set yet, then metaparameters;
// - after `=>`, the values of enum-like attributes, and references for relationship metaparameters;
// - titles in `Package['...']`, and classes after include/contain/require, `inherits` and in `class { '...': }`.
import type { Range } from '../../finding';
import { definitionName, referenceType } from '../checker';
import { attributeOf, bundledTypeNames, coreType, coreTypes, metaparameter, metaparameters, type AttributeSpec } from '../coreTypes';
import { KEYWORDS, type Token, type TokenKind } from '../tokens';
import { attributeSpecMarkdown, code, parameterMarkdown, parameterSignature } from './docs';
import { asDocument, rangeOf, tokenIndexBefore, type PuppetDocument, type PuppetInput } from './document';
import { CLASS_DECLARING_FUNCTIONS, localIndex } from './references';
import { resourceDeclarations } from './resources';
import type { PuppetDefinitionInfo, PuppetParameterInfo, PuppetWorkspaceIndex } from './workspaceIndex';

export type PuppetCompletionKind = 'type' | 'attribute' | 'value' | 'metaparameter' | 'title' | 'keyword' | 'class';

export interface PuppetCompletion {
  label: string;
  kind: PuppetCompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Snippet syntax: `${1|present,absent|}`, `$0`. */
  insertText: string;
  /** The text the completion replaces (the word or string text typed so far); absent: insert at the cursor. */
  replaceRange?: Range;
  /** The editor orders by this, then by label. */
  sortText?: string;
}

const keywordKinds: ReadonlySet<TokenKind> = new Set<TokenKind>(KEYWORDS);
const RELATIONSHIP_METAPARAMETERS: ReadonlySet<string> = new Set(['before', 'require', 'notify', 'subscribe']);
/** After these, a new statement starts. */
const statementEnds: ReadonlySet<TokenKind> = new Set<TokenKind>(['{', '}', ';', '->', '~>', '<-', '<~']);
/** These end an expression: after one, a new line starts a new statement. */
const operandEnds: ReadonlySet<TokenKind> = new Set<TokenKind>([
  'name', 'word', 'classref', 'variable', 'number', 'string', 'regex', 'heredoc', ')', ']', 'true', 'false', 'undef', 'default',
]);
/** A `{` after these opens a hash or selector, not a block of statements. */
const valueOpeners: ReadonlySet<TokenKind> = new Set<TokenKind>(['=', '+=', '-=', '=>', '+>', '(', '[', ',', '?', '+', '-', '==', '!=', 'in']);
const definitionKeywords: ReadonlySet<TokenKind> = new Set<TokenKind>(['class', 'define', 'node', 'inherits', 'function', 'type']);

/** Keywords that start statements, with their snippets. */
const keywordSnippets: ReadonlyArray<{ keyword: string; snippet: string; detail: string }> = [
  { keyword: 'class', snippet: 'class ${1:name} {\n\t$0\n}', detail: 'class definition' },
  { keyword: 'define', snippet: 'define ${1:name} (\n\t${2}\n) {\n\t$0\n}', detail: 'defined type' },
  { keyword: 'node', snippet: "node '${1:hostname}' {\n\t$0\n}", detail: 'node definition' },
  { keyword: 'if', snippet: 'if ${1:condition} {\n\t$0\n}', detail: 'conditional' },
  { keyword: 'unless', snippet: 'unless ${1:condition} {\n\t$0\n}', detail: 'conditional' },
  { keyword: 'case', snippet: "case ${1:value} {\n\t${2:'option'}: {\n\t\t$0\n\t}\n\tdefault: {}\n}", detail: 'case statement' },
  { keyword: 'include', snippet: 'include ${1:class}', detail: 'declare a class' },
  { keyword: 'contain', snippet: 'contain ${1:class}', detail: 'declare a class inside this one' },
  { keyword: 'require', snippet: 'require ${1:class}', detail: 'declare a class and depend on it' },
];

/** Text as it must be written in a snippet. */
function snippetText(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

/** A value as Puppet code: bare when it is a plain word, else quoted. */
function valueCode(value: string): string {
  return /^[a-z][a-z0-9_]*$/.test(value) || /^\d+$/.test(value) ? value : quoted(value);
}

function quoted(text: string): string {
  return `'${text.replace(/[\\']/g, '\\$&')}'`;
}

/** `${1|a,b|}`: a snippet choice among values. */
function choice(values: readonly string[]): string {
  return '${1|' + values.map((v) => snippetText(valueCode(v)).replace(/[,|]/g, '\\$&')).join(',') + '|}';
}

interface Context {
  doc: PuppetDocument;
  index: PuppetWorkspaceIndex | undefined;
  tokens: readonly Token[];
  offset: number;
  /** Index of the token before what is being typed. */
  previous: number;
  /** The word being typed, if any. */
  word?: Token;
  /** The string the cursor is in, if any. */
  string?: Token;
  /** A line break separates what is typed from the token before. */
  afterLineBreak: boolean;
  replaceRange?: Range;
}

export function puppetCompletions(input: PuppetInput, offset: number, index?: PuppetWorkspaceIndex): PuppetCompletion[] {
  const doc = asDocument(input);
  if (inCommentOrHeredoc(doc, offset)) return [];
  const context = contextAt(doc, offset, index);
  if (!context) return [];
  const items = complete(context);
  return context.replaceRange ? items.map((item) => ({ ...item, replaceRange: context.replaceRange })) : items;
}

function inCommentOrHeredoc(doc: PuppetDocument, offset: number): boolean {
  if (doc.comments.some((c) => c.start < offset && offset <= c.end)) return true;
  return doc.tokens.some((t) => t.heredoc && t.heredoc.bodyStart <= offset && offset <= t.heredoc.endLineEnd);
}

function contextAt(doc: PuppetDocument, offset: number, index: PuppetWorkspaceIndex | undefined): Context | undefined {
  const tokens = doc.tokens;
  const at = tokenIndexBefore(tokens, offset);
  const token = tokens[at];
  const base = { doc, index, tokens, offset };
  const lineBreakBefore = (previous: number, from: number) => previous < 0 || doc.text.slice(tokens[previous].end, from).includes('\n');
  if (!token || offset > token.end || (offset === token.end && !isWord(token) && token.kind !== 'error')) {
    return { ...base, previous: at, afterLineBreak: lineBreakBefore(at, offset) };
  }
  if (isWord(token)) {
    return { ...base, previous: at - 1, word: token, afterLineBreak: lineBreakBefore(at - 1, token.start), replaceRange: rangeOf(doc, token) };
  }
  const unterminated = token.kind === 'error' && token.code === 'UNCLOSED_QUOTE';
  if ((token.kind === 'string' && !token.parts) || unterminated) {
    // Inside the quotes: the completion replaces the string's text.
    const end = unterminated ? offset : token.end - 1;
    return { ...base, previous: at - 1, string: token, afterLineBreak: false, replaceRange: rangeOf(doc, { start: token.start + 1, end }) };
  }
  return undefined;
}

function isWord(token: Token): boolean {
  return token.kind === 'name' || token.kind === 'word' || token.kind === 'classref' || keywordKinds.has(token.kind);
}

function complete(context: Context): PuppetCompletion[] {
  const { tokens, previous } = context;
  const before = tokens[previous];
  // `Package['...']`, `Class['...']`
  if (before?.kind === '[' && !before.spaceBefore && tokens[previous - 1]?.kind === 'classref') {
    const type = definitionName(tokens[previous - 1].value);
    return type === 'class' ? classCompletions(context) : titleCompletions(context, type);
  }
  const body = enclosingBody(context);
  switch (body?.kind) {
    case 'title':
      return body.type === 'class' && context.string ? classCompletions(context) : [];
    case 'value':
      return valueCompletions(context, body.type, body.title, body.attribute);
    case 'attributes':
      return context.string ? [] : attributeCompletions(context, body.type, body.title, body.present);
    case 'hash':
      return [];
  }
  if (before?.kind === 'inherits' || declaresClasses(tokens, previous)) return classCompletions(context);
  return !context.string && startsStatement(context) ? statementCompletions(context) : [];
}

/** After `include`, `contain` or `require`, or after a comma in their argument list. */
function declaresClasses(tokens: readonly Token[], previous: number): boolean {
  let i = previous;
  while (tokens[i]?.kind === ',' && (tokens[i - 1]?.kind === 'name' || tokens[i - 1]?.kind === 'string')) i -= 2;
  const t = tokens[i];
  return t?.kind === 'name' && CLASS_DECLARING_FUNCTIONS.has(t.value);
}

function startsStatement(context: Context): boolean {
  const before = context.tokens[context.previous];
  return !before || statementEnds.has(before.kind) || (context.afterLineBreak && operandEnds.has(before.kind));
}

type BodyPosition =
  | { kind: 'title'; type: string }
  | { kind: 'attributes'; type: string; title?: string; present: Set<string> }
  | { kind: 'value'; type: string; title?: string; attribute: string }
  /** A hash or selector: neither statements nor attributes. */
  | { kind: 'hash' };

/**
 * Where the cursor is in the innermost `{ }` around it, when that is a resource body (or
 * defaults, override, collector) or a hash. Undefined in a block of statements or at top level.
 */
function enclosingBody(context: Context): BodyPosition | undefined {
  const { tokens, previous } = context;
  let depth = 0;
  let colon: number | undefined;
  let semicolon: number | undefined;
  let open = -1;
  for (let j = previous; j >= 0; j--) {
    const kind = tokens[j].kind;
    if (kind === '}' || kind === ']' || kind === ')' || kind === '|>' || kind === '|>>') depth++;
    else if (kind === '{' || kind === '[' || kind === '(' || kind === '<|' || kind === '<<|') {
      if (depth === 0) {
        open = j;
        break;
      }
      depth--;
    } else if (depth === 0 && kind === ':' && colon === undefined && semicolon === undefined) colon = j;
    else if (depth === 0 && kind === ';' && semicolon === undefined) semicolon = j;
  }
  if (open < 0 || tokens[open].kind !== '{') return undefined;
  const owner = resourceOwner(tokens, open);
  if (!owner) return valueOpeners.has(tokens[open - 1]?.kind) ? { kind: 'hash' } : undefined;
  const { type, titled } = owner;
  if (titled && colon === undefined) return { kind: 'title', type };
  const title = titled && type === 'class' && colon !== undefined ? classTitle(tokens[colon - 1]) : undefined;
  const before = tokens[previous];
  if (before.kind === '=>' || before.kind === '+>') {
    const name = tokens[previous - 1];
    return name && name.start > tokens[colon ?? open].start ? { kind: 'value', type, title, attribute: name.value } : undefined;
  }
  // After a value on the line before, the comma may be missing yet.
  const startsAttribute = before.kind === ',' || before.kind === ':' || before.kind === '{' || (context.afterLineBreak && operandEnds.has(before.kind));
  if (!startsAttribute) return undefined;
  return { kind: 'attributes', type, title, present: attributesSet(tokens, colon ?? open) };
}

function classTitle(token: Token | undefined): string | undefined {
  return token && (token.kind === 'string' || token.kind === 'name') ? definitionName(token.value) : undefined;
}

/** The resource type a `{` opens the body of: `file {`, `class {`, `File {`, `File['x'] {`, `File <| |> {`. */
function resourceOwner(tokens: readonly Token[], open: number): { type: string; titled: boolean } | undefined {
  const before = tokens[open - 1];
  switch (before?.kind) {
    case 'class':
      return { type: 'class', titled: true };
    case 'name': {
      const earlier = tokens[open - 2];
      if (earlier && definitionKeywords.has(earlier.kind)) return undefined;
      if (earlier && !before.lineStart && !statementEnds.has(earlier.kind) && earlier.kind !== '@' && earlier.kind !== '@@') return undefined;
      return { type: definitionName(before.value), titled: true };
    }
    case 'classref':
      return { type: definitionName(before.value), titled: false };
    case ']':
    case '|>':
    case '|>>': {
      const opening = matchingOpener(tokens, open - 1);
      const ref = tokens[opening - 1];
      return ref?.kind === 'classref' ? { type: definitionName(ref.value), titled: false } : undefined;
    }
    default:
      return undefined;
  }
}

function matchingOpener(tokens: readonly Token[], close: number): number {
  let depth = 0;
  for (let j = close; j >= 0; j--) {
    const kind = tokens[j].kind;
    if (kind === ']' || kind === '|>' || kind === '|>>' || kind === ')' || kind === '}') depth++;
    else if (kind === '[' || kind === '<|' || kind === '<<|' || kind === '(' || kind === '{') {
      depth--;
      if (depth === 0) return j;
    }
  }
  return -1;
}

/** Attribute names set in the body starting after `from` (its `{` or title colon), up to its end. */
function attributesSet(tokens: readonly Token[], from: number): Set<string> {
  const present = new Set<string>();
  let depth = 0;
  for (let j = from + 1; j < tokens.length; j++) {
    const kind = tokens[j].kind;
    if (kind === '{' || kind === '[' || kind === '(') depth++;
    else if (kind === '}' || kind === ']' || kind === ')') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && kind === ';') break;
    else if (depth === 0 && (kind === '=>' || kind === '+>') && j > from + 1) present.add(tokens[j - 1].value);
  }
  return present;
}

// ---- what to offer ----

/** The class's or defined type's definition: this document's first, else the workspace's. */
function definitionOf(context: Context, type: string, title: string | undefined): PuppetDefinitionInfo | undefined {
  const kind = type === 'class' ? 'classes' : 'definedTypes';
  const name = type === 'class' ? title : type;
  if (!name) return undefined;
  return localIndex(context.doc)[kind].get(name)?.[0] ?? context.index?.[kind].get(name)?.[0];
}

function attributeCompletions(context: Context, type: string, title: string | undefined, present: Set<string>): PuppetCompletion[] {
  const typed = context.word?.value;
  const next = context.tokens[context.previous + (context.word ? 2 : 1)];
  // Only the name when its `=>` is already there.
  const withValue = next?.kind !== '=>' && next?.kind !== '+>';
  const missing = (name: string) => !present.has(name) || name === typed;
  const items: PuppetCompletion[] = [];
  const spec = coreType(type);
  const definition = spec ? undefined : definitionOf(context, type, title);
  for (const attribute of spec?.attributes ?? []) {
    if (!missing(attribute.name)) continue;
    items.push({
      label: attribute.name,
      kind: 'attribute',
      detail: `${attribute.kind} of ${type}`,
      documentation: attributeSpecMarkdown(attribute, type),
      insertText: withValue ? `${attribute.name} => ${attribute.values ? choice(attribute.values) : '$0'},` : attribute.name,
      sortText: `${attribute.name === 'ensure' ? 0 : 1}${attribute.name}`,
    });
  }
  for (const parameter of definition?.parameters ?? []) {
    if (!missing(parameter.name)) continue;
    const values = parameterValues(parameter);
    items.push({
      label: parameter.name,
      kind: 'attribute',
      detail: parameter.type ? `${parameter.type} · parameter of ${definition!.name}` : `parameter of ${definition!.name}`,
      documentation: parameterMarkdown(definition!, parameter),
      insertText: withValue ? `${parameter.name} => ${values ? choice(values) : '$0'},` : parameter.name,
      // Parameters without a default must be given: they come first.
      sortText: `${parameter.defaultValue === undefined ? 0 : 1}${parameter.name}`,
    });
  }
  for (const meta of metaparameters) {
    if (!missing(meta.name) || (meta.name === 'stage' && type !== 'class')) continue;
    items.push({
      label: meta.name,
      kind: 'metaparameter',
      detail: 'metaparameter',
      documentation: attributeSpecMarkdown(meta, type),
      insertText: withValue ? `${meta.name} => ${meta.values ? choice(meta.values) : '$0'},` : meta.name,
      sortText: `2${meta.name}`,
    });
  }
  return items;
}

/** Values a parameter's type allows, when it lists them: `Enum[...]`, `Boolean`, inside `Optional[...]`. */
function parameterValues(parameter: PuppetParameterInfo): string[] | undefined {
  const type = parameter.type?.replace(/^Optional\[(.*)\]$/s, '$1').trim();
  if (type === 'Boolean') return ['true', 'false'];
  const enumeration = type && /^Enum\[(.*)\]$/s.exec(type);
  if (!enumeration) return undefined;
  const values = [...enumeration[1].matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? m[2]);
  return values.length > 0 ? values : undefined;
}

function valueCompletions(context: Context, type: string, title: string | undefined, attributeName: string): PuppetCompletion[] {
  const spec = coreType(type);
  const attribute: AttributeSpec | undefined = spec ? attributeOf(spec, attributeName) : metaparameter(attributeName);
  if (RELATIONSHIP_METAPARAMETERS.has(attributeName) && !context.string) return referenceCompletions(context);
  const parameter = attribute ? undefined : definitionOf(context, type, title)?.parameters.find((p) => p.name === attributeName);
  const values = attribute?.values ?? (parameter && parameterValues(parameter));
  return (values ?? []).map((value, i) => ({
    label: value,
    kind: 'value' as const,
    detail: `${attributeName} value`,
    insertText: snippetText(context.string ? value : valueCode(value)),
    sortText: String(i).padStart(3, '0'),
  }));
}

/** `Package['x']` for each resource declared here or in the workspace. */
function referenceCompletions(context: Context): PuppetCompletion[] {
  const seen = new Set<string>();
  const items: PuppetCompletion[] = [];
  const add = (type: string, title: string, detail: string) => {
    const reference = `${referenceType(type)}[${quoted(title)}]`;
    if (seen.has(reference)) return;
    seen.add(reference);
    items.push({ label: reference, kind: 'value', detail, insertText: snippetText(reference) });
  };
  for (const r of resourceDeclarations(context.doc)) {
    // A resource does not depend on itself.
    if (r.resource.start <= context.offset && context.offset <= r.resource.end) continue;
    add(r.type, r.title, `${r.type} declared in this file`);
  }
  for (const infos of context.index?.resources.values() ?? []) for (const r of infos) add(r.type, r.title, `${r.type} declared in ${r.location.uri ?? 'this file'}`);
  return items;
}

/** Titles of declared resources of `type`, for `Type['...']`. */
function titleCompletions(context: Context, type: string): PuppetCompletion[] {
  const titles = new Set<string>();
  for (const r of resourceDeclarations(context.doc)) if (r.type === type) titles.add(r.title);
  for (const infos of context.index?.resources.values() ?? []) for (const r of infos) if (r.type === type) titles.add(r.title);
  return [...titles].map((title) => ({
    label: title,
    kind: 'title' as const,
    detail: `${referenceType(type)} title`,
    insertText: snippetText(context.string ? quoted(title).slice(1, -1) : quoted(title)),
  }));
}

function classCompletions(context: Context): PuppetCompletion[] {
  const items = new Map<string, PuppetCompletion>();
  for (const index of [localIndex(context.doc), context.index]) {
    for (const [name, definitions] of index?.classes ?? []) {
      if (items.has(name)) continue;
      items.set(name, {
        label: name,
        kind: 'class',
        detail: 'class',
        documentation: definitions[0].summary,
        insertText: snippetText(name),
      });
    }
  }
  return [...items.values()];
}

function statementCompletions(context: Context): PuppetCompletion[] {
  const items: PuppetCompletion[] = [];
  for (const spec of coreTypes) {
    const ensure = spec.attributes.find((a) => a.name === 'ensure' && a.values);
    const attributes = ensure ? `\tensure => ${choice(ensure.values!).replace('${1|', '${2|')},\n\t$0` : '\t$0';
    items.push({
      label: spec.name,
      kind: 'type',
      detail: 'resource type',
      documentation: spec.doc,
      insertText: `${spec.name} { '\${1:title}':\n${attributes}\n}`,
    });
  }
  for (const name of bundledTypeNames) {
    items.push({ label: name, kind: 'type', detail: 'resource type shipped with Puppet', insertText: `${name} { '\${1:title}':\n\t$0\n}` });
  }
  const defined = new Set<string>();
  for (const index of [localIndex(context.doc), context.index]) {
    for (const [name, definitions] of index?.definedTypes ?? []) {
      if (defined.has(name)) continue;
      defined.add(name);
      const definition = definitions[0];
      // Parameters without a default must be given.
      const required = definition.parameters.filter((p) => p.defaultValue === undefined);
      const attributes = required.map((p, i) => `\t${p.name} => \${${i + 2}},`).join('\n');
      items.push({
        label: name,
        kind: 'type',
        detail: 'defined type',
        documentation: [definition.summary, code(definition.parameters.map(parameterSignature).join(',\n'))].filter(Boolean).join('\n\n'),
        insertText: `${snippetText(name)} { '\${1:title}':\n${attributes ? attributes + '\n' : ''}\t$0\n}`,
      });
    }
  }
  for (const { keyword, snippet, detail } of keywordSnippets) items.push({ label: keyword, kind: 'keyword', detail, insertText: snippet });
  return items;
}
