// The resources a document declares with literal titles: what `Package['x']` can refer to.
import { walk, type Expression, type ResourceBody, type ResourceExpression } from '../ast';
import { definitionName, resourceKey } from '../checker';
import type { PuppetDocument } from './document';

export interface ResourceDeclaration {
  /** Lower-case: 'package', 'apache::vhost', 'class'. */
  type: string;
  title: string;
  /** `resourceKey(type, title)`: how Puppet tells resources apart. */
  key: string;
  titleNode: Expression;
  body: ResourceBody;
  resource: ResourceExpression;
}

const cache = new WeakMap<PuppetDocument, ResourceDeclaration[]>();

/** One entry per literal title (`['a', 'b']` declares two); computed titles are left out. */
export function resourceDeclarations(doc: PuppetDocument): ResourceDeclaration[] {
  let found = cache.get(doc);
  if (found) return found;
  found = [];
  const declarations = found;
  walk(doc.program, (node) => {
    if (node.type !== 'Resource' || node.typeName.type !== 'Name') return;
    const type = definitionName(node.typeName.value);
    for (const body of node.bodies) {
      for (const titleNode of literalTitles(body.title)) {
        declarations.push({ type, title: titleNode.value, key: resourceKey(type, titleNode.value), titleNode, body, resource: node });
      }
    }
  });
  cache.set(doc, declarations);
  return declarations;
}

/** Titles written as literals: `'x'`, `x`, `['a', 'b']`. */
function literalTitles(title: Expression): Array<Expression & { value: string }> {
  const items = title.type === 'Array' ? title.elements : [title];
  return items.filter((node) => node.type === 'String' || node.type === 'Name');
}
