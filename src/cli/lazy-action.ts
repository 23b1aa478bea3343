// Start-up loads only the command definitions (src/cli/definitions): names, arguments,
// options and help. A command's implementation, and the libraries it needs (the
// repository, the catalog's database drivers, Graph, the service, the sandbox), load
// when that command runs.

/** Commander's action arguments: the command's arguments, then its options and itself. */
type ActionArguments = unknown[];

/**
 * An action that imports its module and calls the named export with the action's
 * arguments, e.g. `lazyAction(() => import('../commands/repo.js'), 'init')`.
 */
export function lazyAction<K extends string>(
  load: () => Promise<{ [name in K]: (...args: never[]) => unknown }>,
  name: K,
): (...args: ActionArguments) => Promise<void> {
  return async (...args) => {
    const implementation = (await load())[name] as (...args: ActionArguments) => unknown;
    await implementation(...args);
  };
}
