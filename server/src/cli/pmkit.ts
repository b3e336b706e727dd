// pmkit: the command-line face of postmortem-kit. Lints postmortems in CI and shows the model pmkit reads.
// Bundled to dist/pmkit.js; documented in docs/cli.md.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { profiles } from '../postmortem/profiles';
import { defaultSettings, type AnalysisSettings } from '../settings';
import { readSettingsFile } from './configFile';
import { InputError } from './inputs';
import { inspectCommand, inspectFormats, type InspectFormat } from './inspect';
import { lintCommand, lintFormats, type LintFormat } from './lint';
import { exitCodes, processTerminal, type Terminal } from './terminal';

class UsageError extends Error {}

const usage = `Usage: pmkit <command> [options]

Commands:
  lint <paths...>     Lint postmortems and Puppet manifests: files, folders (searched for .md
                      and .pp), or globs
  inspect <file>      Show the model pmkit reads from one postmortem

Lint options:
  --format <name>     stylish (default), json, sarif, junit
  --fix               Apply the preferred fixes, write the files, report what remains
  --no-markdownlint   Skip markdownlint's rules; run only the postmortem rules
  --no-puppet-style   Skip the puppet-lint style checks in .pp files and puppet fences

Inspect options:
  --format <name>     text (default), json, csv (the timeline, one row per entry)

Common options:
  --profile <name>    Template profile: classic, google-sre, pagerduty, atlassian, custom
  --config <file>     Settings file (JSON with comments): profile, customProfile, rules, markdownlint,
                      puppet
  -h, --help          Show this help
  -v, --version       Show the version

Exit codes: 0 no errors, 1 errors found, 2 usage or file problem.
`;

const options = {
  format: { type: 'string' },
  fix: { type: 'boolean' },
  profile: { type: 'string' },
  config: { type: 'string' },
  'no-markdownlint': { type: 'boolean' },
  'no-puppet-style': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** The version of the package this bundle ships in (dist/pmkit.js sits beside ../package.json). */
function version(): string {
  try {
    const file = path.join(typeof __dirname === 'string' ? __dirname : process.cwd(), '..', 'package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function choice<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--format must be one of ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}

function settingsFrom(values: { config?: string; profile?: string; 'no-markdownlint'?: boolean; 'no-puppet-style'?: boolean }): AnalysisSettings {
  const settings = values.config ? readSettingsFile(values.config) : structuredClone(defaultSettings);
  if (values.profile !== undefined) settings.profile = values.profile;
  if (values['no-markdownlint']) settings.markdownlint.enable = false;
  if (values['no-puppet-style']) settings.puppet.style.enable = false;
  // The analysis falls back to classic on an unknown name (right for a half-typed VS Code setting);
  // on the command line a typo must not silently check against another template.
  const known = [...Object.keys(profiles), 'custom'];
  if (!known.includes(settings.profile)) throw new UsageError(`unknown profile "${settings.profile}" (profiles: ${known.join(', ')})`);
  if (settings.profile === 'custom' && !settings.customProfile) {
    throw new UsageError('profile "custom" needs a "customProfile" in the --config file');
  }
  return settings;
}

function run(argv: string[], terminal: Terminal): number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs explains itself ("Unknown option '--foo'"); its error codes are not for people.
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (values.version) {
    terminal.write(`${version()}\n`);
    return exitCodes.clean;
  }
  if (values.help || command === undefined || command === 'help') {
    terminal.write(usage);
    return command === undefined && !values.help ? exitCodes.failure : exitCodes.clean;
  }
  switch (command) {
    case 'lint': {
      if (args.length === 0) throw new UsageError('lint needs at least one file, folder or glob, e.g. "pmkit lint docs/postmortems"');
      const format = choice<LintFormat>(values.format, lintFormats, 'stylish');
      return lintCommand({ paths: args, format, fix: Boolean(values.fix), settings: settingsFrom(values), version: version() }, terminal);
    }
    case 'inspect': {
      if (args.length !== 1) throw new UsageError('inspect takes exactly one file, e.g. "pmkit inspect postmortem.md"');
      if (values.fix) throw new UsageError('--fix works with lint, not inspect');
      const format = choice<InspectFormat>(values.format, inspectFormats, 'text');
      terminal.write(inspectCommand(path.resolve(args[0]), format, settingsFrom(values)));
      return exitCodes.clean;
    }
    default:
      throw new UsageError(`unknown command "${command}" (commands: lint, inspect)`);
  }
}

/** Every failure ends as one line on stderr and exit code 2: a stack trace helps nobody reading CI logs. */
function main(): void {
  const terminal = processTerminal();
  try {
    process.exitCode = run(process.argv.slice(2), terminal);
  } catch (error) {
    if (error instanceof UsageError) terminal.error(`pmkit: ${error.message}\nRun "pmkit --help" for usage.`);
    else if (error instanceof InputError) terminal.error(`pmkit: ${error.message}`);
    else terminal.error(`pmkit: internal error: ${error instanceof Error ? error.message : String(error)} (please report it)`);
    process.exitCode = exitCodes.failure;
  }
}

main();
