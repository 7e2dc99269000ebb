/**
 * The wire types of the ScheduledJob resource read from their TypeScript source with the
 * compiler, as shapes the tests compare the CRD schema with: which fields each object has, which
 * are optional, and their JSON types.
 */
import { join } from 'path';
import * as ts from 'typescript';

export type Shape =
  | { readonly kind: 'string' | 'number' | 'boolean' | 'unknown' }
  | { readonly kind: 'array'; readonly items: Shape }
  | { readonly kind: 'map'; readonly values: Shape }
  | {
      readonly kind: 'object';
      readonly fields: ReadonlyMap<string, { readonly optional: boolean; readonly shape: Shape }>;
      readonly open: boolean;
    };

export const RESOURCE_FILE = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'src',
  'reconciler',
  'resource',
  'scheduled-job-resource.ts',
);

/** The shape of each exported interface of the resource file, by name. */
export function wireTypeShapes(): Map<string, Shape> {
  const program = ts.createProgram([RESOURCE_FILE], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(RESOURCE_FILE);
  if (!source) throw new Error(`cannot read ${RESOURCE_FILE}`);
  const shapes = new Map<string, Shape>();
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node))
      shapes.set(node.name.text, shapeOf(checker, checker.getTypeAtLocation(node.name)));
  });
  return shapes;
}

function shapeOf(checker: ts.TypeChecker, raw: ts.Type): Shape {
  // Before removing undefined: NonNullable<unknown> is {}, an object.
  if (raw.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)) return { kind: 'unknown' };
  const type = checker.getNonNullableType(raw);
  const parts = type.isUnion() ? type.types : [type];
  const all = (flags: ts.TypeFlags) => parts.every((t) => (t.flags & flags) !== 0);
  if (all(ts.TypeFlags.StringLike)) return { kind: 'string' };
  if (all(ts.TypeFlags.NumberLike)) return { kind: 'number' };
  if (all(ts.TypeFlags.BooleanLike)) return { kind: 'boolean' };
  if (checker.isArrayType(type))
    return { kind: 'array', items: shapeOf(checker, checker.getTypeArguments(type as ts.TypeReference)[0]) };
  const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
  const properties = checker.getPropertiesOfType(type);
  if (index && properties.length === 0) return { kind: 'map', values: shapeOf(checker, index.type) };
  const fields = new Map<string, { optional: boolean; shape: Shape }>();
  for (const symbol of properties) {
    const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
    const fieldType = declaration
      ? checker.getTypeOfSymbolAtLocation(symbol, declaration)
      : checker.getDeclaredTypeOfSymbol(symbol);
    fields.set(symbol.name, {
      optional: (symbol.flags & ts.SymbolFlags.Optional) !== 0,
      shape: shapeOf(checker, fieldType),
    });
  }
  return { kind: 'object', fields, open: index !== undefined };
}
