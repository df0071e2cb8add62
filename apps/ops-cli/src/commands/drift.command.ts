import { readFile } from 'node:fs/promises';
import { Command } from 'commander';

/** Where `tenantry drift` reads standard input from and prints to; tests replace both. */
export interface DriftCommandIo {
  readStdin(): Promise<string>;
  print(text: string): void;
}

const terminal: DriftCommandIo = {
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  },
  print: (text) => process.stdout.write(text),
};

/** `tenantry drift stats`: the drift statistics of one case, computed by the code the drift service runs. */
export function driftCommand(io: DriftCommandIo = terminal): Command {
  const drift = new Command('drift').description(
    'model drift statistics, as the drift service computes them',
  );
  drift
    .command('stats')
    .description(
      'print the statistics of one case in the conformance format (numeric: reference, current, bins; ' +
        'categorical: reference_counts, current_counts) as JSON named like its `expected`',
    )
    .requiredOption('--input <file>', 'the case as a JSON file, or - for standard input')
    .action(async (options: { input: string }) => {
      const source = options.input === '-' ? 'standard input' : options.input;
      const text = await readCase(options.input, io);
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new Error(`${source} is not JSON: ${(error as Error).message}`, { cause: error });
      }
      const { driftCaseStatistics, parseDriftCase } = await import('@tenantry/drift-core');
      io.print(`${JSON.stringify(driftCaseStatistics(parseDriftCase(value)), null, 2)}\n`);
    });
  return drift;
}

async function readCase(input: string, io: DriftCommandIo): Promise<string> {
  if (input === '-') return io.readStdin();
  try {
    return await readFile(input, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${input}: ${(error as Error).message}`, { cause: error });
  }
}
