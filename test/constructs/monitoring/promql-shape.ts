/**
 * A structural reader of the PromQL our alerts emit (no PromQL parser ships with our dependencies):
 * it checks that parentheses, braces and brackets balance outside string literals, that every
 * selector body is a comma-separated list of `label op "string"` matchers with valid Go-style
 * escapes, and returns the selectors with their decoded matcher values, so tests can check which
 * metrics and objects each alert names.
 */

export interface ShapeMatcher {
  readonly label: string;
  readonly op: string;
  readonly value: string;
}

export interface ShapeSelector {
  readonly metric: string;
  readonly matchers: ShapeMatcher[];
}

const ESCAPES: { [c: string]: string } = { '\\': '\\', '"': '"', n: '\n', r: '\r', t: '\t' };
const OPERATORS = ['=~', '!~', '!=', '='];

/** Parses `expr`; throws with the offending position when its structure is broken. */
export function promqlSelectors(expr: string): ShapeSelector[] {
  const selectors: ShapeSelector[] = [];
  const stack: string[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at ${i} in: ${expr}`);
  };

  const readString = (): string => {
    if (expr[i] !== '"') fail('expected a string');
    i++;
    let value = '';
    while (i < expr.length && expr[i] !== '"') {
      if (expr[i] === '\\') {
        const escaped = ESCAPES[expr[i + 1]];
        if (escaped === undefined) fail(`invalid escape \\${expr[i + 1]}`);
        value += escaped;
        i += 2;
      } else {
        if (expr[i] === '\n') fail('line break in a string');
        value += expr[i++];
      }
    }
    if (expr[i] !== '"') fail('unterminated string');
    i++;
    return value;
  };
  const skipSpace = () => {
    while (/\s/.test(expr[i] ?? '')) i++;
  };

  const readSelectorBody = (): ShapeMatcher[] => {
    const matchers: ShapeMatcher[] = [];
    i++; // {
    skipSpace();
    while (expr[i] !== '}') {
      const label = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(expr.slice(i))?.[0] ?? fail('expected a label name');
      i += label.length;
      skipSpace();
      const op = OPERATORS.find((o) => expr.startsWith(o, i)) ?? fail('expected a matcher operator');
      i += op.length;
      skipSpace();
      matchers.push({ label, op, value: readString() });
      skipSpace();
      if (expr[i] === ',') {
        i++;
        skipSpace();
      } else if (expr[i] !== '}') {
        fail('expected , or }');
      }
    }
    i++; // }
    return matchers;
  };

  let lastIdentifier: string | undefined;
  while (i < expr.length) {
    const c = expr[i];
    if (c === '"') {
      readString();
      lastIdentifier = undefined;
    } else if (c === '{') {
      if (!lastIdentifier) fail('a selector without a metric name');
      selectors.push({ metric: lastIdentifier!, matchers: readSelectorBody() });
      lastIdentifier = undefined;
    } else if (c === '(' || c === '[') {
      stack.push(c);
      i++;
      lastIdentifier = undefined;
    } else if (c === ')' || c === ']') {
      if (stack.pop() !== (c === ')' ? '(' : '[')) fail(`unbalanced ${c}`);
      i++;
      lastIdentifier = undefined;
    } else if (c === '}') {
      fail('unbalanced }');
    } else if (/[a-zA-Z_:]/.test(c)) {
      lastIdentifier = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(expr.slice(i))![0];
      i += lastIdentifier.length;
    } else {
      if (!/\s/.test(c)) lastIdentifier = undefined;
      i++;
    }
  }
  if (stack.length > 0) fail(`unclosed ${stack.join('')}`);
  return selectors;
}

/** Whether a PromQL matcher matches `value` (regexes are anchored at both ends, as Prometheus does). */
export function matches(m: ShapeMatcher, value: string): boolean {
  switch (m.op) {
    case '=':
      return m.value === value;
    case '!=':
      return m.value !== value;
    case '=~':
      return new RegExp(`^(?:${m.value})$`).test(value);
    default:
      return !new RegExp(`^(?:${m.value})$`).test(value);
  }
}
