/** `--policy FILE` of `lint` and `policy`: a rule policy read from YAML, every mistake in it a usage error. */
import { describeProblem } from '../manifests/document';
import { checkPolicyDocument } from '../manifests/policy-document';
import { readManifestFile } from '../manifests/read';
import { RulePolicy } from '../rules/policy';
import { Rule } from '../rules/rule';
import { UsageError } from './io';
import { ParsedOptions, stringOption } from './options';

/** The policy in `--policy FILE`, or undefined without the option. `rules` are the ids it may name. */
export function policyFileOption(
  parsed: ParsedOptions,
  rules?: readonly Pick<Rule, 'id' | 'origin' | 'group'>[],
): RulePolicy | undefined {
  const file = stringOption(parsed, 'policy');
  if (file === undefined) return undefined;
  // Plain YAML 1.2, where `off` is the word, not the YAML 1.1 boolean Kubernetes would read.
  const read = readManifestFile(file, 'yaml');
  if ('problem' in read) throw new UsageError(`--policy ${describeProblem(read.problem)}`);
  if (read.documents.length !== 1) {
    throw new UsageError(
      `--policy ${file}: expected one document {rules: {<rule-id>: error|warning|off}}, found ${read.documents.length}`,
    );
  }
  const checked = checkPolicyDocument(read.documents[0].value, rules);
  if ('problem' in checked) throw new UsageError(`--policy ${file}: ${checked.problem}`);
  return checked.policy;
}
