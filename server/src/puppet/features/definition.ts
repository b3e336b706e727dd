// Go to definition in Puppet code: a variable to its assignment or parameter, `Package['x']` to
// the resource's declaration, a class or defined type to where it is defined (here or in the
// workspace index), and an attribute of a class or defined type to its parameter.
import { asDocument, rangeOf, type PuppetInput } from './document';
import { findDefinitions, findResources, findVariable, targetAt } from './references';
import type { PuppetLocation, PuppetWorkspaceIndex } from './workspaceIndex';

export function puppetDefinition(input: PuppetInput, offset: number, index?: PuppetWorkspaceIndex): PuppetLocation[] {
  const doc = asDocument(input);
  const target = targetAt(doc, offset);
  switch (target?.kind) {
    case 'variable':
      return findVariable(doc, target.node, target.path).map((d) => ({ range: rangeOf(doc, d.name) }));
    case 'parameter':
      return [{ range: rangeOf(doc, target.span) }];
    case 'type': {
      const defines = findDefinitions(doc, 'define', target.name, index);
      // A bare `Foo::Bar` may name a class.
      return (defines.length > 0 ? defines : findDefinitions(doc, 'class', target.name, index)).map((d) => d.location);
    }
    case 'attribute': {
      if (!target.type) return [];
      const definitions = target.type === 'class' ? (target.title ? findDefinitions(doc, 'class', target.title, index) : []) : findDefinitions(doc, 'define', target.type, index);
      return definitions.flatMap((d) => d.parameters.filter((p) => p.name === target.name).map((p) => p.location));
    }
    case 'reference':
      return findResources(doc, target.type, target.title, index);
    case 'class':
      return findDefinitions(doc, 'class', target.name, index).map((d) => d.location);
    default:
      return [];
  }
}
