/**
 * The construct rule of a JobTemplate: parameter definitions a launch could never satisfy, or
 * that would quietly change the Job (a variable a container already sets), at the template's own
 * field paths (`spec.parameters[i].<field>`). The check is the one every launcher runs on the
 * templates it reads (template/parameters.ts), so synth and launch agree.
 */
import { ConstructRule } from '../../rules/construct-rule';
import { RuleOrigin } from '../../rules/rule';
import { JobTemplateObjectSpec } from '../template/job-template-object';
import { definitionProblems } from '../template/parameters';
import { registerConstructRules } from '../../constructs/construct-rules';

export const JOB_TEMPLATE_RULES: readonly ConstructRule<JobTemplateObjectSpec>[] = [
  {
    id: 'job-template-parameter-invalid',
    origin: RuleOrigin.CONSTRUCT,
    constructs: ['JobTemplate'],
    summary:
      'A JobTemplate parameter that is not a variable name, repeats another, has an invalid pattern, a default or allowed value it refuses, a target that does not exist, or replaces a variable a container sets.',
    check: (spec) => definitionProblems(spec),
  },
];
registerConstructRules(JOB_TEMPLATE_RULES);
