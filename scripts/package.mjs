#!/usr/bin/env node
// `npm run package` / `npm run package:dir`: build out/ with electron-vite, then electron-builder for the
// current platform (NSIS on Windows, DMG on macOS, AppImage + deb on Linux; --dir: the unpacked app only)
// into release/. Options:
//   --dir            unpacked app folder only (fast; what the packaging test checks)
//   --skip-build     reuse an existing out/ (the caller has just built it)
//   ELECTRON_DIST    a folder holding an unpacked Electron (or its zip) for machines that cannot
//                    download one: passed as -c.electronDist=<dir>
//   PACKAGE_OUTPUT_DIR  somewhere else than release/ (the packaging test builds into a temp folder)
// No native rebuild: better-sqlite3 ships Node-API prebuilds that Electron loads as they are
// (npmRebuild: false in electron-builder.yml).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const dirOnly = args.includes('--dir');
const skipBuild = args.includes('--skip-build');
const unknown = args.filter((a) => !['--dir', '--skip-build'].includes(a));
if (unknown.length > 0) {
  console.error(`package: unknown option(s) ${unknown.join(' ')}; use --dir and/or --skip-build`);
  process.exit(2);
}

function run(label, file, argv) {
  console.log(`package: ${label}`);
  const result = spawnSync(process.execPath, [file, ...argv], { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`package: ${label} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

if (!skipBuild) run('electron-vite build → out/', join(root, 'node_modules/electron-vite/bin/electron-vite.js'), ['build']);
if (!existsSync(join(root, 'out/main/index.js'))) {
  console.error('package: out/main/index.js is missing; run without --skip-build');
  process.exit(1);
}

const platformFlag = { win32: '--win', darwin: '--mac', linux: '--linux' }[process.platform];
if (!platformFlag) {
  console.error(`package: electron-builder has no target for ${process.platform}`);
  process.exit(1);
}
const builderArgs = [platformFlag, '--publish', 'never'];
if (dirOnly) builderArgs.push('--dir');
if (process.env.ELECTRON_DIST) {
  const dist = resolve(process.env.ELECTRON_DIST);
  if (!existsSync(dist)) {
    console.error(`package: ELECTRON_DIST=${dist} does not exist`);
    process.exit(1);
  }
  builderArgs.push(`-c.electronDist=${dist}`);
}
if (process.env.PACKAGE_OUTPUT_DIR) builderArgs.push(`-c.directories.output=${resolve(process.env.PACKAGE_OUTPUT_DIR)}`);
run(`electron-builder ${builderArgs.join(' ')}`, join(root, 'node_modules/electron-builder/cli.js'), builderArgs);
console.log(`package: done, see ${process.env.PACKAGE_OUTPUT_DIR ? resolve(process.env.PACKAGE_OUTPUT_DIR) : join(root, 'release')}`);
