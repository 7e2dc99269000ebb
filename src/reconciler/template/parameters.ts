/**
 * A JobTemplate's parameters: whether their definitions can work (the construct's rules at synth,
 * and every launcher before trusting a template it read from a cluster or a file), and whether a
 * launch's values fit them. Pure functions over plain data; each problem names its parameter.
 */
import { JobTemplateObjectSpec, ParameterTarget, TemplateParameterResource } from './job-template-object';

/** An environment variable name as shells and most programs accept it; also a parameter name. */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A label key: an optional DNS subdomain prefix and a name of at most 63 characters. */
const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
/** A label value: empty, or at most 63 alphanumerics, `-`, `_` and `.`, starting and ending alphanumeric. */
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
/** Control characters other than tab: a parameter is one value, never a line break or a NUL. */
const CONTROL_CHARACTERS = /(?!\t)\p{Cc}/u;
/** The longest value accepted; a bigger input belongs in a ConfigMap or an object store, not a Job spec. */
export const MAX_PARAMETER_VALUE_LENGTH = 4096;

/** A parameter definition that cannot work, at a field of the JobTemplate (`spec.parameters[1].pattern`). */
export interface DefinitionProblem {
  readonly field: string;
  readonly message: string;
  readonly fix: string;
}

/** A launch's value refused, naming the parameter. */
export interface ParameterProblem {
  readonly parameter: string;
  readonly message: string;
}

/** The problems of a template's parameter definitions, judged against its Job's containers. */
export function definitionProblems(spec: JobTemplateObjectSpec): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const containers = containersOf(spec.job.spec);
  const seenNames = new Set<string>();
  /** Target and variable or label key of the parameters so far. */
  const seenTargets = new Set<string>();
  spec.parameters.forEach((parameter, i) => {
    const at = (field: string) => `spec.parameters[${i}].${field}`;
    const report = (field: string, message: string, fix: string) => problems.push({ field: at(field), message, fix });
    const name = parameter.name;
    if (!VARIABLE_NAME.test(name))
      report(
        'name',
        `The parameter name "${name}" is not letters, digits and "_" starting with a letter or "_".`,
        'Name it like an environment variable, e.g. SUBSCRIPTION_ID.',
      );
    if (seenNames.has(name))
      report('name', `Two parameters are called "${name}".`, 'Give each parameter its own name.');
    seenNames.add(name);
    if (parameter.required && parameter.default !== undefined)
      report(
        'default',
        `Parameter ${name} is required and has a default, which is never used.`,
        'Drop the default, or make the parameter optional.',
      );
    let pattern: RegExp | undefined;
    if (parameter.pattern !== undefined) {
      pattern = compilePattern(parameter.pattern);
      if (pattern === undefined)
        report(
          'pattern',
          `Parameter ${name}'s pattern "${parameter.pattern}" is not a valid regular expression.`,
          'Write a JavaScript regular expression (it must match the whole value).',
        );
    }
    if (parameter.enum !== undefined && parameter.enum.length === 0)
      report(
        'enum',
        `Parameter ${name} allows no value at all (an empty enum).`,
        'List the allowed values, or drop enum.',
      );
    for (const value of parameter.enum ?? []) {
      const refusal = valueRefusal(value, { ...parameter, enum: undefined }, pattern);
      if (refusal !== undefined)
        report(
          'enum',
          `Parameter ${name}'s allowed value "${value}" ${refusal}.`,
          'Allow only values that every other condition accepts.',
        );
    }
    if (parameter.default !== undefined) {
      const refusal = valueRefusal(parameter.default, parameter, pattern);
      if (refusal !== undefined)
        report(
          'default',
          `Parameter ${name}'s default "${parameter.default}" ${refusal}.`,
          'Choose a default the parameter accepts.',
        );
    }
    const target = targetProblem(parameter, containers);
    if (target !== undefined) report(target.field, target.message, target.fix);
    // A variable or a label holds one value: two parameters writing it would overwrite each other.
    if (parameter.target === ParameterTarget.ENV || parameter.target === ParameterTarget.LABEL) {
      const written = `${parameter.target}\u0000${effectiveKey(parameter)}`;
      if (seenTargets.has(written))
        report(
          'key',
          `Parameter ${name} writes the same ${parameter.target === ParameterTarget.ENV ? 'variable' : 'label'} "${effectiveKey(parameter)}" as another parameter.`,
          'Give each parameter its own variable or label.',
        );
      seenTargets.add(written);
    }
  });
  return problems;
}

/**
 * The values a launch renders with: the given ones, checked, plus the defaults of the parameters
 * not given; or every problem, each naming its parameter (unknown names, missing required ones,
 * values outside their pattern or enum, label values a label cannot hold).
 */
export function resolveParameterValues(
  parameters: readonly TemplateParameterResource[],
  given: { readonly [name: string]: string },
): { readonly values: { readonly [name: string]: string } } | { readonly problems: ParameterProblem[] } {
  const problems: ParameterProblem[] = [];
  const known = new Set(parameters.map((p) => p.name));
  for (const name of Object.keys(given).sort()) {
    if (!known.has(name))
      problems.push({
        parameter: name,
        message: `unknown parameter ${name} (the template's parameters: ${[...known].join(', ') || 'none'})`,
      });
  }
  const values: { [name: string]: string } = {};
  for (const parameter of parameters) {
    const value = Object.prototype.hasOwnProperty.call(given, parameter.name)
      ? given[parameter.name]
      : parameter.default;
    if (value === undefined) {
      if (parameter.required)
        problems.push({
          parameter: parameter.name,
          message: `parameter ${parameter.name} is required${describe(parameter)}`,
        });
      continue;
    }
    const refusal = valueRefusal(
      value,
      parameter,
      parameter.pattern === undefined ? undefined : compilePattern(parameter.pattern),
    );
    if (refusal !== undefined)
      problems.push({
        parameter: parameter.name,
        message: `parameter ${parameter.name}: the value "${value}" ${refusal}`,
      });
    else values[parameter.name] = value;
  }
  return problems.length > 0 ? { problems } : { values };
}

/** The variable (Env) or label key (Label) a parameter writes. */
export function effectiveKey(parameter: TemplateParameterResource): string {
  return parameter.key ?? parameter.name;
}

/** Why `value` is refused, as the end of a sentence; undefined when it is accepted. An invalid pattern refuses everything. */
function valueRefusal(
  value: string,
  parameter: TemplateParameterResource,
  pattern: RegExp | undefined,
): string | undefined {
  if (value.length > MAX_PARAMETER_VALUE_LENGTH) return `is longer than ${MAX_PARAMETER_VALUE_LENGTH} characters`;
  if (CONTROL_CHARACTERS.test(value)) return 'contains a line break or another control character';
  if (parameter.pattern !== undefined && (pattern === undefined || !pattern.test(value)))
    return `does not match the pattern ${parameter.pattern}`;
  if (parameter.enum !== undefined && !parameter.enum.includes(value))
    return `is not one of ${parameter.enum.join(', ')}`;
  if (parameter.target === ParameterTarget.LABEL && !LABEL_VALUE.test(value))
    return 'cannot be a label value (at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit)';
  if (parameter.target === ParameterTarget.ARGUMENT && parameter.key === undefined && value.startsWith('-'))
    return 'starts with "-", which the program would read as an option';
  return undefined;
}

/** The whole value must match: `^(?:pattern)$`. Undefined for text that is not a regular expression. */
function compilePattern(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    return undefined;
  }
}

function targetProblem(
  parameter: TemplateParameterResource,
  containers: readonly ContainerView[],
): DefinitionProblem | undefined {
  const { name, key } = parameter;
  switch (parameter.target) {
    case ParameterTarget.ENV: {
      const variable = effectiveKey(parameter);
      if (!VARIABLE_NAME.test(variable))
        return {
          field: 'key',
          message: `Parameter ${name}'s variable name "${variable}" is not a valid environment variable name.`,
          fix: 'Use letters, digits and "_", starting with a letter or "_".',
        };
      const setter = containers.find((c) => c.env.includes(variable));
      if (setter !== undefined)
        return {
          field: 'key',
          message: `Container ${setter.name} already sets ${variable}, which parameter ${name} would replace.`,
          fix: `Remove ${variable} from the container, or deliver the parameter in another variable.`,
        };
      return undefined;
    }
    case ParameterTarget.ARGUMENT:
      if (key === '')
        return {
          field: 'key',
          message: `Parameter ${name}'s flag is empty.`,
          fix: 'Give a flag such as --period, or none to pass the value alone.',
        };
      if (parameter.container !== undefined && !containers.some((c) => c.name === parameter.container))
        return {
          field: 'container',
          message: `Parameter ${name} names container "${parameter.container}", which the Job does not have.`,
          fix: `Name one of: ${containers.map((c) => c.name).join(', ')}.`,
        };
      return undefined;
    case ParameterTarget.LABEL:
      if (key === undefined || !LABEL_KEY.test(key))
        return {
          field: 'key',
          message: `Parameter ${name} goes to a label but its key "${key ?? ''}" is not a label key.`,
          fix: 'Give a label key such as example.com/subscription.',
        };
      return undefined;
    default:
      return {
        field: 'target',
        message: `Parameter ${name} has the target "${String(parameter.target)}".`,
        fix: `Use one of ${Object.values(ParameterTarget).join(', ')}.`,
      };
  }
}

interface ContainerView {
  readonly name: string;
  readonly env: readonly string[];
}

/** The containers of a JobSpec's pod template: names and the variables they set. */
function containersOf(jobSpec: { readonly [field: string]: unknown }): ContainerView[] {
  const template = jobSpec.template as { spec?: { containers?: unknown } } | undefined;
  const containers = Array.isArray(template?.spec?.containers) ? (template.spec.containers as unknown[]) : [];
  return containers.map((c) => {
    const container = (c ?? {}) as { name?: unknown; env?: unknown };
    const env = Array.isArray(container.env) ? container.env : [];
    return {
      name: typeof container.name === 'string' ? container.name : '',
      env: env.map((e: unknown) => {
        const name = (e as { name?: unknown } | null)?.name;
        return typeof name === 'string' ? name : '';
      }),
    };
  });
}

function describe(parameter: TemplateParameterResource): string {
  return parameter.description === undefined ? '' : ` (${parameter.description})`;
}
