import type { z } from 'zod';

/** "services[2].numberTo" from a zod issue path. */
export function fieldPath(p: readonly PropertyKey[]): string {
  return p.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '') || '(root)';
}

/** One line per problem, "<where>: <field>: <what was expected>", so the reader can act on it. */
export function describeIssues(where: string, error: z.ZodError): string {
  return error.issues.map((i) => `${where}: ${fieldPath(i.path)}: ${i.message}`).join('\n');
}
