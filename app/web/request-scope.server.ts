/**
 * Things worth reading once per request (who is signed in, the communities they work in), kept for the
 * request's life. Remix gives every loader its own copy of the Request but all of them the same load
 * context, so loaders wrapped by defineLoader / defineAction (and the root loader) tie their copy to that
 * context, and the memo is kept on it. A request never tied to a context keeps its memos on itself.
 */
const scopes = new WeakMap<Request, object>();
const memos = new WeakMap<object, Map<string, Promise<unknown>>>();

export function enterRequestScope(request: Request, context: object): void {
  scopes.set(request, context);
}

export function requestMemo<T>(request: Request, name: string, compute: () => Promise<T>): Promise<T> {
  const scope = scopes.get(request) ?? request;
  let table = memos.get(scope);
  if (!table) {
    table = new Map();
    memos.set(scope, table);
  }
  let value = table.get(name) as Promise<T> | undefined;
  if (!value) {
    value = compute();
    table.set(name, value);
  }
  return value;
}

/**
 * Drops what was read so far: after an action, the loaders of the same request (a form posted before
 * JavaScript loads) must see what the action changed, e.g. a role it gave or the session it ended.
 */
export function forgetRequestMemos(request: Request): void {
  memos.delete(scopes.get(request) ?? request);
}
