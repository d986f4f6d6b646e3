// The repository's maps of itself stay true: the root tsconfig.json (the solution file tsc -b builds from) and
// nest-cli.json (the Nest CLI's project map) each name every workspace with a tsconfig, and nothing else.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const root = new URL('../../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');
/** tsconfig files allow comments; ours only has whole-line ones. */
const readJsonc = (path: string): unknown => JSON.parse(read(path).replace(/^\s*\/\/.*$/gm, ''));

function workspaces(folder: string): string[] {
  return readdirSync(new URL(`${folder}/`, root))
    .map((name) => `${folder}/${name}`)
    .filter((path) => existsSync(new URL(`${path}/tsconfig.json`, root)))
    .sort();
}

describe('repository layout', () => {
  const libs = workspaces('libs');
  const apps = workspaces('apps');

  it('references every lib, the app and test/ from the root tsconfig.json, which compiles nothing itself', () => {
    const solution = readJsonc('tsconfig.json') as { files: string[]; references: { path: string }[] };
    assert.deepEqual(solution.files, []);
    assert.deepEqual(solution.references.map((ref) => ref.path).sort(), [...apps, ...libs, 'test'].sort());
  });

  it('lists every lib and the app in nest-cli.json with the tsconfig that builds it', () => {
    const cli = JSON.parse(read('nest-cli.json')) as {
      monorepo: boolean;
      root: string;
      projects: Record<string, { type: string; root: string; sourceRoot: string; compilerOptions: { tsConfigPath: string } }>;
    };
    assert.equal(cli.monorepo, true);
    assert.ok(apps.includes(cli.root), `${cli.root} is an app`);
    const roots = Object.values(cli.projects).map((project) => project.root);
    assert.deepEqual(roots.sort(), [...apps, ...libs].sort());
    for (const [name, project] of Object.entries(cli.projects)) {
      assert.equal(project.type, project.root.startsWith('apps/') ? 'application' : 'library', name);
      assert.equal(project.sourceRoot, `${project.root}/src`, name);
      assert.equal(project.compilerOptions.tsConfigPath, `${project.root}/tsconfig.json`, name);
    }
  });
});
