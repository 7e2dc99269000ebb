/**
 * Runs a generated ValidatingAdmissionPolicy the way the API server would, under a JavaScript CEL
 * (@marcbachmann/cel-js): matchConditions, then variables, then each validation, on one object.
 * Kubernetes evaluates with cel-go; what that difference leaves untested is in the README.
 */
import type * as Cel from '@marcbachmann/cel-js' with { 'resolution-mode': 'import' };
import { RE2JS } from '@bufbuild/re2';

// The evaluator ships only ES modules; Jest's transform (jest.config.js) turns them into CommonJS.
const cel: typeof Cel = require('@marcbachmann/cel-js');

const ENVIRONMENT = new cel.Environment({ unlistedVariablesAreDyn: true, enableOptionalTypes: true });

interface PolicySpec {
  readonly matchConditions?: readonly { name: string; expression: string }[];
  readonly variables: readonly { name: string; expression: string }[];
  readonly validations: readonly { expression: string; message: string; messageExpression: string }[];
}

export interface PolicyVerdict {
  /** False when a match condition left the object out. */
  readonly matched: boolean;
  /** Rule id (the message's prefix) -> the validation failed. */
  readonly failed: ReadonlyMap<string, boolean>;
}

/** The rule id a validation's message starts with. */
export function ruleIdOf(validation: { message: string }): string {
  return validation.message.slice(0, validation.message.indexOf(':'));
}

/** Evaluates `policy` on `object` (as admission sees it); throws on any evaluation error, with the expression. */
export function evaluatePolicy(policy: { spec: unknown }, object: unknown): PolicyVerdict {
  const spec = policy.spec as PolicySpec;
  const context: { object: unknown; variables: Record<string, unknown> } = { object, variables: {} };
  const run = (expression: string): unknown => {
    try {
      return ENVIRONMENT.evaluate(expression, context);
    } catch (error) {
      throw new Error(`${(error as Error).message.split('\n')[0]} in ${expression}`, { cause: error });
    }
  };
  if (!(spec.matchConditions ?? []).every((c) => run(c.expression) === true))
    return { matched: false, failed: new Map() };
  for (const v of spec.variables) context.variables[v.name] = run(v.expression);
  const failed = new Map<string, boolean>();
  for (const validation of spec.validations) {
    const passed = run(validation.expression);
    if (typeof passed !== 'boolean') throw new Error(`not a boolean: ${validation.expression}`);
    if (!passed && typeof run(validation.messageExpression) !== 'string')
      throw new Error(`messageExpression is not a string: ${validation.messageExpression}`);
    failed.set(ruleIdOf(validation), !passed);
  }
  return { matched: true, failed };
}

/** Every regex literal given to `matches` in an expression. */
export function regexLiterals(expression: string): string[] {
  return [...expression.matchAll(/\.matches\('((?:[^'\\]|\\.)*)'\)/g)].map((m) => m[1]);
}

/** Whether RE2 (as in cel-go) and JavaScript's RegExp (as in the evaluator) find `pattern` in `input` alike. */
export function re2AgreesWithJs(pattern: string, input: string): boolean {
  return new RE2JS(pattern).test(input) === new RegExp(pattern).test(input);
}

/** Throws unless RE2 compiles `pattern` (no lookaround, no backreferences). */
export function compileRe2(pattern: string): void {
  new RE2JS(pattern);
}
