import * as z from 'zod';

/** A schema that may apply at a key path, with the description written closest to it. */
interface Field {
  schema: z.core.$ZodType;
  description: string | undefined;
}

/**
 * The fields that can apply at `path` of the raw case data: several only where a union leaves
 * the choice open (an auth `method` picks its option). Used to explain issues: which keys a
 * mapping allows, and what a missing key is for.
 */
export function fieldsAtPath(
  root: z.core.$ZodType,
  path: readonly PropertyKey[],
  raw: unknown,
): Field[] {
  let value = raw;
  let fields = unwrap(root, value, undefined);
  for (const segment of path) {
    value = childValue(value, segment);
    fields = fields.flatMap(({ schema }) => {
      const child = childSchema(schema, segment);
      return child === null ? [] : unwrap(child, value, undefined);
    });
  }
  return fields;
}

/** The keys a mapping at `path` allows, in schema order. */
export function keysAtPath(
  root: z.core.$ZodType,
  path: readonly PropertyKey[],
  raw: unknown,
): string[] {
  const keys = fieldsAtPath(root, path, raw).flatMap(({ schema }) =>
    schema instanceof z.ZodObject ? Object.keys(schema.shape) : [],
  );
  return [...new Set(keys)];
}

export function childValue(value: unknown, segment: PropertyKey): unknown {
  if (Array.isArray(value) && typeof segment === 'number') return value[segment] as unknown;
  if (isRecord(value) && typeof segment === 'string') return value[segment];
  return undefined;
}

function childSchema(schema: z.core.$ZodType, segment: PropertyKey): z.core.$ZodType | null {
  if (schema instanceof z.ZodObject && typeof segment === 'string') {
    return Object.hasOwn(schema.shape, segment) ? (shapeOf(schema)[segment] ?? null) : null;
  }
  if (schema instanceof z.ZodArray && typeof segment === 'number') return schema.element;
  return null;
}

function unwrap(schema: z.core.$ZodType, value: unknown, description: string | undefined): Field[] {
  const described = description ?? z.globalRegistry.get(schema)?.description;
  if (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodPrefault
  ) {
    return unwrap(schema.unwrap(), value, described);
  }
  if (schema instanceof z.ZodPipe) return unwrap(schema.in, value, described);
  if (schema instanceof z.ZodUnion) {
    const options = schema.options.flatMap((option) => unwrap(option, value, described));
    const fitting = options.filter((option) => fits(option.schema, value));
    return fitting.length > 0 ? fitting : options;
  }
  return [{ schema, description: described }];
}

/** Whether a union option is the one the value was meant for: same kind, same literal keys. */
function fits(schema: z.core.$ZodType, value: unknown): boolean {
  if (schema instanceof z.ZodObject) {
    return (
      isRecord(value) &&
      Object.entries(shapeOf(schema)).every(
        ([key, field]) => !(field instanceof z.ZodLiteral) || field.values.has(value[key] as never),
      )
    );
  }
  if (schema instanceof z.ZodArray) return Array.isArray(value);
  return !isRecord(value) && !Array.isArray(value);
}

function shapeOf(schema: z.ZodObject): Record<string, z.core.$ZodType | undefined> {
  return schema.shape;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
