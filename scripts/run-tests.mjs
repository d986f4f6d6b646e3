// Runs every compiled test with node's own test runner: unit specs beside the code (libs/*/dist/**/*.spec.js)
// and the end-to-end suites (test/dist/e2e/**/*.e2e-spec.js). `npm test` builds first (pretest).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function collect(dir, pattern, out = []) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const entry of entries) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) collect(path, pattern, out);
    else if (pattern.test(entry)) out.push(path);
  }
  return out;
}

const roots = [
  ...readdirSync('libs').map((lib) => join('libs', lib, 'dist')),
  ...readdirSync('apps').map((app) => join('apps', app, 'dist')),
];
const files = [...roots.flatMap((root) => collect(root, /\.spec\.js$/)), ...collect(join('test', 'dist'), /\.e2e-spec\.js$/)];
const filter = process.argv[2];
const selected = filter ? files.filter((file) => file.includes(filter)) : files;
if (selected.length === 0) {
  console.error('no test files found; run npm run build first');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...selected], { stdio: 'inherit' });
process.exit(result.status ?? 1);
