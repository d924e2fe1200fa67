// `--format sarif`: a SARIF 2.1.0 log, as code scanning services (GitHub's among
// them) read it: the rules that ran, one result per finding, and its fix.
import { isAbsolute, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { ruleMarkdown } from '../../docs/ruleMarkdown';
import { ruleDocsUrl } from '../../docs/ruleUrl';
import type { Rule, Severity } from '../../rules/types';
import type { ReportedEdit, ReportedFinding } from './findings';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** Paths relative to the current directory are resolved against this base. */
const SOURCE_ROOT = '%SRCROOT%';

const LEVEL: Readonly<Record<Severity, Sarif.Result.level>> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

interface SarifTool {
  readonly version: string;
  readonly informationUri: string | undefined;
}

export interface SarifContext {
  /** The rules that ran; every finding's code is among them. */
  readonly rules: readonly Rule[];
  /** The directory findings' relative paths start from. */
  readonly cwd: string;
  readonly tool: SarifTool;
}

export function sarifReport(findings: readonly ReportedFinding[], context: SarifContext): string {
  const ruleIndex = new Map(context.rules.map((rule, index) => [rule.code, index]));
  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'memhints',
            version: context.tool.version,
            ...(context.tool.informationUri ? { informationUri: context.tool.informationUri } : {}),
            rules: context.rules.map(ruleDescriptor),
          },
        },
        // Columns count code points, as in the JSON output, not UTF-16 units (SARIF's default).
        columnKind: 'unicodeCodePoints',
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: directoryUri(context.cwd) } },
        results: findings.map((finding) => result(finding, ruleIndex.get(finding.code))),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function ruleDescriptor(rule: Rule): Sarif.ReportingDescriptor {
  return {
    id: rule.code,
    name: rule.name,
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.docs.whatItDoes },
    help: { text: rule.docs.whyBadForMemory, markdown: ruleMarkdown(rule) },
    helpUri: ruleDocsUrl(rule.code),
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
  };
}

function result(finding: ReportedFinding, ruleIndex: number | undefined): Sarif.Result {
  const artifactLocation = artifactLocationOf(finding.file);
  return {
    ruleId: finding.code,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    properties: { scale: finding.scale, ...(finding.holds ? { holds: finding.holds } : {}) },
    locations: [{ physicalLocation: { artifactLocation, region: region(finding) } }],
    ...(finding.fix
      ? {
          fixes: [
            {
              description: {
                text:
                  finding.fix.safety === 'safe'
                    ? 'Safe fix'
                    : 'Unsafe fix: it may change behaviour (memhints check --fix --unsafe-fixes)',
              },
              artifactChanges: [
                {
                  artifactLocation,
                  replacements: finding.fix.edits.map((edit: ReportedEdit) => ({
                    deletedRegion: region(edit),
                    insertedContent: { text: edit.text },
                  })),
                },
              ],
              properties: { safety: finding.fix.safety },
            },
          ],
        }
      : {}),
  };
}

/** 1-based lines and code-point columns; the end column is that of the first character after the region. */
function region(range: Pick<ReportedEdit, 'line' | 'column' | 'endLine' | 'endColumn'>): Sarif.Region {
  return { startLine: range.line, startColumn: range.column, endLine: range.endLine, endColumn: range.endColumn };
}

/** A relative path becomes a relative URI against %SRCROOT%; one outside the current directory stays absolute. */
function artifactLocationOf(file: string): Sarif.ArtifactLocation {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
}

function directoryUri(directory: string): string {
  const href = pathToFileURL(directory).href;
  return href.endsWith('/') ? href : `${href}/`;
}
