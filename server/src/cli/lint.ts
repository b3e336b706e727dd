// `pmkit lint`: finds the documents, analyses each the way the extension does, optionally fixes them,
// and prints one report in the chosen format.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { comparePositions, type Finding } from '../finding';
import { MarkdownlintConfigs } from '../markdown/markdownlintConfig';
import { runMarkdownlint } from '../markdown/markdownlint';
import { analyzePostmortem, analyzePuppetFile } from '../service/analyze';
import { isPuppetWorkspaceFile, PuppetWorkspace } from '../service/puppetWorkspace';
import { filesBelow, readTextFile } from '../service/workspaceFiles';
import type { AnalysisSettings } from '../settings';
import { fixAll } from './fixAll';
import { formatJson } from './formats/json';
import { formatJunit } from './formats/junit';
import { formatSarif } from './formats/sarif';
import { formatStylish } from './formats/stylish';
import { collectFiles, displayPath, folderArguments, InputError, readDocument } from './inputs';
import { totals, type FileReport, type LintReport } from './report';
import { exitCodes, type Terminal } from './terminal';

export const lintFormats = ['stylish', 'json', 'sarif', 'junit'] as const;
export type LintFormat = (typeof lintFormats)[number];

export interface LintOptions {
  paths: string[];
  format: LintFormat;
  fix: boolean;
  settings: AnalysisSettings;
  version: string;
}

/** Everything one run shares across files. */
interface LintRun {
  settings: AnalysisSettings;
  markdownlintConfigs: MarkdownlintConfigs;
  /** Declarations, Ruby types and .puppet-lint.rc files, indexed once for every file of the run. */
  puppet: PuppetWorkspace;
}

type FileLinter = (text: string, file: string, run: LintRun) => Finding[];

/**
 * Every .md file pmkit is pointed at is linted as a postmortem, including all .md files in a folder it is
 * given: the user chose the folder, and guessing from file names would silently skip documents.
 */
function lintPostmortemFile(text: string, file: string, run: LintRun): Finding[] {
  const { findings } = analyzePostmortem(text, run.settings, run.puppet.contextFor(file));
  const markdownlint = run.settings.markdownlint.enable ? runMarkdownlint(text, file, { configs: run.markdownlintConfigs }) : [];
  return [...findings, ...markdownlint].sort((a, b) => comparePositions(a.range.start, b.range.start) || a.rule.localeCompare(b.rule));
}

function lintManifest(text: string, file: string, run: LintRun): Finding[] {
  return analyzePuppetFile(text, run.settings, run.puppet.contextFor(file)).findings;
}

/** What pmkit lints, by file extension; file collection follows this table. */
const linters: Record<string, FileLinter> = {
  '.md': lintPostmortemFile,
  '.markdown': lintPostmortemFile,
  '.pp': lintManifest,
};

function isMarkdown(file: string): boolean {
  return linters[path.extname(file).toLowerCase()] === lintPostmortemFile;
}

/**
 * The workspace a run checks Puppet against: every manifest and Ruby type below the folders it was given,
 * and the manifests it lints (a file or glob argument brings no folder of its own).
 */
function puppetWorkspace(paths: readonly string[], files: readonly string[], cwd: string): PuppetWorkspace {
  const workspace = new PuppetWorkspace(readTextFile);
  const below = folderArguments(paths, cwd).flatMap((folder) => filesBelow(folder).filter(isPuppetWorkspaceFile));
  workspace.add(new Set([...below, ...files.filter(isPuppetWorkspaceFile)]));
  return workspace;
}

/** Progress is shown only to a person watching a terminal, and only when the wait is noticeable. */
const progressThreshold = 10;

export function lintCommand(options: LintOptions, terminal: Terminal): number {
  const cwd = process.cwd();
  const files = collectFiles(options.paths, Object.keys(linters), cwd);
  const run: LintRun = { settings: options.settings, markdownlintConfigs: new MarkdownlintConfigs(), puppet: puppetWorkspace(options.paths, files, cwd) };
  const reports: FileReport[] = [];
  const configProblems = new Set<string>();
  let failed = false;
  let fixedFiles = 0;
  let fixedEdits = 0;
  const progress = terminal.stderrIsTTY && files.length > progressThreshold;
  files.forEach((file, index) => {
    const shown = displayPath(file, cwd);
    if (progress) terminal.progress(`pmkit: linting ${index + 1}/${files.length} ${shown}`);
    const lint = (text: string) => linters[path.extname(file).toLowerCase()](text, file, run);
    try {
      const document = readDocument(file);
      if (run.settings.markdownlint.enable && isMarkdown(file)) {
        for (const problem of run.markdownlintConfigs.resolve(file).problems) configProblems.add(problem);
      }
      if (!options.fix) {
        reports.push({ file: shown, findings: lint(document.text) });
        return;
      }
      const outcome = fixAll(document.text, lint);
      if (outcome.text !== document.text) {
        writeDocument(file, (document.bom ? '\uFEFF' : '') + outcome.text);
        fixedFiles++;
        fixedEdits += outcome.applied;
      }
      reports.push({ file: shown, findings: outcome.findings });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      failed = true;
      if (progress) terminal.progress('');
      terminal.error(`pmkit: ${shown}: ${error.message}`);
    }
  });
  if (progress) terminal.progress('');
  for (const problem of configProblems) terminal.error(`pmkit: warning: markdownlint config ${problem}`);
  if (fixedFiles > 0) terminal.error(`pmkit: applied ${fixedEdits} fix${fixedEdits === 1 ? '' : 'es'} in ${fixedFiles} file${fixedFiles === 1 ? '' : 's'}`);

  const report: LintReport = { files: reports, version: options.version };
  terminal.write(format(report, options.format, terminal, cwd));
  if (failed) return exitCodes.failure;
  return totals(reports).error > 0 ? exitCodes.errors : exitCodes.clean;
}

function format(report: LintReport, name: LintFormat, terminal: Terminal, cwd: string): string {
  switch (name) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, cwd);
    case 'junit':
      return formatJunit(report);
    case 'stylish':
      return formatStylish(report, { color: terminal.stdoutColor });
  }
}

function writeDocument(file: string, text: string): void {
  try {
    writeFileSync(file, text, 'utf8');
  } catch (error) {
    throw new InputError(`cannot write the fixed text (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
}
