// Loads the extension's TextMate grammars the way VS Code does (vscode-textmate on the
// Oniguruma WASM build) and tokenizes whole texts, keeping the rule stack after every line.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import oniguruma from 'vscode-oniguruma';
import textmate from 'vscode-textmate';
import type { IGrammar, IToken, StateStack } from 'vscode-textmate';

const repoRoot = new URL('../../', import.meta.url);

/** Grammar files by scope name. Markdown itself is a test-only stand-in: VS Code's grammar is not installed. */
const grammarFiles: Record<string, URL> = {
  'source.puppet': new URL('syntaxes/puppet.tmLanguage.json', repoRoot),
  'markdown.puppet.codeblock': new URL('syntaxes/markdown-puppet.injection.tmLanguage.json', repoRoot),
  'text.html.markdown': new URL('test/grammar/fixtures/markdown.tmLanguage.json', repoRoot),
};

/** What package.json's `injectTo` declares. */
const injections: Record<string, string[]> = {
  'text.html.markdown': ['markdown.puppet.codeblock'],
};

let registry: Promise<textmate.Registry> | undefined;

function createRegistry(): Promise<textmate.Registry> {
  registry ??= (async () => {
    const wasmPath = createRequire(import.meta.url).resolve('vscode-oniguruma/release/onig.wasm');
    await oniguruma.loadWASM(await readFile(wasmPath));
    return new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (sources) => oniguruma.createOnigScanner(sources),
        createOnigString: (text) => oniguruma.createOnigString(text),
      }),
      loadGrammar: async (scopeName) => {
        const file = grammarFiles[scopeName];
        if (!file) return null;
        return textmate.parseRawGrammar(await readFile(file, 'utf8'), file.pathname);
      },
      getInjections: (scopeName) => injections[scopeName],
    });
  })();
  return registry;
}

export async function loadGrammar(scopeName: string): Promise<IGrammar> {
  const grammar = await (await createRegistry()).loadGrammar(scopeName);
  if (!grammar) throw new Error(`no grammar for ${scopeName}`);
  return grammar;
}

export interface TokenizedText {
  lines: string[];
  /** Tokens of each line. */
  tokens: IToken[][];
  /** The rule stack after each line. */
  states: StateStack[];
}

export function tokenizeText(grammar: IGrammar, text: string): TokenizedText {
  const lines = text.split(/\r?\n/);
  const tokens: IToken[][] = [];
  const states: StateStack[] = [];
  let state = textmate.INITIAL;
  for (const line of lines) {
    const result = grammar.tokenizeLine(line, state);
    tokens.push(result.tokens);
    states.push(result.ruleStack);
    state = result.ruleStack;
  }
  return { lines, tokens, states };
}

/**
 * Where a begin/end rule opened and never closed: the 0-based line after the last line that
 * ended at the grammar's root, or undefined when the text ends at the root. A valid file must
 * not leave anything open (an unterminated string at EOF means a rule ran away).
 */
export function unclosedFrom(tokenized: TokenizedText): number | undefined {
  const { states } = tokenized;
  if (states.length === 0 || states[states.length - 1].depth === 1) return undefined;
  let line = states.length - 1;
  while (line > 0 && states[line - 1].depth !== 1) line--;
  return line;
}

/** The token covering `column` of `line`. */
export function tokenAt(tokenized: TokenizedText, line: number, column: number): IToken | undefined {
  return tokenized.tokens[line]?.find((token) => token.startIndex <= column && column < token.endIndex);
}
