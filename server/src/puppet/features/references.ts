// What the code at an offset refers to, and where that is declared: the shared ground of hover and
// go to definition.
import type {
  AssignmentExpression,
  Expression,
  Identifier,
  Node,
  Parameter,
  Program,
  Variable,
} from '../ast';
import { forEachChild } from '../ast';
import { definitionName, resourceKey } from '../checker';
import { nodePath, rangeOf, type PuppetDocument, type Span } from './document';
import { resourceDeclarations } from './resources';
import { indexPuppetDocument, type PuppetDefinitionInfo, type PuppetLocation, type PuppetWorkspaceIndex } from './workspaceIndex';

/** Functions that declare the classes they are given. */
export const CLASS_DECLARING_FUNCTIONS: ReadonlySet<string> = new Set(['include', 'contain', 'require']);

export type PuppetTarget =
  | { kind: 'variable'; node: Variable; path: readonly Node[]; span: Span }
  /** The `$name` of a parameter declaration. */
  | { kind: 'parameter'; node: Parameter; owner: Node | undefined; span: Span }
  /** A resource type name: `package`, `apache::vhost`, `File`; a bare `Foo::Bar` may also be a class. */
  | { kind: 'type'; name: string; span: Span }
  /** An attribute name; `title` is set for `class { 'x': }`, whose attributes are the class's parameters. */
  | { kind: 'attribute'; type: string | undefined; title?: string; name: string; span: Span }
  /** The title in `Package['x']`. */
  | { kind: 'reference'; type: string; title: string; span: Span }
  /** A class name in `include x`, `class { 'x': }`, `Class['x']` or `inherits x`. */
  | { kind: 'class'; name: string; span: Span };

export function targetAt(doc: PuppetDocument, offset: number): PuppetTarget | undefined {
  const path = nodePath(doc, offset);
  const leaf = path[path.length - 1];
  const parent = path[path.length - 2];
  switch (leaf.type) {
    case 'Variable':
      return { kind: 'variable', node: leaf, path, span: leaf };
    case 'Parameter':
      if (offset < leaf.nameStart || offset > leaf.nameEnd) return undefined;
      return { kind: 'parameter', node: leaf, owner: parent, span: { start: leaf.nameStart, end: leaf.nameEnd } };
    case 'Identifier':
      return identifierTarget(leaf, path);
    case 'TypeReference':
      if (parent?.type === 'Access' && parent.target === leaf && leaf.value.toLowerCase() === 'class') return undefined;
      return { kind: 'type', name: definitionName(leaf.value), span: leaf };
    case 'Name':
      if (parent?.type === 'Resource' && parent.typeName === leaf) {
        return leaf.value === 'class' ? undefined : { kind: 'type', name: definitionName(leaf.value), span: leaf };
      }
      return literalTarget(leaf.value, leaf, path);
    case 'String':
      return leaf.quote === 'heredoc' ? undefined : literalTarget(leaf.value, leaf, path);
    default:
      return undefined;
  }
}

function identifierTarget(leaf: Identifier, path: readonly Node[]): PuppetTarget | undefined {
  const parent = path[path.length - 2];
  if (parent?.type === 'Class' && parent.parent === leaf) return { kind: 'class', name: definitionName(leaf.value), span: leaf };
  if (parent?.type !== 'Attribute' || parent.name !== leaf) return undefined;
  const owner = attributeOwner(path);
  return { kind: 'attribute', ...owner, name: leaf.value, span: leaf };
}

/** The type an attribute belongs to, from the resource, defaults, override or collector around it. */
function attributeOwner(path: readonly Node[]): { type: string | undefined; title?: string } {
  for (let i = path.length - 1; i >= 0; i--) {
    const node = path[i];
    switch (node.type) {
      case 'ResourceBody': {
        const resource = path[i - 1];
        if (resource?.type !== 'Resource' || resource.typeName.type !== 'Name') return { type: undefined };
        const type = definitionName(resource.typeName.value);
        if (type !== 'class') return { type };
        return { type, title: node.title.type === 'String' || node.title.type === 'Name' ? definitionName(node.title.value) : undefined };
      }
      case 'ResourceDefaults':
      case 'Collector':
        return { type: typeOfReference(node.typeRef) };
      case 'ResourceOverride':
        return { type: node.target.type === 'Access' ? typeOfReference(node.target.target) : undefined };
      default:
        if (node.type !== 'Attribute' && node.type !== 'Identifier') return { type: undefined };
    }
  }
  return { type: undefined };
}

function typeOfReference(e: Expression): string | undefined {
  return e.type === 'TypeReference' ? definitionName(e.value) : undefined;
}

/** A string or bare word that names a class or a referenced resource's title. */
function literalTarget(value: string, leaf: Expression, path: readonly Node[]): PuppetTarget | undefined {
  // Titles and arguments may be listed in an array.
  let i = path.length - 2;
  if (path[i]?.type === 'Array') i--;
  const holder = path[i];
  const child = path[i + 1];
  switch (holder?.type) {
    case 'Call':
      if (holder.callee.type !== 'Name' || !CLASS_DECLARING_FUNCTIONS.has(holder.callee.value) || !holder.args.includes(child as Expression)) return undefined;
      return { kind: 'class', name: definitionName(value), span: leaf };
    case 'ResourceBody': {
      const resource = path[i - 1];
      const declaresClass = resource?.type === 'Resource' && resource.typeName.type === 'Name' && resource.typeName.value === 'class';
      return declaresClass && holder.title === child ? { kind: 'class', name: definitionName(value), span: leaf } : undefined;
    }
    case 'Access': {
      if (holder.target.type !== 'TypeReference' || !holder.keys.includes(child as Expression)) return undefined;
      const type = definitionName(holder.target.value);
      return type === 'class' ? { kind: 'class', name: definitionName(value), span: leaf } : { kind: 'reference', type, title: value, span: leaf };
    }
    default:
      return undefined;
  }
}

// ---- declarations ----

/** Classes and defined types: those of this document first; the workspace's when it has none. */
export function findDefinitions(
  doc: PuppetDocument,
  kind: 'class' | 'define',
  name: string,
  index: PuppetWorkspaceIndex | undefined,
): readonly PuppetDefinitionInfo[] {
  const pick = (i: PuppetWorkspaceIndex) => (kind === 'class' ? i.classes : i.definedTypes).get(name) ?? [];
  const local = pick(localIndex(doc));
  return local.length > 0 || !index ? local : pick(index);
}

/** Where resources with this type and title are declared: in this document first, else in the workspace. */
export function findResources(doc: PuppetDocument, type: string, title: string, index: PuppetWorkspaceIndex | undefined): PuppetLocation[] {
  const key = resourceKey(type, title);
  const local = resourceDeclarations(doc).filter((r) => r.key === key);
  if (local.length > 0 || !index) return local.map((r) => ({ range: rangeOf(doc, r.titleNode) }));
  return (index.resources.get(key) ?? []).map((r) => r.location);
}

const localIndexes = new WeakMap<PuppetDocument, PuppetWorkspaceIndex>();

/** What the document itself declares, with locations in it. */
export function localIndex(doc: PuppetDocument): PuppetWorkspaceIndex {
  let index = localIndexes.get(doc);
  if (!index) {
    index = indexPuppetDocument(doc);
    localIndexes.set(doc, index);
  }
  return index;
}

// ---- variables ----

export interface VariableDeclaration {
  /** An assignment `$x = ...`, or a parameter of a class, define, function or lambda. */
  node: AssignmentExpression | Parameter;
  /** Where `$x` is written in it. */
  name: Span;
  /** The class, define, node, function or lambda it belongs to; none at top scope. */
  scope: Node | undefined;
}

type ScopeNode = Extract<Node, { type: 'Class' | 'Define' | 'Node' | 'Function' | 'Lambda' }>;

function isScope(node: Node): node is ScopeNode {
  return node.type === 'Class' || node.type === 'Define' || node.type === 'Node' || node.type === 'Function' || node.type === 'Lambda';
}

/**
 * Where a variable is assigned or declared as a parameter, as Puppet looks it up: the enclosing
 * lambdas, then the class, define, node or function (and a class's parent), then top scope.
 * `$a::b::x` is looked up in class `a::b`, `$::x` at top scope.
 */
export function findVariable(doc: PuppetDocument, variable: Variable, path: readonly Node[]): VariableDeclaration[] {
  const name = variable.name;
  if (name.startsWith('::')) return declarationsIn(doc.program, name.slice(2), undefined);
  const qualifier = name.lastIndexOf('::');
  if (qualifier > 0) {
    const owner = findClassNode(doc.program, definitionName(name.slice(0, qualifier)));
    return owner ? declarationsIn(owner, name.slice(qualifier + 2), variable) : [];
  }
  const seen = new Set<Node>();
  for (let i = path.length - 1; i >= 0; i--) {
    const scope = path[i];
    if (!isScope(scope)) continue;
    for (let s: ScopeNode | undefined = scope; s && !seen.has(s); s = parentClass(doc.program, s)) {
      seen.add(s);
      const found = declarationsIn(s, name, variable);
      if (found.length > 0) return found;
    }
    // Classes, defines, nodes and functions see top scope, not the code around them.
    if (scope.type !== 'Lambda') break;
  }
  return declarationsIn(doc.program, name, variable);
}

function parentClass(program: Program, scope: ScopeNode): ScopeNode | undefined {
  return scope.type === 'Class' && scope.parent ? findClassNode(program, definitionName(scope.parent.value)) : undefined;
}

function findClassNode(program: Program, name: string): ScopeNode | undefined {
  let found: ScopeNode | undefined;
  const visit = (node: Node) => {
    if (found) return;
    if (node.type === 'Class' && definitionName(node.name.value) === name) found = node;
    else forEachChild(node, visit);
  };
  visit(program);
  return found;
}

/**
 * Parameters and assignments of `name` in one scope, without looking into nested scopes.
 * Assignments before `use` come first: those are the ones Puppet can have evaluated.
 */
function declarationsIn(scope: ScopeNode | Program, name: string, use: Variable | undefined): VariableDeclaration[] {
  const owner = scope.type === 'Program' ? undefined : scope;
  const found: VariableDeclaration[] = [];
  if (scope.type !== 'Program' && scope.type !== 'Node') {
    for (const p of scope.parameters) if (p.name === name) found.push({ node: p, name: { start: p.nameStart, end: p.nameEnd }, scope: owner });
  }
  const visit = (node: Node) => {
    if (node !== scope && isScope(node)) return;
    if (node.type === 'Assignment' && node.operator === '=') {
      for (const target of node.target.type === 'Array' ? node.target.elements : [node.target]) {
        if (target.type === 'Variable' && target.name === name) found.push({ node, name: target, scope: owner });
      }
    }
    forEachChild(node, visit);
  };
  visit(scope.type === 'Program' ? scope : scope.body);
  if (!use) return found;
  const before = found.filter((d) => d.name.start <= use.start);
  return before.length > 0 ? before : found;
}
