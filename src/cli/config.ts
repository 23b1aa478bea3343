// Configuration conventions shared by every command:
//   flags > TENANTVAULT_* environment variables > <home>/config.json > defaults.
// All state lives under one data directory, the "home" (--home, TENANTVAULT_HOME,
// default ~/.tenantvault).
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command, type Option } from 'commander';
import { UsageError } from './exit-codes.js';

export const CONFIG_FILE_NAME = 'config.json';

export function defaultHome(): string {
  return join(homedir(), '.tenantvault');
}

/** TENANTVAULT_<OPTION_NAME> for an option's attribute name (camelCase -> SNAKE_CASE). */
export function envVariableFor(option: Option): string {
  const snake = option.attributeName().replace(/([a-z0-9])([A-Z])/g, '$1_$2');
  return `TENANTVAULT_${snake.toUpperCase()}`;
}

/**
 * A Command whose options, and those of every subcommand created from it, read their
 * TENANTVAULT_* environment variable. Commander wires an option to its variable when the
 * option is added, so the variable must be set before that moment.
 */
export class EnvironmentBoundCommand extends Command {
  override createCommand(name?: string): Command {
    return new EnvironmentBoundCommand(name);
  }

  override addOption(option: Option): this {
    if (!option.envVar && !option.negate) option.env(envVariableFor(option));
    return super.addOption(option);
  }
}

export type ConfigFile = Record<string, unknown>;

/** Reads <home>/config.json; a missing file is an empty configuration, a broken one an error. */
export function readConfigFile(home: string): ConfigFile {
  const path = join(home, CONFIG_FILE_NAME);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new Error('the top level must be an object');
    }
    return parsed as ConfigFile;
  } catch (error) {
    throw new UsageError(`${path} is not valid configuration: ${(error as Error).message}`);
  }
}

/** The command's path below the program, e.g. ["repo", "init"]. */
function commandPath(command: Command): string[] {
  const names: string[] = [];
  for (let current: Command | null = command; current?.parent; current = current.parent) {
    names.unshift(current.name());
  }
  return names;
}

/**
 * Fills options that were neither given as flags nor found in the environment from the
 * config file. A key may sit at the top level ({"port": 9000}) or under the command's
 * path ({"sandbox": {"port": 9000}}); the more specific one wins.
 */
export function applyConfigFile(command: Command, config: ConfigFile): void {
  const scopes: Record<string, unknown>[] = [config];
  let scope: unknown = config;
  for (const name of commandPath(command)) {
    scope = scope && typeof scope === 'object' ? (scope as Record<string, unknown>)[name] : undefined;
    if (scope && typeof scope === 'object' && !Array.isArray(scope))
      scopes.push(scope as Record<string, unknown>);
  }
  for (const option of command.options) {
    const key = option.attributeName();
    const source = command.getOptionValueSource(key);
    if (source === 'cli' || source === 'env') continue;
    for (const candidate of scopes.slice().reverse()) {
      if (key in candidate) {
        const raw = candidate[key];
        const value = option.parseArg && typeof raw === 'string' ? option.parseArg(raw, undefined) : raw;
        command.setOptionValueWithSource(key, value, 'config');
        break;
      }
    }
  }
}

export function resolveHome(value: string | undefined): string {
  return resolve(value ?? defaultHome());
}
