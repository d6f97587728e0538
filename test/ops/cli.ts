/* The operator commands as an operator runs them: `pnpm <script> …` from the repository root. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function pnpmScript(args: string[], env: Record<string, string | undefined>, timeout = 120_000): Promise<CliResult> {
  // a key given as undefined is removed from the inherited environment
  const merged: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...env })) if (v !== undefined && !(k in env && env[k] === undefined)) merged[k] = v;
  return new Promise((resolve) => {
    execFile('pnpm', ['--silent', ...args], { cwd: root, env: merged, timeout, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
