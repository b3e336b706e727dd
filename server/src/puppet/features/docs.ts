// Markdown for Puppet things, shared by hover and completion: resource types, attributes, classes
// and defined types, and excerpts of code.
import { bundledTypeNames, coreType, type AttributeSpec } from '../coreTypes';
import type { PuppetDefinitionInfo, PuppetParameterInfo } from './workspaceIndex';

/** Most lines of code a hover shows. */
const MAX_CODE_LINES = 8;

export function code(text: string): string {
  return '```puppet\n' + text + '\n```';
}

/** The first lines of a piece of code, without their common indentation. */
export function excerpt(text: string): string {
  const lines = text.split(/\r?\n/);
  const shown = lines.slice(0, MAX_CODE_LINES);
  const indent = Math.min(...shown.slice(1).filter((l) => l.trim()).map((l) => /^\s*/.exec(l)![0].length));
  const body = shown.map((l, i) => (i === 0 || !Number.isFinite(indent) ? l : l.slice(indent))).join('\n');
  return lines.length > MAX_CODE_LINES ? body + '\n# …' : body;
}

/** Docs of a built-in resource type; undefined for other names. */
export function coreTypeMarkdown(name: string): string | undefined {
  const spec = coreType(name);
  if (!spec) return bundledTypeNames.includes(name) ? `**${name}** · resource type shipped with Puppet` : undefined;
  const namevar = spec.attributes.find((a) => a.namevar);
  return `**${spec.name}** · resource type\n\n${spec.doc}` + (namevar ? `\n\nThe title sets \`${namevar.name}\` unless it is given.` : '');
}

const MAX_SIGNATURE_PARAMETERS = 12;

export function definitionMarkdown(definition: PuppetDefinitionInfo): string {
  const label = definition.kind === 'class' ? 'class' : 'defined type';
  const keyword = definition.kind === 'class' ? 'class' : 'define';
  const shown = definition.parameters.slice(0, MAX_SIGNATURE_PARAMETERS).map((p) => `  ${parameterSignature(p)},`);
  const more = definition.parameters.length - shown.length;
  if (more > 0) shown.push(`  # … ${more} more`);
  const signature = shown.length > 0 ? `${keyword} ${definition.name} (\n${shown.join('\n')}\n)` : `${keyword} ${definition.name}`;
  const summary = definition.summary ? `\n\n${definition.summary}` : '';
  return `**${definition.name}** · ${label}${summary}\n\n${code(signature)}`;
}

export function parameterSignature(p: PuppetParameterInfo): string {
  return `${p.type ? p.type + ' ' : ''}$${p.name}${p.defaultValue !== undefined ? ' = ' + p.defaultValue : ''}`;
}

/** Docs of a class's or defined type's parameter. */
export function parameterMarkdown(definition: PuppetDefinitionInfo, parameter: PuppetParameterInfo): string {
  const owner = `${definition.kind === 'class' ? 'class' : 'defined type'} \`${definition.name}\``;
  return `**${parameter.name}** · parameter of ${owner}\n\n${code(parameterSignature(parameter))}` + (parameter.doc ? `\n\n${parameter.doc}` : '');
}

export function attributeSpecMarkdown(spec: AttributeSpec, type: string | undefined): string {
  const role = spec.kind === 'metaparameter' ? 'metaparameter' : `${spec.kind} of \`${type}\``;
  const parts = [`**${spec.name}** · ${role}`, spec.doc];
  if (spec.values) {
    const values = spec.values.map((v) => `\`${v}\``).join(', ');
    parts.push(`Values: ${values}${spec.freeForm ? `, or ${spec.freeForm.describe}` : ''}`);
  }
  if (spec.default !== undefined) parts.push(`Default: \`${spec.default}\``);
  if (spec.namevar) parts.push('Defaults to the title.');
  return parts.join('\n\n');
}
