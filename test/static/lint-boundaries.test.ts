import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('process boundaries are enforced by lint', () => {
  it('refuses electron in shared/', async () => {
    expect(await ruleIds("import { app } from 'electron';\nexport const a = app;\n", 'shared/bad.ts')).toContain('no-restricted-imports');
  });

  it('refuses node:fs in shared/', async () => {
    expect(await ruleIds("import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", 'shared/bad.ts')).toContain(
      'no-restricted-imports',
    );
  });

  it('refuses renderer imports from electron/', async () => {
    const code = "import { invoke } from '../../electron/core/invoke';\nexport const i = invoke;\n";
    expect(await ruleIds(code, 'renderer/src/bad.ts')).toContain('no-restricted-imports');
  });

  it('refuses electron in core', async () => {
    expect(await ruleIds("import { app } from 'electron';\nexport const a = app;\n", 'electron/core/bad.ts')).toContain(
      'no-restricted-imports',
    );
  });

  it('accepts zod in shared/ and node:fs in core', async () => {
    expect(await ruleIds("import { z } from 'zod';\nexport const s = z.string();\n", 'shared/good.ts')).toEqual([]);
    expect(await ruleIds("import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", 'electron/core/good.ts')).toEqual([]);
  });

  it('the whole tree lints clean', async () => {
    const results = await eslint.lintFiles(['.']);
    const problems = results.flatMap((r) =>
      r.messages.filter((m) => m.severity === 2).map((m) => `${r.filePath}:${m.line} ${m.ruleId}: ${m.message}`),
    );
    expect(problems).toEqual([]);
  }, 120_000);
});
