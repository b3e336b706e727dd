// The outline of Puppet code: classes, defined types, nodes, functions and type aliases, with the
// resources they declare, each resource named the way it is referenced (`Package['php']`).
import type { Range } from '../../finding';
import { forEachChild, type Node, type ResourceBody, type ResourceExpression } from '../ast';
import { referenceType } from '../checker';
import { asDocument, rangeOf, textOf, type PuppetDocument, type PuppetInput, type Span } from './document';

export type PuppetSymbolKind = 'class' | 'define' | 'node' | 'resource' | 'function' | 'type';

export interface PuppetSymbol {
  name: string;
  kind: PuppetSymbolKind;
  detail?: string;
  /** Everything the symbol covers. */
  range: Range;
  /** What the editor selects when the symbol is picked: its name or title. */
  selectionRange: Range;
  children: PuppetSymbol[];
}

export function puppetSymbols(input: PuppetInput): PuppetSymbol[] {
  const doc = asDocument(input);
  return symbolsIn(doc, doc.program);
}

function symbolsIn(doc: PuppetDocument, node: Node): PuppetSymbol[] {
  const symbols: PuppetSymbol[] = [];
  forEachChild(node, (child) => symbols.push(...symbolsOf(doc, child)));
  return symbols;
}

function symbolsOf(doc: PuppetDocument, node: Node): PuppetSymbol[] {
  const symbol = (name: string, kind: PuppetSymbolKind, selection: Span, inner: Node | undefined, detail?: string): PuppetSymbol => ({
    name,
    kind,
    ...(detail ? { detail } : {}),
    range: rangeOf(doc, node),
    selectionRange: rangeOf(doc, selection),
    children: inner ? symbolsIn(doc, inner) : [],
  });
  switch (node.type) {
    case 'Class':
      return [symbol(node.name.value, 'class', node.name, node.body, node.parent && `inherits ${node.parent.value}`)];
    case 'Define':
      return [symbol(node.name.value, 'define', node.name, node.body)];
    case 'Function':
      return [symbol(node.name.value, 'function', node.name, node.body)];
    case 'Node': {
      const names = node.matches.length > 0 ? { start: node.matches[0].start, end: node.matches[node.matches.length - 1].end } : node;
      return [symbol(textOf(doc, names), 'node', names, node.body)];
    }
    case 'TypeAlias':
      return [symbol(textOf(doc, node.name), 'type', node.name, undefined)];
    case 'TypeDefinition':
      return [symbol(node.name.value, 'type', node.name, node.body)];
    case 'Resource':
      return node.bodies.map((body) => resourceSymbol(doc, node, body));
    default:
      return symbolsIn(doc, node);
  }
}

function resourceSymbol(doc: PuppetDocument, resource: ResourceExpression, body: ResourceBody): PuppetSymbol {
  const title = body.title.type === 'Array' ? textOf(doc, body.title).slice(1, -1).trim() : textOf(doc, body.title);
  const form = resource.form === 'regular' ? undefined : resource.form;
  return {
    name: `${referenceType(textOf(doc, resource.typeName))}[${title}]`,
    kind: 'resource',
    ...(form ? { detail: form } : {}),
    // One body: the whole resource; several: each its own body.
    range: rangeOf(doc, resource.bodies.length === 1 ? resource : body),
    selectionRange: rangeOf(doc, body.title),
    children: symbolsIn(doc, body),
  };
}
