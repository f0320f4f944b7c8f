/**
 * The socket.io contract, shared by server and browser. Every client event carries an ack; the server
 * answers with `Ack<T>`: either data or a refusal with a translation key, never a thrown error.
 * Bump PROTOCOL_VERSION whenever an event's shape changes, so old tabs know to reload.
 */
export const PROTOCOL_VERSION = 1;

export type Refusal = { ok: false; reason: string; values?: Record<string, string | number> };
export type Ack<T> = ({ ok: true } & T) | Refusal;
export type AckCallback<T> = (response: Ack<T>) => void;

export interface ClientToServerEvents {
  /** First message after every (re)connect: who am I, and does my protocol still match? */
  "session:hello": (payload: { protocolVersion: number }, ack: AckCallback<{ userId: string | null; protocolVersion: number }>) => void;
}

export interface ServerToClientEvents {
  /** Sent to a person's own room when something new arrives for them. */
  "notifications:changed": (payload: { unread: number }) => void;
}

export interface SocketData {
  userId: string | null;
}

/** Room names, in one place so server and tests agree. */
export const rooms = {
  user: (userId: string) => `user:${userId}`,
  meeting: (meetingId: string) => `meeting:${meetingId}`,
};
