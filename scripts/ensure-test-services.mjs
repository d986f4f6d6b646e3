// `npm test` needs Debian's PostgreSQL server binaries (the storage specs start a throwaway cluster on loopback).
// Installs them when they are missing and this is a root shell with apt-get (a fresh CI or dev machine); otherwise
// says exactly what to install.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const ROOT = '/usr/lib/postgresql';

function hasPostgres() {
  return existsSync(ROOT) && readdirSync(ROOT).some((version) => existsSync(`${ROOT}/${version}/bin/initdb`));
}

function which(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

if (!hasPostgres()) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && which('apt-get')) {
    console.log('== installing PostgreSQL for the storage tests (apt-get install postgresql)');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } else {
    console.error('The storage tests need PostgreSQL server binaries: run `sudo apt-get install -y postgresql` (Debian/Ubuntu).');
    process.exit(1);
  }
}
