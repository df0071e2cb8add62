import { Command, CommanderError } from 'commander';
import packageJson from '../package.json';
import { devCommand } from './commands/dev.command';
import { driftCommand } from './commands/drift.command';
import { topicsCommand } from './commands/topics.command';

/** The `tenantry` command with all its subcommands. */
export function tenantryProgram(): Command {
  return new Command('tenantry')
    .description(packageJson.description)
    .version(packageJson.version)
    .option('--debug', 'print the stack trace of an error')
    .addCommand(devCommand())
    .addCommand(driftCommand())
    .addCommand(topicsCommand());
}

/** What a usage error (unknown command or option, a bad argument) exits with. */
export const usageErrorExitCode = 2;

/**
 * Runs a command line and resolves to its exit code: 2 for a usage error, 1 for a failing
 * command, whose error is one line on stderr (its stack with --debug).
 */
export async function runTenantry(
  argv: readonly string[],
  program: Command = tenantryProgram(),
): Promise<number> {
  reportUsageErrorsByThrowing(program);
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    // Commander has already printed its own usage errors (and help or version, with exit code 0).
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : usageErrorExitCode;
    const debug = program.opts<{ debug?: boolean }>().debug === true;
    const message = error instanceof Error ? (debug ? error.stack : error.message) : String(error);
    process.stderr.write(`tenantry: ${message}\n`);
    return 1;
  }
}

// Subcommands added with addCommand() do not inherit these settings.
function reportUsageErrorsByThrowing(command: Command): void {
  command.exitOverride().showHelpAfterError('(add --help for usage)');
  command.commands.forEach(reportUsageErrorsByThrowing);
}

if (require.main === module) {
  void runTenantry(process.argv).then((exitCode) => {
    process.exitCode = exitCode;
  });
}
