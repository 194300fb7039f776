/** Formats zod / Standard Schema issues as "field: rule" for error messages. */

export interface Issue {
  readonly code?: string;
  readonly issues?: readonly Issue[];
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/** For record-key issues zod reports "Invalid key in record" and nests the real rule. */
function innermost(issue: Issue): Issue {
  return issue.code === 'invalid_key' && issue.issues?.[0] ? innermost(issue.issues[0]) : issue;
}

function formatPath(path: Issue['path'], root: string): string {
  if (!path || path.length === 0) return root;
  return path
    .map((segment) => (typeof segment === 'object' && segment !== null ? segment.key : segment))
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index ? '.' : ''}${String(key)}`))
    .join('');
}

/** Formats schema issues as "field: rule; field: rule" (at most 5). Values are never echoed. */
export function formatIssues(issues: readonly Issue[], root = 'event'): string {
  const shown = issues.slice(0, 5).map((issue) => `${formatPath(issue.path, root)}: ${innermost(issue).message}`);
  if (issues.length > shown.length) shown.push(`(${issues.length - shown.length} more)`);
  return shown.join('; ');
}

