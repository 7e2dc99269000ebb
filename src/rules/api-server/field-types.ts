/**
 * JSON types the API server cannot decode: a string where an integer belongs, a fraction or an
 * out-of-range number for an int32, a list where an object belongs, and so on. The request fails
 * before validation ("cannot unmarshal string into Go struct field JobSpec.spec.backoffLimit of
 * type int32"). Other rules read such a value as absent, so this rule is the one that reports it.
 *
 * Every field of the object is checked against the Go types of the release (typed-walk.ts, the
 * walk field-unknown reports from too); `null` is always accepted, as Go decodes it to the zero
 * value. Fields the API does not know are field-unknown's, and their values are not looked into.
 */
import { Violation } from '../rule';
import { describeValue } from '../support/access';
import { ScalarKind, ValueType } from './api-types';
import { apiServerRule, BOTH_KINDS } from './api-server-rule';
import { typedWalk, WrongType } from './typed-walk';

/** What a value of a type must be, as a message says it. */
function expectedValue(type: ValueType): string {
  switch (type.kind) {
    case 'struct':
      return 'an object';
    case 'list':
      return 'a list';
    case 'map':
      return type.values.kind === 'scalar' ? `a map of ${EXPECTED_PLURAL[type.values.scalar]}` : 'a map';
    case 'any':
      return 'any JSON';
    case 'scalar':
      return EXPECTED[type.scalar];
  }
}

const EXPECTED: Readonly<Record<ScalarKind, string>> = {
  string: 'a string',
  bool: 'true or false',
  int32: 'a whole number from -2147483648 to 2147483647',
  int64: 'a whole number (64-bit)',
  quantity: 'a quantity (a string such as "500m" or "1Gi", or a number)',
  'int-or-string': 'a whole number or a string',
  time: 'a time (an RFC 3339 string such as "2026-01-31T02:00:00Z")',
};

const EXPECTED_PLURAL: Readonly<Record<ScalarKind, string>> = {
  string: 'strings',
  bool: 'booleans',
  int32: 'whole numbers',
  int64: 'whole numbers',
  quantity: 'quantities',
  'int-or-string': 'whole numbers or strings',
  time: 'times',
};

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number')
    return Number.isInteger(value) ? `the number ${value}` : `the number ${describeValue(value)}`;
  if (typeof value === 'object') return 'an object';
  return `the ${typeof value} ${describeValue(value)}`;
}

function wrongTypeViolation({ field, expected, value }: WrongType): Violation {
  const wanted = expectedValue(expected);
  const scalar = expected.kind === 'scalar' ? expected.scalar : undefined;
  return {
    field,
    message: `${field} must be ${wanted}, not ${jsonType(value)}: the API server cannot decode the object and rejects it.`,
    fix:
      typeof value === 'string' && (scalar === 'int32' || scalar === 'int64')
        ? 'Write the number without quotes.'
        : scalar === 'string' && (typeof value === 'number' || typeof value === 'boolean')
          ? `Quote it: ${JSON.stringify(String(value))} (YAML reads an unquoted 5, 1.10 or true as a number or a boolean).`
          : `Write ${wanted} here.`,
  };
}

export const fieldWrongType = apiServerRule({
  id: 'field-wrong-type',
  kinds: BOTH_KINDS,
  summary:
    'A field of the wrong JSON type (a quoted number, a fraction, a list for an object, ...), which the API server cannot decode.',
  check(input) {
    const { wrongTypes } = typedWalk(input);
    return wrongTypes.length === 0 ? [] : wrongTypes.map(wrongTypeViolation);
  },
});

export const FIELD_TYPE_RULES = [fieldWrongType];
