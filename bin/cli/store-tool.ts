import os from 'node:os';
import { exitCodeOf, StoreToolError } from '../../hub/store/pg/tool-error';

/** Who runs a store tool, for the records it writes. */
export const cliActor = (): string => `cli:${os.userInfo().username}`;

/**
 * Runs a store tool's action: a typed refusal prints its Vietnamese and English message on stderr
 * and sets the exit code of its kind (hub/store/pg/tool-error.ts); anything else propagates.
 */
export async function runStoreTool(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (e) {
    if (!(e instanceof StoreToolError)) throw e;
    console.error(`motcua: ${e.kind}: ${e.message}`);
    process.exitCode = exitCodeOf(e.kind);
  }
}
