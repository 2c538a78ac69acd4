import { AsyncLocalStorage } from "node:async_hooks";
import { processSingleton } from "../singleton";

/** What every log line written while handling one HTTP request or one OpAMP WebSocket connection carries. */
export type LogContext = { req_id?: string; conn_id?: string };

// One store per process: server.ts and Next's bundles load separate copies of this module, and a request entered
// in server.ts must still be the current one when the route handler inside the bundle logs.
const storage = processSingleton("log.context", () => new AsyncLocalStorage<LogContext>());

export function withLogContext<T>(context: LogContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}
