// Every handler runs inside a guard: a failure in one analysis is logged and answered with an empty
// result, and the server carries on serving every other document and request.
import type { RemoteConsole } from 'vscode-languageserver/node';

export type Guard = <A extends unknown[], R>(feature: string, fallback: R, handler: (...args: A) => R | Promise<R>) => (...args: A) => Promise<R>;

export function guardWith(console: RemoteConsole): Guard {
  return (feature, fallback, handler) =>
    async (...args) => {
      try {
        return await handler(...args);
      } catch (error) {
        console.error(`${feature} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return fallback;
      }
    };
}
