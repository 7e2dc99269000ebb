/**
 * The CustomResourceDefinition of `JobTemplate` (scheduling.cdk8s-batch.io/v1alpha1) as plain
 * data: `JobTemplateDefinition` puts it in a chart.
 *
 * - Namespaced: a template, the Jobs launched from it and the Role that lets someone launch it
 *   live in one namespace. Not in the `all` category: a template runs nothing.
 * - No status subresource: nothing reconciles a template; launches only read it.
 * - The parameters are typed; the Job is a JobSpec kept as written (the launchers check the Job
 *   each launch renders with the same rules as `cdk8s-batch lint`, and the API server checks it
 *   again on create).
 * - The template documents itself in the cluster: `kubectl get jobtemplate NAME -o yaml` shows each
 *   parameter's description, pattern and target; `kubectl explain jobtemplate.spec.parameters`
 *   explains their fields.
 */
import {
  JOB_TEMPLATE_KIND,
  JOB_TEMPLATE_PLURAL,
  JOB_TEMPLATE_SHORT_NAMES,
  JOB_TEMPLATE_SINGULAR,
  ParameterTarget,
} from '../template/job-template-object';
import { arrayOf, bool, JsonSchema, openObject, str, stringMap } from './json-schema';
import { CustomResourceDefinitionObject, namespacedCrd, PrinterColumn } from './custom-resource-definition';

const PARAMETER_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'One value a launch may (or must) give, and where it goes in the Job.',
  properties: {
    name: str('The parameter name, also the default variable name: letters, digits and "_".', {
      pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
    }),
    description: str('What the value means.'),
    required: bool('A launch without this parameter is refused.'),
    default: str('The value when a launch gives none.'),
    pattern: str('A regular expression the whole value must match.'),
    enum: arrayOf('The only values allowed.', { type: 'string' }),
    target: str(
      'Where the value goes: Env (a variable in every container), Argument (appended to the args of one container), Label (a label of the Job and its pods).',
      {
        enum: Object.values(ParameterTarget),
      },
    ),
    key: str(
      'The variable name (Env, default the parameter name), the flag before the value (Argument, default none), the label key (Label).',
    ),
    container: str('The container whose args receive the value (Argument; default the first).'),
  },
  required: ['name', 'target'],
};

const ROOT_SCHEMA: JsonSchema = {
  type: 'object',
  description:
    'A validated Job that runs on demand: launching it (cdk8s-batch launch, or launchJob from cdk8s-batch-reconciler) checks the parameters, renders the Job and creates it. Applying a JobTemplate runs nothing.',
  properties: {
    apiVersion: { type: 'string', description: 'scheduling.cdk8s-batch.io/v1alpha1' },
    kind: { type: 'string', description: 'JobTemplate' },
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      description: 'The parameters and the Job.',
      properties: {
        parameters: arrayOf('The parameters, in the order their arguments are appended.', PARAMETER_SCHEMA, {
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name'],
        }),
        job: {
          type: 'object',
          description: "The Job every launch creates: what a CronJob's jobTemplate holds.",
          properties: {
            metadata: {
              type: 'object',
              description: 'Labels and annotations of every launched Job.',
              properties: { labels: stringMap('Labels.'), annotations: stringMap('Annotations.') },
            },
            spec: openObject('A batch/v1 JobSpec, kept as written.', {}, ['template']),
          },
          required: ['spec'],
        },
      },
      required: ['parameters', 'job'],
    },
  },
  required: ['spec'],
};

/**
 * Only the age: a server-side column prints the first value a path finds, so it cannot list the
 * parameters (`kubectl get jobtemplates -o custom-columns=NAME:.metadata.name,PARAMETERS:.spec.parameters[*].name`
 * can, client-side).
 */
export const JOB_TEMPLATE_PRINTER_COLUMNS: readonly PrinterColumn[] = [
  { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: 'When the template was created.' },
];

/** The JobTemplate CRD. */
export function jobTemplateCrd(): CustomResourceDefinitionObject {
  return namespacedCrd({
    kind: JOB_TEMPLATE_KIND,
    plural: JOB_TEMPLATE_PLURAL,
    singular: JOB_TEMPLATE_SINGULAR,
    shortNames: JOB_TEMPLATE_SHORT_NAMES,
    categories: [],
    schema: ROOT_SCHEMA,
    printerColumns: JOB_TEMPLATE_PRINTER_COLUMNS,
    statusSubresource: false,
  });
}
