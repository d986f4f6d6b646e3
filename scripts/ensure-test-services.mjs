// `npm test` needs Debian's PostgreSQL server binaries (the storage specs start a throwaway cluster on loopback),
// Debian's redis-server (the response cache specs start one on loopback) and Debian's Chromium (the browser specs
// drive it headless through playwright-core; never `npx playwright install`).
// Installs what is missing when this is a root shell with apt-get (a fresh CI or dev machine); otherwise says
// exactly what to install.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const POSTGRES_ROOT = '/usr/lib/postgresql';
const CHROMIUM = '/usr/bin/chromium';
const REDIS_SERVER = '/usr/bin/redis-server';

function hasPostgres() {
  return existsSync(POSTGRES_ROOT) && readdirSync(POSTGRES_ROOT).some((version) => existsSync(`${POSTGRES_ROOT}/${version}/bin/initdb`));
}

function which(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const missing = [
  { name: 'postgresql', purpose: 'the storage tests (PostgreSQL server binaries)', present: hasPostgres() },
  { name: 'redis-server', purpose: `the response cache tests (${REDIS_SERVER})`, present: existsSync(REDIS_SERVER) },
  { name: 'chromium', purpose: `the browser tests (${CHROMIUM})`, present: existsSync(CHROMIUM) },
].filter((service) => !service.present);

if (missing.length > 0) {
  const packages = missing.map((service) => service.name);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && which('apt-get')) {
    for (const service of missing) console.log(`== installing ${service.name} for ${service.purpose}`);
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } else {
    for (const service of missing) console.error(`${service.purpose} need ${service.name}.`);
    console.error(`Run \`sudo apt-get install -y ${packages.join(' ')}\` (Debian/Ubuntu).`);
    process.exit(1);
  }
}
