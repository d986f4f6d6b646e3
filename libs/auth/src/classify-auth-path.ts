// Which auth rule a request path falls under. Express matches routes case-insensitively, so the path is compared
// lower-cased: `/V1/models` must not slip past the rule that `/v1/models` is under.

/** `model`: master or managed key (when auth is on); `admin`: master key only (when one is set); `open`: no key. */
export type AuthPathRule = 'model' | 'admin' | 'open';

function isUnder(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}/`);
}

/** `path` without BASE_PATH or query. */
export function classifyAuthPath(path: string): AuthPathRule {
  const lower = path.toLowerCase();
  if (isUnder(lower, '/v1') || isUnder(lower, '/p')) return 'model';
  // The dashboard shell and its assets load without a key: the page asks for one and sends it to the admin API.
  if (isUnder(lower, '/admin/dashboard') || lower.startsWith('/admin/static/')) return 'open';
  if (isUnder(lower, '/admin')) return 'admin';
  return 'open';
}
