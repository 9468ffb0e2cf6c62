/**
 * The node project's global setup: a run folder for this run's PostgreSQL
 * (started lazily by the first test file that needs it, see postgres.ts),
 * stopped and removed at the end; leftovers of crashed runs removed first.
 */
import type { TestProject } from 'vitest/node';
import { createRunDir, removeLeftoverRunDirs, removeRunDir } from './postgres';

export default function setup(project: TestProject): () => void {
  for (const dir of removeLeftoverRunDirs()) console.warn(`PostgreSQL test server left by a crashed run stopped and removed: ${dir}`);
  const runDir = createRunDir();
  project.provide('stationPostgresRunDir', runDir);
  return () => removeRunDir(runDir);
}
