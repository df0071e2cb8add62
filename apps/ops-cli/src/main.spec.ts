import { Command } from 'commander';
import { runTenantry, tenantryProgram } from './main';

describe('tenantry', () => {
  let stderr: jest.SpyInstance;

  beforeEach(() => {
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });

  afterEach(() => stderr.mockRestore());

  function programWithFailingCommand(): Command {
    const program = tenantryProgram().configureOutput({
      writeOut: () => undefined,
      writeErr: () => undefined,
    });
    program.command('explode').action(() => {
      throw new Error('the broker is unreachable');
    });
    return program;
  }

  it('names itself and offers its commands', () => {
    const program = tenantryProgram();
    expect(program.name()).toBe('tenantry');
    expect(program.version()).toMatch(/^\d+\.\d+\.\d+/);
    expect(program.commands.map((command) => command.name())).toEqual(
      expect.arrayContaining(['dev', 'topics']),
    );
  });

  it('exits 0 after showing help', async () => {
    await expect(
      runTenantry(['node', 'tenantry', '--help'], programWithFailingCommand()),
    ).resolves.toBe(0);
  });

  it('exits 2 on a usage error', async () => {
    await expect(
      runTenantry(['node', 'tenantry', 'no-such-command'], programWithFailingCommand()),
    ).resolves.toBe(2);
  });

  it('reports a failing command in one line without a stack, and exits 1', async () => {
    await expect(
      runTenantry(['node', 'tenantry', 'explode'], programWithFailingCommand()),
    ).resolves.toBe(1);
    expect(stderr).toHaveBeenCalledWith('tenantry: the broker is unreachable\n');
  });

  it('adds the stack trace with --debug', async () => {
    await expect(
      runTenantry(['node', 'tenantry', '--debug', 'explode'], programWithFailingCommand()),
    ).resolves.toBe(1);
    expect(stderr.mock.calls[0]?.[0]).toMatch(
      /^tenantry: Error: the broker is unreachable\n\s+at /,
    );
  });
});
