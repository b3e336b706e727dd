// Where pmkit's output goes, and the exit codes it ends with (docs/cli.md lists them).

export const exitCodes = {
  /** No errors (warnings and infos allowed). */
  clean: 0,
  /** Linting worked and found at least one error. */
  errors: 1,
  /** Bad usage, or a file could not be read, decoded or written. */
  failure: 2,
} as const;

export interface Terminal {
  /** Report output (stdout). */
  write(text: string): void;
  /** One line for a person (stderr). */
  error(line: string): void;
  /** Replaces the current progress line on stderr; an empty line clears it. */
  progress(line: string): void;
  readonly stdoutColor: boolean;
  readonly stderrIsTTY: boolean;
}

/** Colour only for a terminal, never when NO_COLOR is set (no-color.org); FORCE_COLOR overrides detection. */
export function wantsColor(isTTY: boolean, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTTY;
}

export function processTerminal(): Terminal {
  const stderrIsTTY = Boolean(process.stderr.isTTY);
  return {
    write: (text) => void process.stdout.write(text),
    error: (line) => void process.stderr.write(line + '\n'),
    progress: (line) => {
      if (stderrIsTTY) process.stderr.write(`\r\x1b[K${line.slice(0, (process.stderr.columns || 80) - 1)}`);
    },
    stdoutColor: wantsColor(Boolean(process.stdout.isTTY), process.env),
    stderrIsTTY,
  };
}
