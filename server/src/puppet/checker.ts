// Checks on parsed Puppet code, beyond syntax. Two kinds:
// - Puppet's own post-parse validation (pops/validation/checker4_0.rb), with Puppet's issue codes
//   and wording, so users can look them up;
// - what Puppet accepts but fails on at catalog or apply time: unknown types and attributes,
//   invalid values, duplicates, and references to resources declared nowhere.
// Several manifests can be checked as one (all puppet fences of one postmortem).
import type { Finding, Fix, Range, RelatedInfo, Severity } from '../finding';
import type { SourceText } from '../sourceText';
import type {
  AttributeOperation,
  ClassDefinition,
  DefineDefinition,
  Expression,
  FunctionDefinition,
  HashLiteral,
  Node,
  Parameter,
  Program,
  ResourceBody,
  ResourceExpression,
} from './ast';
import { ancestorsAt, indexNodes, type NodeIndex } from './ast';
import { attributeNames, attributeOf, bundledTypeNames, checkValue, coreType, coreTypes, isBuiltinType, metaparameters, namevarOf } from './coreTypes';
import type { AttributeSpec } from './coreTypes';

/** One parsed manifest: a .pp file, or one fence of a postmortem. */
export interface ManifestUnit {
  program: Program;
  source: SourceText;
  /** Maps a range of this manifest to the document that holds it (a fence inside Markdown). Identity when absent. */
  toDocument?: (range: Range) => Range;
  /** The program's nodes, when the caller has indexed them already (for the style checks, say). */
  nodes?: NodeIndex;
}

/** Classes and defined types, and resource titles, declared somewhere: this document or the workspace. */
export interface Declarations {
  /** Lower-case class or define name → its parameter names. */
  definitions: Map<string, { kind: 'class' | 'define'; parameters: ReadonlySet<string> }>;
  /** Resource keys (see `resourceKey`), including classes declared with `include` or `class { }`. */
  resources: Set<string>;
  /** Types with a declaration whose title is computed: a literal reference to them may still resolve. */
  computedTitleTypes: Set<string>;
}

export interface CheckOptions {
  /** Declarations collected from the rest of the workspace (`collectDeclarations`). */
  workspace?: Declarations;
  /** Further resource type names that exist, e.g. Ruby types found in the workspace's modules. */
  knownTypes?: Iterable<string>;
}

/** Codes of the findings below, with what they mean; Puppet's own codes first. */
export const puppetCheckCatalog: ReadonlyArray<{ code: string; severity: Severity; description: string }> = [
  { code: 'DUPLICATE_PARAMETER', severity: 'error', description: 'A parameter is declared twice in a parameter list.' },
  { code: 'ILLEGAL_PARAM_NAME', severity: 'error', description: 'A parameter name does not match /^[a-z_]\\w*$/.' },
  { code: 'RESERVED_PARAMETER', severity: 'error', description: 'A class or define declares $title or $name.' },
  { code: 'ILLEGAL_DEFINITION_NAME', severity: 'error', description: 'A class, define or function name is not a lower-case qualified name.' },
  { code: 'RESERVED_TYPE_NAME', severity: 'error', description: 'A definition is named like a built-in data type.' },
  { code: 'NOT_TOP_LEVEL', severity: 'error', description: 'A class, define or node is nested somewhere other than a class.' },
  { code: 'NOT_ABSOLUTE_TOP_LEVEL', severity: 'error', description: 'A function or type alias is not at the top level.' },
  { code: 'DUPLICATE_KEY', severity: 'error', description: 'A hash literal has the same key twice.' },
  { code: 'DUPLICATE_DEFAULT', severity: 'error', description: 'A case or selector has two default entries.' },
  { code: 'UNKNOWN_RESOURCE_TYPE', severity: 'warning', description: 'A resource type that is not built in and not defined in the workspace.' },
  { code: 'UNKNOWN_ATTRIBUTE', severity: 'error', description: 'An attribute the resource type does not have.' },
  { code: 'INVALID_ATTRIBUTE_VALUE', severity: 'error', description: 'A value that an enum-like attribute does not accept.' },
  { code: 'DUPLICATE_ATTRIBUTE', severity: 'error', description: 'An attribute set twice in one resource.' },
  { code: 'DUPLICATE_RESOURCE', severity: 'error', description: 'Two resources with the same type and title.' },
  { code: 'UNRESOLVED_REFERENCE', severity: 'warning', description: 'A reference to a resource declared nowhere in the document.' },
];

// ---- names and distances ----

const PARAM_NAME = /^[a-z_]\w*$/;
const CLASSREF_DECL = /^[a-z]\w*(?:::[a-z]\w*)*$/;
const RESERVED_PARAMETERS: ReadonlySet<string> = new Set(['name', 'title']);
// checker4_0.rb RESERVED_TYPE_NAMES: the data types.
const RESERVED_TYPE_NAMES: ReadonlySet<string> = new Set([
  'type', 'any', 'unit', 'scalar', 'boolean', 'numeric', 'integer', 'float', 'collection', 'array', 'hash', 'tuple',
  'struct', 'variant', 'optional', 'enum', 'regexp', 'pattern', 'runtime', 'init', 'object', 'sensitive', 'semver',
  'semverrange', 'string', 'timestamp', 'timespan', 'typeset',
]);
const RELATIONSHIP_METAPARAMETERS: ReadonlySet<string> = new Set(['before', 'require', 'notify', 'subscribe']);
/** Statement functions that declare classes: `include foo` makes `Class['foo']` resolvable. */
const CLASS_DECLARING_FUNCTIONS: ReadonlySet<string> = new Set(['include', 'contain', 'require']);
/** Resources every catalog has. */
const BUILTIN_RESOURCES: readonly string[] = [resourceKey('stage', 'main'), resourceKey('class', 'main'), resourceKey('class', 'settings')];

/**
 * Optimal string alignment distance: Levenshtein plus adjacent transpositions ('runnign'). With a
 * `limit`, any distance above it comes back as `limit + 1`, found without finishing the matrix.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const cols = b.length + 1;
  // Three rows of the matrix: transpositions look two rows back.
  let twoBack = new Array<number>(cols).fill(0);
  let previous = new Array<number>(cols);
  let current = new Array<number>(cols);
  for (let j = 0; j < cols; j++) previous[j] = j;
  let previousMin = 0;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) d = Math.min(d, twoBack[j - 2] + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    // No later cell is below the smaller minimum of the last two rows.
    if (rowMin > limit && previousMin > limit) return limit + 1;
    previousMin = rowMin;
    [twoBack, previous, current] = [previous, current, twoBack];
  }
  return Math.min(previous[b.length], limit + 1);
}

/** The candidate closest to `word` (case-insensitively), when it is close enough to be a likely typo. */
export function closestName(word: string, candidates: Iterable<string>): string | undefined {
  return closerName(word, candidates, noSuggestion(word)).name;
}

/** A search for the name closest to a word: the best so far, and the distance a candidate must beat. */
interface Suggestion {
  name?: string;
  distance: number;
}

/** Where a search starts: anything further than this is not a likely typo. */
function noSuggestion(word: string): Suggestion {
  return { distance: Math.max(1, Math.min(3, Math.floor(word.length / 3))) + 1 };
}

/** Goes on with a search through more candidates; the earlier of two equally close names wins. */
function closerName(word: string, candidates: Iterable<string>, best: Suggestion): Suggestion {
  const lower = word.toLowerCase();
  let { name, distance } = best;
  for (const candidate of candidates) {
    // The distance is at least the length difference: skip the matrix when that already loses.
    if (candidate === word || Math.abs(candidate.length - word.length) >= distance) continue;
    const d = editDistance(lower, candidate.toLowerCase(), distance - 1);
    if (d < distance) {
      name = candidate;
      distance = d;
    }
  }
  return { name, distance };
}

// ---- literals ----

/** The text of a literal value as Puppet compares it, or undefined when computed. */
function literalText(e: Expression): string | undefined {
  switch (e.type) {
    case 'Name':
    case 'String':
      return e.value;
    case 'Boolean':
      return String(e.value);
    case 'Number':
      return e.raw;
    default:
      return undefined;
  }
}

/** Titles a resource body declares; undefined when any is computed. */
function literalTitles(title: Expression): Array<{ value: string; node: Expression }> | undefined {
  const items = title.type === 'Array' ? title.elements : [title];
  const titles: Array<{ value: string; node: Expression }> = [];
  for (const node of items) {
    const value = literalText(node);
    if (value === undefined) return undefined;
    titles.push({ value, node });
  }
  return titles;
}

/** The declared type, lower-case: 'file', 'apache::vhost', or 'class' for `class { 'x': }`. */
function typeNameOf(resource: ResourceExpression): string | undefined {
  return resource.typeName.type === 'Name' ? resource.typeName.value.toLowerCase() : undefined;
}

function stripGlobal(name: string): string {
  return name.startsWith('::') ? name.slice(2) : name;
}

/** Puppet strips trailing slashes from file paths, so File['/etc/x/'] is File['/etc/x']. */
function normalTitle(type: string, title: string): string {
  if (type === 'class') return definitionName(title);
  if (type === 'file' && title.length > 1) return title.replace(/\/+$/, '') || '/';
  return title;
}

export function resourceKey(type: string, title: string): string {
  const t = definitionName(type);
  return `${t}[${normalTitle(t, title)}]`;
}

/** A class, defined type or resource type name as Puppet compares them: lower-case, without a leading `::`. */
export function definitionName(name: string): string {
  return stripGlobal(name.toLowerCase());
}

/** `apache::vhost` as a reference writes it: `Apache::Vhost`. */
export function referenceType(type: string): string {
  return type
    .split('::')
    .map((s) => s.charAt(0).toUpperCase() + s.slice(1))
    .join('::');
}

/** `Package['x']` as a user writes it. */
function referenceText(type: string, title: string): string {
  return `${referenceType(type)}['${title}']`;
}

// ---- declaration index ----

function definitionOf(node: ClassDefinition | DefineDefinition) {
  return {
    kind: node.type === 'Class' ? ('class' as const) : ('define' as const),
    parameters: new Set(node.parameters.map((p) => p.name)),
  };
}

/** Namevar and alias values: Puppet also finds a resource by these. */
function resourceAliases(type: string, body: ResourceBody): string[] {
  const spec = coreType(type);
  const namevar = spec ? namevarOf(spec)?.name : 'name';
  const aliases: string[] = [];
  for (const entry of body.attributes) {
    if (entry.type !== 'Attribute') continue;
    const name = entry.name.value;
    if (name !== namevar && name !== 'alias') continue;
    const values = entry.value.type === 'Array' ? entry.value.elements : [entry.value];
    for (const v of values) {
      const text = literalText(v);
      if (text !== undefined) aliases.push(text);
    }
  }
  return aliases;
}

/** Declarations of some programs: for workspace knowledge, or as the first pass of `checkPuppet`. */
export function collectDeclarations(programs: Iterable<Program>): Declarations {
  return declarationsOf(Array.from(programs, (program) => indexNodes(program)));
}

function declarationsOf(indexes: readonly NodeIndex[]): Declarations {
  const declarations: Declarations = { definitions: new Map(), resources: new Set(BUILTIN_RESOURCES), computedTitleTypes: new Set() };
  for (const index of indexes) {
    for (const node of index.nodes) addDeclarations(declarations, node);
  }
  return declarations;
}

/** What one node declares: a class or define, resources, or classes through `include` and its kin. */
function addDeclarations(declarations: Declarations, node: Node): void {
  switch (node.type) {
    case 'Class':
    case 'Define': {
      const name = definitionName(node.name.value);
      declarations.definitions.set(name, definitionOf(node));
      if (node.type === 'Class') declarations.resources.add(resourceKey('class', name));
      return;
    }
    case 'Resource': {
      const type = typeNameOf(node);
      if (!type) return;
      for (const body of node.bodies) {
        const titles = literalTitles(body.title);
        if (!titles) declarations.computedTitleTypes.add(type);
        for (const title of titles ?? []) declarations.resources.add(resourceKey(type, title.value));
        for (const alias of resourceAliases(type, body)) declarations.resources.add(resourceKey(type, alias));
      }
      return;
    }
    case 'Call': {
      if (node.callee.type !== 'Name' || !CLASS_DECLARING_FUNCTIONS.has(node.callee.value)) return;
      for (const arg of node.args.flatMap((a) => (a.type === 'Array' ? a.elements : [a]))) {
        const name = literalText(arg);
        if (name === undefined) declarations.computedTitleTypes.add('class');
        else declarations.resources.add(resourceKey('class', name));
      }
      return;
    }
    default:
      return;
  }
}

// ---- the checker ----

/** A resource declared in the checked units, for duplicate detection. */
interface DeclaredResource {
  unit: ManifestUnit;
  node: Expression;
  /** The nearest class, define, node or lambda: resources in different ones may never meet. */
  scope: Node | undefined;
  /** Conditional branches on the way to the resource: those in different branches of one conditional never meet. */
  branches: Array<{ conditional: Node; branch: Node }>;
}

type ResourcePlace = Pick<DeclaredResource, 'scope' | 'branches'>;

/** The scope of the resource at `position`, and the branches on the way to it (outermost first). */
function placeOf(index: NodeIndex, position: number): ResourcePlace {
  const { nodes, parents } = index;
  let scope: Node | undefined;
  const branches: DeclaredResource['branches'] = [];
  for (let child = position, p = parents[position]; p >= 0; child = p, p = parents[p]) {
    const a = nodes[p];
    if (!scope && (a.type === 'Class' || a.type === 'Define' || a.type === 'Node' || a.type === 'Lambda')) scope = a;
    if (a.type === 'If' || a.type === 'Unless' || a.type === 'Case' || a.type === 'Selector') branches.push({ conditional: a, branch: nodes[child] });
  }
  return { scope, branches: branches.reverse() };
}

const definitionLabels: Record<string, string> = {
  Class: 'Host Class Definition',
  Define: "'define' expression",
  Node: 'Node Definition',
  Function: 'Function Definition',
  TypeAlias: 'Type Alias',
  TypeDefinition: 'Type Definition',
};

function withArticle(label: string): string {
  return /^[aeiou]/i.test(label) ? `an ${label}` : `a ${label}`;
}

function flatTypeName(name: string): string {
  return stripGlobal(name).replaceAll('::', '_');
}

/** Every type Puppet provides: the first candidates for "did you mean" on an unknown type. */
const builtinTypes: ReadonlyArray<{ name: string; flat: string }> = [...coreTypes.map((t) => t.name), ...bundledTypeNames].map((name) => ({
  name,
  flat: flatTypeName(name),
}));
/** Searches among `builtinTypes` by unknown type: the same few unknown types recur in file after file. */
const builtinTypeSearches = new Map<string, Suggestion>();
const MAX_BUILTIN_TYPE_SEARCHES = 2000;

/** The search for what `type` is a typo of, through the types Puppet provides. */
function closestBuiltinType(type: string): Suggestion {
  let found = builtinTypeSearches.get(type);
  if (!found) {
    // `concat_fragment` next to a `concat::fragment` define is a module's Ruby type, not a typo.
    const flat = flatTypeName(type);
    found = closerName(type, builtinTypes.flatMap((t) => (t.flat === flat ? [] : [t.name])), noSuggestion(type));
    // A long-running server meets new names as the user types: keep the memo from growing without bound.
    if (builtinTypeSearches.size >= MAX_BUILTIN_TYPE_SEARCHES) builtinTypeSearches.clear();
    builtinTypeSearches.set(type, found);
  }
  return found;
}

/** The document's declarations over the workspace's, read without copying the (large) workspace index. */
class KnownDeclarations {
  private readonly layers: Declarations[];
  private readonly extraTypes: Set<string>;
  private typeNames?: string[];
  private readonly typeSuggestions = new Map<string, string | undefined>();
  private readonly titles = new Map<string, string[]>();

  constructor(local: Declarations, workspace: Declarations | undefined, extraTypes: Iterable<string>) {
    this.layers = workspace ? [local, workspace] : [local];
    this.extraTypes = new Set([...extraTypes].map(definitionName));
  }

  definition(name: string) {
    const key = definitionName(name);
    for (const layer of this.layers) {
      const found = layer.definitions.get(key);
      if (found) return found;
    }
    return undefined;
  }

  isResourceType(name: string): boolean {
    return this.extraTypes.has(stripGlobal(name)) || this.definition(name)?.kind === 'define';
  }

  /** Defined types and extra types, for "did you mean"; built on first use. */
  private get resourceTypeNames(): readonly string[] {
    this.typeNames ??= [
      ...new Set([
        ...this.layers.flatMap((l) => [...l.definitions].filter(([, d]) => d.kind === 'define').map(([name]) => name)),
        ...this.extraTypes,
      ]),
    ];
    return this.typeNames;
  }

  /** The type an unknown `type` is likely a typo of: Puppet's own types first, then the defined ones. */
  closestResourceType(type: string): string | undefined {
    if (this.typeSuggestions.has(type)) return this.typeSuggestions.get(type);
    const flat = flatTypeName(type);
    const defined = this.resourceTypeNames.filter((c) => flatTypeName(c) !== flat);
    const suggestion = closerName(type, defined, closestBuiltinType(type)).name;
    this.typeSuggestions.set(type, suggestion);
    return suggestion;
  }

  hasResource(key: string): boolean {
    return this.layers.some((l) => l.resources.has(key));
  }

  hasComputedTitles(type: string): boolean {
    return this.layers.some((l) => l.computedTitleTypes.has(type));
  }

  /** Titles declared for `type`, for "did you mean"; one scan of the (large) resource sets per type. */
  titlesOf(type: string): readonly string[] {
    let titles = this.titles.get(type);
    if (!titles) {
      const prefix = `${type}[`;
      titles = this.layers.flatMap((l) => [...l.resources].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length, -1)));
      this.titles.set(type, titles);
    }
    return titles;
  }
}

class ManifestChecker {
  readonly findings: Finding[] = [];
  private readonly known: KnownDeclarations;
  private readonly declared = new Map<string, DeclaredResource[]>();
  private unit!: ManifestUnit;
  private readonly indexes: readonly NodeIndex[];

  constructor(private readonly units: readonly ManifestUnit[], options: CheckOptions) {
    this.indexes = units.map((u) => u.nodes ?? indexNodes(u.program));
    const local = declarationsOf(this.indexes);
    this.known = new KnownDeclarations(local, options.workspace, options.knownTypes ?? []);
  }

  run(): Finding[] {
    for (let u = 0; u < this.units.length; u++) {
      this.unit = this.units[u];
      const index = this.indexes[u];
      for (let position = 0; position < index.nodes.length; position++) this.checkNode(index, position);
    }
    return this.findings;
  }

  // -- reporting --

  private range(start: number, end: number, unit = this.unit): Range {
    const r = { start: unit.source.positionAt(start), end: unit.source.positionAt(end) };
    return unit.toDocument ? unit.toDocument(r) : r;
  }

  private report(
    rule: string,
    severity: Severity,
    at: { start: number; end: number },
    message: string,
    extra: { fixes?: Fix[]; related?: RelatedInfo[] } = {},
  ): void {
    this.findings.push({
      range: this.range(at.start, at.end),
      severity,
      source: 'puppet',
      rule,
      message,
      fixes: extra.fixes ?? [],
      ...(extra.related ? { related: extra.related } : {}),
    });
  }

  private replaceFix(title: string, at: { start: number; end: number }, newText: string, preferred: boolean): Fix {
    return { title, edits: [{ range: this.range(at.start, at.end), newText }], preferred };
  }

  /** A fix replacing a literal's text, keeping its quotes. */
  private replaceLiteralFix(title: string, node: Expression, newValue: string, preferred: boolean): Fix {
    const quoted = node.type === 'String' && node.quote !== 'bare';
    return this.replaceFix(title, quoted ? { start: node.start + 1, end: node.end - 1 } : node, newValue, preferred);
  }

  // -- what each node gets --

  /** Checks `index.nodes[position]`; its ancestors are looked up only by the checks that need them. */
  private checkNode(index: NodeIndex, position: number): void {
    const node = index.nodes[position];
    switch (node.type) {
      case 'Class':
      case 'Define':
        this.checkDefinition(node, ancestorsAt(index, position));
        break;
      case 'Node':
        this.checkPlacement(node, ancestorsAt(index, position), { start: node.start, end: node.matches.at(-1)?.end ?? node.body.start });
        break;
      case 'Function':
        this.checkDefinition(node, ancestorsAt(index, position));
        break;
      case 'TypeAlias':
      case 'TypeDefinition':
        this.checkPlacement(node, ancestorsAt(index, position), { start: node.start, end: node.name.end });
        break;
      case 'Lambda':
        // checker4_0.rb checks lambda parameter names, but not their uniqueness.
        this.checkParameterNames(node.parameters);
        break;
      case 'Hash':
        this.checkHashKeys(node);
        break;
      case 'Case':
        this.checkDuplicateDefault(node.options.flatMap((o) => o.values), "'case' statement");
        break;
      case 'Selector':
        this.checkDuplicateDefault(node.entries.map((e) => e.match), 'Selector Expression');
        break;
      case 'Resource':
        this.checkResource(node, index, position);
        break;
      case 'Relationship':
        for (const side of [node.left, node.right]) this.checkReferences(side);
        break;
      case 'ResourceOverride':
        this.checkReferences(node.target);
        break;
      default:
        break;
    }
  }

  // -- Puppet's own checks --

  private checkDefinition(node: ClassDefinition | DefineDefinition | FunctionDefinition, ancestors: readonly Node[]): void {
    this.checkPlacement(node, ancestors, { start: node.start, end: node.name.end });
    const label = definitionLabels[node.type];
    const name = node.name.value;
    if (!CLASSREF_DECL.test(name)) {
      this.report('ILLEGAL_DEFINITION_NAME', 'error', node.name, `Unacceptable name. The name '${name}' is unacceptable as the name of ${withArticle(label)}`);
    }
    if (RESERVED_TYPE_NAMES.has(name)) {
      this.report('RESERVED_TYPE_NAME', 'error', node.name, `The name: '${name}' is already defined by Puppet and can not be used as the name of ${withArticle(label)}.`);
    }
    this.checkParameterNames(node.parameters);
    this.checkParameterUniqueness(node.parameters);
    if (node.type === 'Function') return;
    for (const p of node.parameters) {
      if (RESERVED_PARAMETERS.has(p.name)) {
        this.report('RESERVED_PARAMETER', 'error', { start: p.nameStart, end: p.nameEnd }, `The parameter $${p.name} redefines a built in parameter in the ${label}`);
      }
    }
  }

  private checkParameterNames(parameters: readonly Parameter[]): void {
    for (const p of parameters) {
      if (PARAM_NAME.test(p.name)) continue;
      this.report('ILLEGAL_PARAM_NAME', 'error', { start: p.nameStart, end: p.nameEnd }, `Illegal parameter name. The given name '${p.name}' does not conform to the naming rule /^[a-z_]\\w*$/`);
    }
  }

  private checkParameterUniqueness(parameters: readonly Parameter[]): void {
    const seen = new Set<string>();
    for (const p of parameters) {
      if (seen.has(p.name)) {
        this.report('DUPLICATE_PARAMETER', 'error', { start: p.nameStart, end: p.nameEnd }, `The parameter '${p.name}' is declared more than once in the parameter list`);
      }
      seen.add(p.name);
    }
  }

  /**
   * Classes, defines and nodes may sit at the top or directly in a class body; functions and type
   * aliases only at the top (checker4_0.rb `top`).
   */
  private checkPlacement(node: Node, ancestors: readonly Node[], at: { start: number; end: number }): void {
    const container = ancestors.findLast((a) => a.type !== 'Block');
    if (!container || container.type === 'Program') return;
    const label = definitionLabels[node.type];
    if (node.type === 'Class' || node.type === 'Define' || node.type === 'Node') {
      if (container.type === 'Class') return;
      this.report('NOT_TOP_LEVEL', 'error', at, 'Classes, definitions, and nodes may only appear at toplevel or inside other classes');
    } else {
      const article = withArticle(label);
      this.report('NOT_ABSOLUTE_TOP_LEVEL', 'error', at, `${article.charAt(0).toUpperCase()}${article.slice(1)} may only appear at toplevel`);
    }
  }

  private checkHashKeys(hash: HashLiteral): void {
    const seen = new Set<string>();
    for (const entry of hash.entries) {
      const key = hashKey(entry.key);
      if (key === undefined) continue;
      if (seen.has(key.id)) this.report('DUPLICATE_KEY', 'error', entry.key, `The key '${key.text}' is declared more than once`);
      seen.add(key.id);
    }
  }

  private checkDuplicateDefault(matches: readonly Expression[], container: string): void {
    const defaults = matches.filter((m) => m.type === 'Default');
    for (const extra of defaults.slice(1)) {
      this.report('DUPLICATE_DEFAULT', 'error', extra, `This ${container} already has a 'default' entry - this is a duplicate`);
    }
  }

  // -- resources --

  private checkResource(resource: ResourceExpression, index: NodeIndex, position: number): void {
    const type = typeNameOf(resource);
    if (!type) return;
    const spec = type === 'class' ? undefined : coreType(type);
    if (type !== 'class' && !spec && !isBuiltinType(type) && !this.known.isResourceType(type)) {
      if (this.known.definition(type)?.kind === 'class') this.reportClassAsType(type, resource.typeName);
      else this.reportUnknownType(type, resource.typeName);
    }
    let place: ResourcePlace | undefined;
    for (const body of resource.bodies) {
      this.checkAttributes(type, body);
      const titles = literalTitles(body.title);
      if (titles) this.recordDeclaration(type, titles, (place ??= placeOf(index, position)));
    }
  }

  private reportClassAsType(name: string, at: Expression): void {
    // A warning: a module may also ship a Ruby type of the same name (firewall has both).
    this.report('UNKNOWN_RESOURCE_TYPE', 'warning', at, `Unknown resource type '${name}'. A class has this name, but classes are declared with \`include ${name}\` or \`class { '${name}': }\``);
  }

  private reportUnknownType(type: string, at: Expression): void {
    const suggestion = this.known.closestResourceType(type);
    if (suggestion) {
      this.report('UNKNOWN_RESOURCE_TYPE', 'error', at, `Unknown resource type '${type}'. Did you mean '${suggestion}'?`, {
        fixes: [this.replaceFix(`Change to '${suggestion}'`, at, suggestion, false)],
      });
    } else {
      this.report('UNKNOWN_RESOURCE_TYPE', 'warning', at, `Unknown resource type '${type}': it is not built into Puppet and not defined in this workspace, so it must come from a module`);
    }
  }

  /** Attribute names and values of core types, and of classes and defines whose parameters we know. */
  private checkAttributes(type: string, body: ResourceBody): void {
    const first = new Map<string, AttributeOperation>();
    for (const entry of body.attributes) {
      if (entry.type !== 'Attribute') continue;
      const name = entry.name.value;
      const earlier = first.get(name);
      if (earlier) {
        this.report('DUPLICATE_ATTRIBUTE', 'error', entry.name, `The attribute '${name}' is set more than once in this resource`, {
          related: [{ range: this.range(earlier.name.start, earlier.name.end), message: `'${name}' is first set here` }],
        });
      } else {
        first.set(name, entry);
      }
      if (RELATIONSHIP_METAPARAMETERS.has(name)) this.checkReferences(entry.value);
    }
    const known = this.attributeNamesOf(type, body);
    if (!known) return;
    for (const entry of first.values()) {
      if (!known.names.includes(entry.name.value)) {
        this.reportUnknownAttribute(entry, known.names, known.label);
        continue;
      }
      const spec = coreType(type);
      const attribute = spec && attributeOf(spec, entry.name.value);
      if (attribute) this.checkAttributeValue(type, attribute, entry);
    }
  }

  private attributeNamesOf(type: string, body: ResourceBody): { names: readonly string[]; label: string } | undefined {
    const spec = coreType(type);
    if (spec) return { names: attributeNames(spec), label: `type ${type}` };
    // A defined type or class takes its parameters, the metaparameters, and (defines) a namevar.
    const name = type === 'class' ? literalText(body.title) : type;
    const definition = name === undefined ? undefined : this.known.definition(name);
    if (!definition || (type === 'class') !== (definition.kind === 'class')) return undefined;
    return {
      names: [...definition.parameters, ...metaparameters.map((m) => m.name), 'name'],
      label: `${definition.kind} ${stripGlobal(name!)}`,
    };
  }

  private reportUnknownAttribute(entry: AttributeOperation, names: readonly string[], label: string): void {
    const name = entry.name.value;
    const suggestion = closestName(name, names);
    const message = `Unknown attribute '${name}' for ${label}` + (suggestion ? `. Did you mean '${suggestion}'?` : '');
    // A guessed name is a quick fix to pick, never applied by fix-all: the guess may be wrong.
    const fixes = suggestion ? [this.replaceFix(`Change to '${suggestion}'`, entry.name, suggestion, false)] : [];
    this.report('UNKNOWN_ATTRIBUTE', 'error', entry.name, message, { fixes });
  }

  private checkAttributeValue(type: string, attribute: AttributeSpec, entry: AttributeOperation): void {
    const value = literalText(entry.value);
    if (value === undefined || !attribute.values) return;
    const verdict = checkValue(attribute, value);
    if (verdict.valid) return;
    const where = `${attribute.name} of ${type}`;
    if (verdict.removed) {
      this.report('INVALID_ATTRIBUTE_VALUE', 'error', entry.value, `'${value}' is no longer a valid value for ${where}: ${verdict.removed}`);
      return;
    }
    const valid = attribute.values.join(', ') + (attribute.freeForm ? `, or ${attribute.freeForm.describe}` : '');
    const suggestion = closestName(value, attribute.values);
    if (suggestion) {
      this.report('INVALID_ATTRIBUTE_VALUE', 'error', entry.value, `Invalid value '${value}' for ${where}. Did you mean '${suggestion}'? Valid values are ${valid}`, {
        fixes: [this.replaceLiteralFix(`Change to '${suggestion}'`, entry.value, suggestion, false)],
      });
    } else if (attribute.freeForm) {
      // Puppet takes it as free-form (a version, a link target): legal, but rarely what was meant.
      this.report('INVALID_ATTRIBUTE_VALUE', 'warning', entry.value, `'${value}' is not one of ${attribute.values.join(', ')}, so Puppet takes it as ${attribute.freeForm.describe}`);
    } else {
      this.report('INVALID_ATTRIBUTE_VALUE', 'error', entry.value, `Invalid value '${value}' for ${where}. Valid values are ${valid}`);
    }
  }

  private recordDeclaration(type: string, titles: ReadonlyArray<{ value: string; node: Expression }>, { scope, branches }: ResourcePlace): void {
    for (const title of titles) {
      const key = resourceKey(type, title.value);
      const declaration: DeclaredResource = { unit: this.unit, node: title.node, scope, branches };
      const same = this.declared.get(key) ?? [];
      const clash = same.find((other) => other.scope === scope && sameBranches(other, declaration));
      if (clash) {
        this.report('DUPLICATE_RESOURCE', 'error', title.node, `Duplicate declaration: ${referenceText(type, title.value)} is already declared`, {
          related: [{ range: this.range(clash.node.start, clash.node.end, clash.unit), message: `${referenceText(type, title.value)} is first declared here` }],
        });
      }
      same.push(declaration);
      this.declared.set(key, same);
    }
  }

  // -- references --

  /** `Type['title']` references in a relationship value or chain, including arrays of them. */
  private checkReferences(e: Expression): void {
    if (e.type === 'Array') {
      for (const element of e.elements) this.checkReferences(element);
      return;
    }
    if (e.type !== 'Access' || e.target.type !== 'TypeReference') return;
    const type = definitionName(e.target.value);
    for (const key of e.keys) {
      const title = literalText(key);
      if (title === undefined) continue;
      if (this.known.hasResource(resourceKey(type, title)) || this.known.hasComputedTitles(type)) continue;
      this.reportUnresolved(type, title, key);
    }
  }

  private reportUnresolved(type: string, title: string, key: Expression): void {
    const suggestion = closestName(title, this.known.titlesOf(type));
    const where = this.units.length > 1 ? 'in this document' : 'in this manifest';
    const message = `${referenceText(type, title)} is not declared ${where}` + (suggestion ? `. Did you mean '${suggestion}'?` : '; it may be declared elsewhere');
    const fixes = suggestion ? [this.replaceLiteralFix(`Change to '${suggestion}'`, key, suggestion, false)] : [];
    this.report('UNRESOLVED_REFERENCE', 'warning', key, message, { fixes });
  }
}

function sameBranches(a: DeclaredResource, b: DeclaredResource): boolean {
  return a.branches.every((x) => b.branches.every((y) => x.conditional !== y.conditional || x.branch === y.branch));
}

/** Hash keys Puppet can compare before evaluation (checker4_0.rb uses its literal evaluator). */
function hashKey(key: Expression): { id: string; text: string } | undefined {
  switch (key.type) {
    case 'Name':
    case 'String':
      return { id: `s:${key.value}`, text: key.value };
    case 'Number':
      return { id: `${key.float ? 'f' : 'i'}:${key.value}`, text: key.raw };
    case 'Boolean':
      return { id: `b:${key.value}`, text: String(key.value) };
    default:
      return undefined;
  }
}

/** Checks manifests as one: declarations in any unit satisfy references and clash with each other. */
export function checkPuppet(units: readonly ManifestUnit[], options: CheckOptions = {}): Finding[] {
  return new ManifestChecker(units, options).run();
}
