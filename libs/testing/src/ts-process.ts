import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const workspaceRoot = path.resolve(__dirname, '../../..');

/** A TypeScript program running in its own Node process, for crash and restart tests. */
export interface TsProcess {
  child: ChildProcess;
  /** Resolves when the program prints `line` on stdout. */
  printed(line: string, timeoutMs?: number): Promise<void>;
  /** SIGKILL: no shutdown hook runs, like a crash or an OOM kill. */
  kill(): Promise<void>;
  /** SIGTERM, then waits for the process to exit. */
  stop(): Promise<number | null>;
}

/** Starts `file` (a .ts path) with the workspace's TypeScript loader and extra `env`. */
export function startTsProcess(file: string, env: Record<string, string>): TsProcess {
  const child = spawn(
    process.execPath,
    ['--conditions=tenantry-dev', '-r', '@swc-node/register', file],
    {
      cwd: workspaceRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  return {
    child,
    printed(line, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `${file} did not print "${line}" within ${timeoutMs} ms\n${stderr.slice(-3000)}`,
            ),
          );
        }, timeoutMs);
        const onData = (): void => {
          if (stdout.split('\n').includes(line)) {
            cleanup();
            resolve();
          }
        };
        const onExit = (code: number | null): void => {
          cleanup();
          reject(
            new Error(
              `${file} exited with ${code} before printing "${line}"\n${stderr.slice(-3000)}`,
            ),
          );
        };
        function cleanup(): void {
          clearTimeout(timer);
          child.stdout!.off('data', onData);
          child.off('exit', onExit);
        }
        child.stdout!.on('data', onData);
        child.once('exit', onExit);
        onData();
      });
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
