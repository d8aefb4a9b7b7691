/**
 * A node's contextValue: its type, then `;flag` for each state a menu depends on, e.g.
 * `s3Browser.bucket;pinned;filtered`. `when` clauses match the type with
 * `viewItem =~ /^s3Browser\.bucket(;|$)/` and a state with `viewItem =~ /;filtered/`.
 */
export function contextValue(type: string, flags: Record<string, boolean>): string {
  return [type, ...Object.entries(flags).flatMap(([flag, on]) => (on ? [flag] : []))].join(';');
}
