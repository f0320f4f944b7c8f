import { useEffect, useState } from "react";
import type { Socket } from "socket.io-client";
import { io } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "./protocol";

/**
 * The bell's unread count: the server-rendered figure, then live pushes to this person's room. The socket
 * is authenticated by the session cookie, so it only ever hears its own person's count.
 */
export function useUnreadNotifications(initial: number, signedIn: boolean): number {
  const [unread, setUnread] = useState(initial);
  useEffect(() => setUnread(initial), [initial]);
  useEffect(() => {
    if (!signedIn) return;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ transports: ["websocket", "polling"] });
    socket.on("notifications:changed", ({ unread: next }) => setUnread(next));
    return () => {
      socket.disconnect();
    };
  }, [signedIn]);
  return unread;
}
