// The part of VS Code's snippet syntax our snippets use: tabstops, placeholders (nested),
// choices, variables and `\` escapes. Expanding a body the way VS Code inserts it lets the
// tests tokenize what a user actually gets. Anything else (transforms, stray `$`) is an error,
// so a malformed snippet fails its test instead of inserting odd text.

export type SnippetNode =
  | { kind: 'text'; value: string }
  /** `$1`, `${1}` or, with a default, `${1:default}`. */
  | { kind: 'tabstop'; index: number; placeholder?: SnippetNode[] }
  | { kind: 'choice'; index: number; options: string[] }
  | { kind: 'variable'; name: string; fallback?: SnippetNode[] };

export function parseSnippet(body: string): SnippetNode[] {
  let position = 0;

  function fail(message: string): never {
    throw new Error(`${message} at offset ${position} of snippet ${JSON.stringify(body)}`);
  }

  function parseNodes(closing: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flushText = () => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (position < body.length) {
      const char = body[position];
      if (char === '\\' && '$}\\'.includes(body[position + 1] ?? '')) {
        text += body[position + 1];
        position += 2;
      } else if (char === '}' && closing) {
        flushText();
        return nodes;
      } else if (char === '$') {
        flushText();
        nodes.push(parseDollar());
      } else {
        text += char;
        position++;
      }
    }
    if (closing) fail('missing }');
    flushText();
    return nodes;
  }

  function parseDollar(): SnippetNode {
    position++; // $
    const bare = /^(\d+|[A-Z_][A-Z_0-9]*)/.exec(body.slice(position));
    if (bare) {
      position += bare[0].length;
      return /^\d/.test(bare[0]) ? { kind: 'tabstop', index: Number(bare[0]) } : { kind: 'variable', name: bare[0] };
    }
    if (body[position] !== '{') fail('a $ that starts nothing (escape it as \\$)');
    position++;
    const head = /^(\d+|[A-Z_][A-Z_0-9]*)([}:|])/.exec(body.slice(position));
    if (!head) fail('unsupported ${...} form');
    const [matched, name, separator] = head;
    position += matched.length;
    const isTabstop = /^\d/.test(name);
    if (separator === '}') return isTabstop ? { kind: 'tabstop', index: Number(name) } : { kind: 'variable', name };
    if (separator === '|') {
      if (!isTabstop) fail('a choice needs a tabstop number');
      return { kind: 'choice', index: Number(name), options: parseChoiceOptions() };
    }
    const inner = parseNodes(true);
    position++; // }
    return isTabstop ? { kind: 'tabstop', index: Number(name), placeholder: inner } : { kind: 'variable', name, fallback: inner };
  }

  function parseChoiceOptions(): string[] {
    const options: string[] = [];
    let option = '';
    while (position < body.length) {
      const char = body[position];
      if (char === '\\' && ',|\\$}'.includes(body[position + 1] ?? '')) {
        option += body[position + 1];
        position += 2;
      } else if (char === ',') {
        options.push(option);
        option = '';
        position++;
      } else if (char === '|' && body[position + 1] === '}') {
        options.push(option);
        position += 2;
        return options;
      } else {
        option += char;
        position++;
      }
    }
    return fail('missing |}');
  }

  return parseNodes(false);
}

/**
 * The text VS Code inserts: placeholders and mirrors take the first default given for their
 * tabstop, choices their first option, variables the given values. A variable missing from
 * `variables` is an error, so a misspelt variable name fails.
 */
export function expandSnippet(body: string, variables: Readonly<Record<string, string>>): string {
  const nodes = parseSnippet(body);
  const defaults = new Map<number, string>();

  function render(list: SnippetNode[]): string {
    return list.map(renderNode).join('');
  }
  function renderNode(node: SnippetNode): string {
    switch (node.kind) {
      case 'text':
        return node.value;
      case 'choice':
        return node.options[0];
      case 'variable': {
        const value = variables[node.name];
        if (value === undefined) throw new Error(`unknown snippet variable $${node.name}`);
        return value || render(node.fallback ?? []);
      }
      case 'tabstop':
        return node.placeholder ? render(node.placeholder) : (defaults.get(node.index) ?? '');
    }
  }
  // Mirrors may come before the placeholder that gives their text.
  const collectDefaults = (list: SnippetNode[]) => {
    for (const node of list) {
      if (node.kind === 'choice' && !defaults.has(node.index)) defaults.set(node.index, node.options[0]);
      if (node.kind === 'tabstop' && node.placeholder) {
        collectDefaults(node.placeholder);
        if (!defaults.has(node.index)) defaults.set(node.index, render(node.placeholder));
      }
      if (node.kind === 'variable' && node.fallback) collectDefaults(node.fallback);
    }
  };
  collectDefaults(nodes);
  return render(nodes);
}

/** Every option of every choice, for checking what a user can pick. */
export function choiceOptions(body: string): string[][] {
  const options: string[][] = [];
  const walk = (list: SnippetNode[]) => {
    for (const node of list) {
      if (node.kind === 'choice') options.push(node.options);
      if (node.kind === 'tabstop' && node.placeholder) walk(node.placeholder);
      if (node.kind === 'variable' && node.fallback) walk(node.fallback);
    }
  };
  walk(parseSnippet(body));
  return options;
}
