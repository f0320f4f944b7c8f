/**
 * "This process just changed something readers can see." Caches of what anonymous readers see listen to it
 * and drop their copies, so a change made here is never served stale from here. Process-local by design:
 * other processes' copies expire by their stated age (ADR 0018).
 */
type Listener = () => void;
const listeners = new Set<Listener>();

export function onLocalWrite(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function noteLocalWrite(): void {
  for (const listener of listeners) listener();
}
