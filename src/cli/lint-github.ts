/**
 * `cdk8s-batch lint --format github`: one GitHub Actions workflow command per finding
 * (`::error file=...,line=...,col=...,title=...::message`), which a pull request shows as an
 * annotation on the offending line, then one per input that could not be read (an error where it
 * broke) and per document left unchecked (a notice), then the text summary.
 */
import { ManifestProblem } from '../manifests/document';
import { ObjectFieldLocator } from '../manifests/field-positions';
import { LintResult } from '../manifests/lint';
import { Severity } from '../rules/finding';
import { findingText } from './finding-text';

/** A command's message: GitHub reads %, CR and LF as escapes. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command's property value: also `:` and `,`, which separate properties. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function lintGithubAnnotations(
  result: LintResult,
  problems: readonly ManifestProblem[],
  locate: ObjectFieldLocator,
): string[] {
  const lines: string[] = [];
  for (const object of result.objects) {
    const name = object.name === '' ? `${object.kind} (unnamed)` : `${object.kind} ${object.name}`;
    for (const finding of object.findings) {
      const position = locate(object, finding.field);
      const properties = [
        `file=${escapeProperty(object.file)}`,
        `line=${position?.line ?? object.line}`,
        ...(position === undefined ? [] : [`col=${position.column}`]),
        `title=${escapeProperty(`${finding.rule} (${name})`)}`,
      ].join(',');
      const command = finding.severity === Severity.ERROR ? 'error' : 'warning';
      lines.push(`::${command} ${properties}::${escapeData(findingText(finding))}`);
    }
  }
  for (const problem of problems) {
    const properties = [
      `file=${escapeProperty(problem.file)}`,
      ...(problem.line === undefined ? [] : [`line=${problem.line}`]),
      ...(problem.column === undefined ? [] : [`col=${problem.column}`]),
      'title=unreadable input (not checked)',
    ].join(',');
    lines.push(`::error ${properties}::${escapeData(problem.reason)}`);
  }
  for (const skipped of result.skipped) {
    const properties = `file=${escapeProperty(skipped.file)},line=${skipped.line},title=document not checked`;
    lines.push(`::notice ${properties}::${escapeData(`document ${skipped.index} ${skipped.reason}`)}`);
  }
  for (const warning of result.warnings) {
    const properties = `file=${escapeProperty(warning.file)},line=${warning.line},col=${warning.column},title=duplicate key`;
    lines.push(`::warning ${properties}::${escapeData(`document ${warning.index}: ${warning.message}`)}`);
  }
  return lines;
}
