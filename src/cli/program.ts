// The `tenantvault` command: global options and conventions. Each command is defined
// (arguments, options, help) by a module under src/cli/definitions, registered here, and
// implemented by its module under src/cli/commands, which its action imports when it runs:
// start-up loads no more than the command line needs.
import { type Command, CommanderError, Option } from 'commander';
import { applyConfigFile, EnvironmentBoundCommand, readConfigFile, resolveHome } from './config.js';
import { CliError, ExitCode } from './exit-codes.js';
import { Output } from './output.js';
import { registerSandboxCommand } from './definitions/sandbox.js';
import { registerRepoCommand } from './definitions/repo.js';
import { registerCatalogCommand } from './definitions/catalog.js';
import { backupCommand, entraCommand } from './definitions/directory.js';
import { registerDirectoryRestoreCommand } from './definitions/directory-restore.js';
import { registerDirectoryCompareCommands } from './definitions/directory-compare.js';
import { registerDirectoryBrowseCommands } from './definitions/directory-browse.js';
import { registerDirectoryBackupCommands } from './definitions/directory-backup.js';
import { registerServeCommand } from './definitions/serve.js';
import { registerTenantCommand } from './definitions/tenant.js';

export interface GlobalOptions {
  home: string;
  json: boolean;
}

export interface CommandContext {
  home: string;
  output: Output;
}

export function contextOf(command: Command): CommandContext {
  const globals = command.optsWithGlobals<GlobalOptions>();
  return { home: resolveHome(globals.home), output: new Output({ json: Boolean(globals.json) }) };
}

export function buildProgram(version: string): Command {
  const program = new EnvironmentBoundCommand('tenantvault')
    .description('Backup for Microsoft 365 tenants through Microsoft Graph')
    .version(version)
    .addOption(new Option('--home <dir>', 'data directory for all state (default ~/.tenantvault)'))
    .addOption(new Option('--json', 'machine-readable output'))
    .showHelpAfterError()
    .exitOverride();

  registerSandboxCommand(program);
  registerRepoCommand(program);
  registerCatalogCommand(program);
  registerServeCommand(program);
  registerTenantCommand(program);
  registerDirectoryBackupCommands(backupCommand(program), program);
  registerDirectoryBrowseCommands(entraCommand(program));
  registerDirectoryCompareCommands(entraCommand(program));
  registerDirectoryRestoreCommand(entraCommand(program));

  program.hook('preAction', (_root, action) => {
    const home = resolveHome(program.opts<GlobalOptions>().home);
    const config = readConfigFile(home);
    applyConfigFile(program, config);
    applyConfigFile(action, config);
  });
  return program;
}

/** Parses argv, runs the command and turns every failure into a message and an exit code. */
export async function runProgram(argv: string[], version: string): Promise<ExitCode> {
  const program = buildProgram(version);
  program.configureOutput({ outputError: (text, write) => write(text) });
  try {
    await program.parseAsync(argv);
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCode.ok;
      if (error.code === 'commander.help' || error.code === 'commander.executeSubCommandAsync')
        return ExitCode.ok;
      return ExitCode.usage;
    }
    const json = program.opts<GlobalOptions>().json === true;
    const output = new Output({ json });
    if (error instanceof CliError) {
      output.error(error.message);
      return error.exitCode;
    }
    output.error(error instanceof Error ? error.message : String(error));
    if (process.env.TENANTVAULT_DEBUG) console.error(error);
    return ExitCode.failed;
  }
}
