import { sessionRoomKey } from "../domain/accounts/sessions.server";
import type { SessionEndReason } from "./protocol";
import { rooms } from "./protocol";
import type { YishiServer } from "./socket-server.server";

/**
 * Ends every socket of one sign-in, on every process (the room travels through the socket adapter):
 * each is told why, then disconnected, so no vote, comment or raised hand goes through after sign-out.
 */
export function endSessionSockets(io: YishiServer | null, sessionId: string, reason: SessionEndReason): void {
  if (!io) return;
  const room = rooms.session(sessionRoomKey(sessionId));
  io.to(room).emit("session:ended", { reason });
  io.in(room).disconnectSockets();
}
