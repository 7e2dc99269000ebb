/** How `launch` and `trigger cronjob/NAME` print what the rules and the parameter checks said. */
import { formatFinding } from '../constructs/synth-validation';
import { Finding } from '../rules/finding';
import { ParameterProblem } from '../reconciler/template/parameters';
import { TemplateParameterResource } from '../reconciler/template/job-template-object';

/** One indented line per finding (errors and warnings), each with its field, rule id and fix. */
export function describeFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `  ${f.severity} ${formatFinding(f)}\n`).join('');
}

/** The refused parameters, one line each, then what the template accepts. */
export function describeParameterProblems(
  problems: readonly ParameterProblem[],
  parameters: readonly TemplateParameterResource[] | undefined,
): string {
  const lines = problems.map((p) => `cdk8s-batch launch: ${p.message}\n`);
  if (parameters !== undefined && parameters.length > 0)
    lines.push(`the template's parameters:\n${parameters.map((p) => `  ${describeParameter(p)}\n`).join('')}`);
  return lines.join('');
}

/** `SUBSCRIPTION_ID (required, pattern sub-[a-z0-9]+, env SUBSCRIPTION_ID): the subscription renewed` */
export function describeParameter(p: TemplateParameterResource): string {
  const traits = [
    p.required ? 'required' : p.default === undefined ? 'optional' : `default "${p.default}"`,
    ...(p.pattern === undefined ? [] : [`pattern ${p.pattern}`]),
    ...(p.enum === undefined ? [] : [`one of ${p.enum.join(', ')}`]),
    `${p.target.toLowerCase()}${p.key === undefined ? '' : ` ${p.key}`}`,
  ];
  return `${p.name} (${traits.join(', ')})${p.description === undefined ? '' : `: ${p.description}`}`;
}
