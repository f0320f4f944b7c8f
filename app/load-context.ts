import type { YishiServer } from "./realtime/server.server";

/** What server.ts hands every loader and action (see getLoadContext there). */
export interface YishiLoadContext {
  cspNonce: string;
  /** The address the request came from (Express's req.ip, honouring TRUST_PROXY). */
  clientIp: string;
  io: YishiServer | null;
}

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends YishiLoadContext {}
}
