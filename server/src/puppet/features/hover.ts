// Hover in Puppet code: docs of resource types, attributes and metaparameters (from the core
// types data), the declaration of a variable, and the signature of a class or defined type.
import type { Range } from '../../finding';
import type { Node } from '../ast';
import { referenceType, resourceKey } from '../checker';
import { attributeOf, coreType, metaparameter } from '../coreTypes';
import { attributeSpecMarkdown, code, coreTypeMarkdown, definitionMarkdown, excerpt, parameterMarkdown } from './docs';
import { asDocument, rangeOf, textOf, type PuppetDocument, type PuppetInput } from './document';
import { findDefinitions, findVariable, targetAt, type VariableDeclaration } from './references';
import { resourceDeclarations } from './resources';
import type { PuppetWorkspaceIndex } from './workspaceIndex';

export interface PuppetHover {
  markdown: string;
  range: Range;
}

/** Variables Puppet sets itself. */
const builtinVariables: Readonly<Record<string, string>> = {
  facts: "Facts about the node, as a hash: `$facts['os']['family']`.",
  trusted: "Facts the Puppet server took from the node's certificate, which the node cannot fake.",
  server_facts: 'Facts about the Puppet server compiling the catalog.',
  title: 'The title of the resource declaring this class or defined type.',
  name: 'The name of the resource declaring this class or defined type; its title unless set.',
  module_name: 'The name of the module this code is in.',
  environment: "The node's environment.",
};

export function puppetHover(input: PuppetInput, offset: number, index?: PuppetWorkspaceIndex): PuppetHover | undefined {
  const doc = asDocument(input);
  const target = targetAt(doc, offset);
  if (!target) return undefined;
  let markdown: string | undefined;
  switch (target.kind) {
    case 'variable': {
      const name = target.node.name.replace(/^::/, '');
      const declarations = findVariable(doc, target.node, target.path);
      markdown = declarations.length > 0 ? declarations.slice(0, 3).map((d) => declarationMarkdown(doc, d)).join('\n\n---\n\n') : builtinVariable(name);
      break;
    }
    case 'parameter':
      markdown = declarationMarkdown(doc, { node: target.node, name: target.span, scope: target.owner });
      break;
    case 'type':
      markdown = typeMarkdown(doc, target.name, index);
      break;
    case 'attribute':
      markdown = attributeMarkdown(doc, target.type, target.title, target.name, index);
      break;
    case 'reference': {
      const key = resourceKey(target.type, target.title);
      const declaration = resourceDeclarations(doc).find((r) => r.key === key);
      const elsewhere = declaration ? undefined : index?.resources.get(key)?.[0]?.location.uri;
      if (declaration) markdown = code(excerpt(textOf(doc, declaration.resource)));
      else if (elsewhere) markdown = `**${referenceType(target.type)}['${target.title}']** · declared in \`${elsewhere}\``;
      break;
    }
    case 'class': {
      const definition = findDefinitions(doc, 'class', target.name, index)[0];
      markdown = definition && definitionMarkdown(definition);
      break;
    }
  }
  return markdown ? { markdown, range: rangeOf(doc, target.span) } : undefined;
}

function builtinVariable(name: string): string | undefined {
  const doc = builtinVariables[name];
  return doc && `**$${name}** · set by Puppet\n\n${doc}`;
}

function scopeLabel(doc: PuppetDocument, scope: Node | undefined): string {
  switch (scope?.type) {
    case 'Class':
      return `class \`${scope.name.value}\``;
    case 'Define':
      return `defined type \`${scope.name.value}\``;
    case 'Function':
      return `function \`${scope.name.value}\``;
    case 'Node':
      return `node ${scope.matches.map((m) => textOf(doc, m)).join(', ')}`;
    case 'Lambda':
      return 'the lambda';
    default:
      return 'top scope';
  }
}

function declarationMarkdown(doc: PuppetDocument, declaration: VariableDeclaration): string {
  const { node, scope } = declaration;
  const role = node.type === 'Parameter' ? 'Parameter of' : 'Assigned in';
  return `${code(excerpt(textOf(doc, node)))}\n\n${role} ${scopeLabel(doc, scope)}`;
}

function typeMarkdown(doc: PuppetDocument, name: string, index: PuppetWorkspaceIndex | undefined): string | undefined {
  const core = coreTypeMarkdown(name);
  if (core) return core;
  const definition = findDefinitions(doc, 'define', name, index)[0] ?? findDefinitions(doc, 'class', name, index)[0];
  return definition && definitionMarkdown(definition);
}

function attributeMarkdown(
  doc: PuppetDocument,
  type: string | undefined,
  title: string | undefined,
  name: string,
  index: PuppetWorkspaceIndex | undefined,
): string | undefined {
  const spec = type ? coreType(type) : undefined;
  const core = spec ? attributeOf(spec, name) : metaparameter(name);
  if (core) return attributeSpecMarkdown(core, type);
  const definition =
    type === 'class' ? title && findDefinitions(doc, 'class', title, index)[0] : type && findDefinitions(doc, 'define', type, index)[0];
  const parameter = definition ? definition.parameters.find((p) => p.name === name) : undefined;
  return definition && parameter && parameterMarkdown(definition, parameter);
}
