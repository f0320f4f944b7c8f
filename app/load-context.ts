import type { Clock } from "./infra/clock";
import type { Db } from "./infra/db.server";
import type { FileStorage } from "./infra/storage.server";
import type { YishiServer } from "./realtime/socket-server.server";

/**
 * What server.ts hands every loader and action (see getLoadContext there). Routes pass `db`, `clock` and
 * `storage` on to use cases and never reach for the database themselves (ADR 0016).
 */
export interface YishiLoadContext {
  db: Db;
  clock: Clock;
  storage: FileStorage;
  cspNonce: string;
  /** The address the request came from (Express's req.ip, honouring TRUST_PROXY). */
  clientIp: string;
  io: YishiServer | null;
}

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends YishiLoadContext {}
}
