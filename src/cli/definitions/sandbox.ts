// `tenantvault sandbox`: runs the local Microsoft 365 tenant until interrupted.
// Implemented in src/cli/commands/sandbox.ts.
import { Option, type Command } from 'commander';
import type { ThrottleSetting } from '../../sandbox/sandbox.js';
import { UsageError } from '../exit-codes.js';
import { lazyAction } from '../lazy-action.js';

/** The module that implements the commands below, loaded when one runs. */
const implementation = () => import('../commands/sandbox.js');

function integer(name: string, min: number, max: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not '${value}'`);
    }
    return parsed;
  };
}

function rate(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0 || parsed > 1) {
    throw new UsageError(`--faults must be a share of requests between 0 and 1, not '${value}'`);
  }
  return parsed;
}

export function parseThrottle(value: string): ThrottleSetting {
  if (value === 'on' || value === 'off') return value;
  const factor = Number(value);
  if (!Number.isFinite(factor) || factor <= 0) {
    throw new UsageError(`--throttle must be on, off or a positive speed factor, not '${value}'`);
  }
  return factor;
}

export function registerSandboxCommand(program: Command): void {
  program
    .command('sandbox')
    .description('run a local Microsoft 365 tenant (identity platform + Microsoft Graph) for tests and demos')
    .addOption(
      new Option('--port <n>', 'HTTPS port (0 picks a free one)')
        .argParser(integer('port', 0, 65535))
        .default(8443),
    )
    .addOption(new Option('--host <address>', 'address to listen on').default('127.0.0.1'))
    .addOption(
      new Option('--tenants <n>', 'customer tenants besides the publisher')
        .argParser(integer('tenants', 1, 50))
        .default(2),
    )
    .addOption(
      new Option('--users <n>', 'users in the first customer tenant')
        .argParser(integer('users', 10, 1_000_000))
        .default(200),
    )
    .addOption(new Option('--seed <value>', 'seed for generated data, faults and secrets').default('1'))
    .addOption(
      new Option('--data <dir>', 'keep state in this directory across restarts (default: in memory)'),
    )
    .addOption(
      new Option('--throttle <setting>', 'on, off, or a speed factor for throttling windows')
        .argParser(parseThrottle)
        .default('on'),
    )
    .addOption(
      new Option('--faults <rate>', 'share of Graph requests that fail (503, 504, dropped, slow)')
        .argParser(rate)
        .default(0),
    )
    .addOption(
      new Option('--activity <n>', 'directory changes per minute made by simulated admins and users')
        .argParser(integer('activity', 0, 100_000))
        .default(0),
    )
    .addOption(
      new Option('--delta-token-lifetime <seconds>', 'how long delta links stay valid')
        .argParser(integer('delta-token-lifetime', 1, 365 * 24 * 3600))
        .default(7 * 24 * 3600),
    )
    .action(lazyAction(implementation, 'sandbox'));
}
