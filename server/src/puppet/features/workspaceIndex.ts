// What one Puppet text declares for the others to find: classes, defined types and resources
// with literal titles. The language server indexes each .pp file and fence with
// `indexPuppetDocument` and merges the parts with `mergePuppetIndexes`; go to definition, hover and
// completion read the merged index.
import type { Range } from '../../finding';
import { walk, type ClassDefinition, type DefineDefinition } from '../ast';
import { definitionName } from '../checker';
import { asDocument, rangeOf, textOf, type PuppetDocument, type PuppetInput } from './document';
import { resourceDeclarations } from './resources';

export interface PuppetLocation {
  /** The file; absent for a place in the text the feature was asked about. */
  uri?: string;
  range: Range;
}

export interface PuppetParameterInfo {
  /** Without `$`. */
  name: string;
  /** The type as written: `Enum['present', 'absent']`. */
  type?: string;
  /** The default as written. */
  defaultValue?: string;
  /** From the `@param` tag of the comment above the definition. */
  doc?: string;
  location: PuppetLocation;
}

export interface PuppetDefinitionInfo {
  kind: 'class' | 'define';
  /** Lower-case, without a leading `::`. */
  name: string;
  /** The name in the definition. */
  location: PuppetLocation;
  parameters: readonly PuppetParameterInfo[];
  /** From the comment above the definition: its `@summary`, or else its first paragraph. */
  summary?: string;
}

export interface PuppetResourceInfo {
  /** Lower-case: 'package', 'apache::vhost', 'class'. */
  type: string;
  title: string;
  /** The title in the declaration. */
  location: PuppetLocation;
}

export interface PuppetWorkspaceIndex {
  classes: ReadonlyMap<string, readonly PuppetDefinitionInfo[]>;
  definedTypes: ReadonlyMap<string, readonly PuppetDefinitionInfo[]>;
  /** Resources with literal titles, by `resourceKey` (`package[php-missing-module]`). */
  resources: ReadonlyMap<string, readonly PuppetResourceInfo[]>;
}

export const emptyPuppetIndex: PuppetWorkspaceIndex = { classes: new Map(), definedTypes: new Map(), resources: new Map() };

/** What `input` declares; locations carry `uri`, or none for the text itself. */
export function indexPuppetDocument(input: PuppetInput, uri?: string): PuppetWorkspaceIndex {
  const doc = asDocument(input);
  const at = (span: { start: number; end: number }): PuppetLocation => (uri === undefined ? { range: rangeOf(doc, span) } : { uri, range: rangeOf(doc, span) });
  const classes = new Map<string, PuppetDefinitionInfo[]>();
  const definedTypes = new Map<string, PuppetDefinitionInfo[]>();
  const resources = new Map<string, PuppetResourceInfo[]>();
  walk(doc.program, (node) => {
    if (node.type === 'Class' || node.type === 'Define') {
      const info = definitionInfo(doc, node, at);
      add(node.type === 'Class' ? classes : definedTypes, info.name, info);
    }
  });
  for (const r of resourceDeclarations(doc)) add(resources, r.key, { type: r.type, title: r.title, location: at(r.titleNode) });
  return { classes, definedTypes, resources };
}

export function mergePuppetIndexes(parts: Iterable<PuppetWorkspaceIndex>): PuppetWorkspaceIndex {
  const classes = new Map<string, PuppetDefinitionInfo[]>();
  const definedTypes = new Map<string, PuppetDefinitionInfo[]>();
  const resources = new Map<string, PuppetResourceInfo[]>();
  for (const part of parts) {
    for (const [name, infos] of part.classes) for (const info of infos) add(classes, name, info);
    for (const [name, infos] of part.definedTypes) for (const info of infos) add(definedTypes, name, info);
    for (const [key, infos] of part.resources) for (const info of infos) add(resources, key, info);
  }
  return { classes, definedTypes, resources };
}

/** The index with every location moved by `move`: a fence's index in the positions of its Markdown file. */
export function relocatePuppetIndex(index: PuppetWorkspaceIndex, move: (location: PuppetLocation) => PuppetLocation): PuppetWorkspaceIndex {
  const definitions = (map: ReadonlyMap<string, readonly PuppetDefinitionInfo[]>) =>
    new Map(
      [...map].map(([name, infos]) => [
        name,
        infos.map((info) => ({ ...info, location: move(info.location), parameters: info.parameters.map((p) => ({ ...p, location: move(p.location) })) })),
      ]),
    );
  return {
    classes: definitions(index.classes),
    definedTypes: definitions(index.definedTypes),
    resources: new Map([...index.resources].map(([key, infos]) => [key, infos.map((info) => ({ ...info, location: move(info.location) }))])),
  };
}

function add<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function definitionInfo(
  doc: PuppetDocument,
  node: ClassDefinition | DefineDefinition,
  at: (span: { start: number; end: number }) => PuppetLocation,
): PuppetDefinitionInfo {
  const comment = commentAbove(doc, node.start);
  return {
    kind: node.type === 'Class' ? 'class' : 'define',
    name: definitionName(node.name.value),
    location: at(node.name),
    parameters: node.parameters.map((p) => ({
      name: p.name,
      type: p.typeExpr && textOf(doc, p.typeExpr),
      defaultValue: p.defaultValue && textOf(doc, p.defaultValue),
      doc: comment.params.get(p.name),
      location: at({ start: p.nameStart, end: p.nameEnd }),
    })),
    summary: comment.summary,
  };
}

/**
 * The `#` comment lines right above `offset`'s line, read as puppet-strings docs: `@summary`, or
 * the text before the first tag, and each `@param name text` with its indented continuation lines.
 */
function commentAbove(doc: PuppetDocument, offset: number): { summary?: string; params: Map<string, string> } {
  const source = doc.source;
  const lines: string[] = [];
  for (let n = source.positionAt(offset).line - 1; n >= 0; n--) {
    const m = /^\s*#(.*)$/.exec(source.line(n));
    if (!m) break;
    lines.unshift(m[1].replace(/^ /, ''));
  }
  const params = new Map<string, string>();
  const intro: string[] = [];
  let summary: string | undefined;
  let tag: { name: string; param?: string; text: string[] } | undefined;
  const closeTag = () => {
    if (tag?.name === 'summary') summary = tag.text.join(' ').trim();
    else if (tag?.name === 'param' && tag.param) params.set(tag.param, tag.text.join(' ').trim());
    tag = undefined;
  };
  for (const line of lines) {
    const tagLine = /^@(\w+)\s*(.*)$/.exec(line);
    if (tagLine) {
      closeTag();
      const [, name, rest] = tagLine;
      const param = name === 'param' ? /^\$?(\w+)\s*(.*)$/.exec(rest) : null;
      tag = param ? { name, param: param[1], text: [param[2]] } : { name, text: [rest] };
    } else if (tag) {
      tag.text.push(line.trim());
    } else {
      intro.push(line.trim());
    }
  }
  closeTag();
  const paragraph = intro.join('\n').trim().split(/\n\s*\n/)[0]?.replace(/\s*\n\s*/g, ' ');
  return { summary: summary || paragraph || undefined, params };
}
