/** Formats zod / Standard Schema issues as "field: rule" for error messages. */

export interface Issue {
  readonly code?: string;
  readonly keys?: readonly string[];
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

/**
 * The rule an issue broke. Unknown keys are counted, not named: a misplaced
 * attribute map would otherwise echo user attribute names into errors and logs.
 */
function rule(issue: Issue, nameUnknownKeys: boolean): string {
  if (issue.code === 'unrecognized_keys' && !nameUnknownKeys) {
    const n = issue.keys?.length ?? 1;
    return `has ${n} unknown key${n === 1 ? '' : 's'} (not part of the event contract)`;
  }
  return innermost(issue).message;
}

/**
 * Formats schema issues as "field: rule; field: rule" (at most 5). Values are
 * never echoed; unknown key names only when the input is the operator's own
 * configuration (`nameUnknownKeys`), never for events.
 */
export function formatIssues(issues: readonly Issue[], root = 'event', nameUnknownKeys = false): string {
  const shown = issues.slice(0, 5).map((issue) => `${formatPath(issue.path, root)}: ${rule(issue, nameUnknownKeys)}`);
  if (issues.length > shown.length) shown.push(`(${issues.length - shown.length} more)`);
  return shown.join('; ');
}

