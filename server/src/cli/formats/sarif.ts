// `--format sarif`: SARIF 2.1.0, for code-scanning services (GitHub, Azure DevOps) and SARIF viewers.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectUrl } from '../../markdown/customRules';
import { describeRule, outputSeverity, type LintReport, type OutputSeverity, type RuleDescriptor } from '../report';

export const sarifSchema = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const informationUri = `${projectUrl}/blob/main/docs/cli.md`;

type SarifLevel = 'error' | 'warning' | 'note';

const levels: Record<OutputSeverity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

/** Relative paths are relative to %SRCROOT%, the working directory, so results stay valid on another machine. */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (path.isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

export function formatSarif(report: LintReport, cwd: string): string {
  const rules: RuleDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const results = report.files.flatMap(({ file, findings }) =>
    findings.map((finding) => {
      const rule = describeRule(finding);
      let index = ruleIndex.get(rule.id);
      if (index === undefined) {
        index = rules.push(rule) - 1;
        ruleIndex.set(rule.id, index);
      }
      const { start, end } = finding.range;
      return {
        ruleId: rule.id,
        ruleIndex: index,
        level: levels[outputSeverity(finding.severity)],
        message: { text: finding.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: artifactLocation(file),
              region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
            },
          },
        ],
      };
    }),
  );
  const log = {
    version: '2.1.0',
    $schema: sarifSchema,
    runs: [
      {
        tool: {
          driver: {
            name: 'pmkit',
            version: report.version,
            informationUri,
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.name,
              shortDescription: { text: rule.description },
              ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
              defaultConfiguration: { level: levels[rule.defaultSeverity] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
