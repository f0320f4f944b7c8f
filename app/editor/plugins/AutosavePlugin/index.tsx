import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { useEffect, useRef } from "react";
import { clearBackup, readBackup, writeBackup } from "./local-backup";

export type SaveState =
  | { kind: "saved"; revision: number }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "offline" }
  | { kind: "restored-backup" }
  | { kind: "conflict"; message: string; latestRevision: number | null }
  | { kind: "refused"; message: string };

export type SaveResponse =
  { ok: true; revision: number; status: string } | { ok: false; error: string; kind: string; latestRevision?: number };

/** What the editor's chrome may ask of autosave (after a conflict: save mine on top, knowingly). */
export interface AutosaveControl {
  overwrite(latestRevision: number): void;
}

const SAVE_DELAY_MS = 800;
const RETRY_DELAY_MS = 4_000;
const HEARTBEAT_MS = 60_000;

interface Props {
  minutesId: string;
  initialRevision: number;
  saveUrl: string;
  onState: (state: SaveState) => void;
  onSaved: (revision: number, status: string) => void;
  composingRef: React.MutableRefObject<boolean>;
  controlRef?: React.MutableRefObject<AutosaveControl | null>;
}

/**
 * Saves the draft shortly after each change (never mid-composition), one request at a time, with the revision
 * it is based on. A refused or conflicting save leaves the text in the editor and in the local backup; a
 * page being hidden or closed sends what is unsaved with sendBeacon.
 */
export function AutosavePlugin({ minutesId, initialRevision, saveUrl, onState, onSaved, composingRef, controlRef }: Props) {
  const [editor] = useLexicalComposerContext();
  const revision = useRef(initialRevision);
  const dirty = useRef(false);
  const inFlight = useRef(false);
  const halted = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const callbacks = useRef({ onState, onSaved });
  callbacks.current = { onState, onSaved };

  useEffect(() => {
    const currentContent = () => JSON.stringify(editor.getEditorState().toJSON());
    const form = (content: string) => {
      const body = new FormData();
      body.set("intent", "save");
      body.set("minutesId", minutesId);
      body.set("baseRevision", String(revision.current));
      body.set("content", content);
      return body;
    };
    const schedule = (delay: number) => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flush, delay);
    };
    async function flush() {
      timer.current = null;
      if (!dirty.current || halted.current) return;
      if (composingRef.current || editor.isComposing() || inFlight.current) return schedule(300);
      const content = currentContent();
      inFlight.current = true;
      callbacks.current.onState({ kind: "saving" });
      try {
        const response = await fetch(saveUrl, { method: "POST", body: form(content), headers: { Accept: "application/json" } });
        const result = (await response.json()) as SaveResponse;
        if (result.ok) {
          revision.current = result.revision;
          callbacks.current.onSaved(result.revision, result.status);
          lastSaved = content;
          if (currentContent() === content) {
            dirty.current = false;
            clearBackup(minutesId);
            callbacks.current.onState({ kind: "saved", revision: result.revision });
          } else {
            writeBackup(minutesId, { baseRevision: revision.current, content: currentContent(), savedAt: Date.now() });
            schedule(SAVE_DELAY_MS);
          }
        } else {
          // Conflicts and refusals wait for the person: retrying would only be refused again.
          halted.current = true;
          callbacks.current.onState(
            result.kind === "conflict"
              ? { kind: "conflict", message: result.error, latestRevision: result.latestRevision ?? null }
              : { kind: "refused", message: result.error },
          );
        }
      } catch {
        callbacks.current.onState({ kind: "offline" });
        schedule(RETRY_DELAY_MS);
      } finally {
        inFlight.current = false;
      }
    }

    if (controlRef) {
      controlRef.current = {
        // The colleague's revision stays in the history, so saving on top of it loses nothing.
        overwrite(latestRevision: number) {
          revision.current = latestRevision;
          halted.current = false;
          dirty.current = true;
          schedule(0);
        },
      };
    }

    const backup = readBackup(minutesId);
    if (backup && backup.baseRevision === revision.current && backup.content !== currentContent()) {
      try {
        editor.setEditorState(editor.parseEditorState(backup.content));
        dirty.current = true;
        callbacks.current.onState({ kind: "restored-backup" });
        schedule(SAVE_DELAY_MS);
      } catch {
        clearBackup(minutesId);
      }
    } else if (backup && backup.baseRevision !== revision.current) {
      clearBackup(minutesId);
    }

    // What the server holds, as this editor writes it: updates that only normalise the loaded text are not edits.
    let lastSaved = currentContent();
    const removeUpdate = editor.registerUpdateListener(({ dirtyElements, dirtyLeaves, prevEditorState, editorState }) => {
      if ((dirtyElements.size === 0 && dirtyLeaves.size === 0) || prevEditorState.isEmpty() || editorState === prevEditorState) return;
      if (!dirty.current && JSON.stringify(editorState.toJSON()) === lastSaved) return;
      dirty.current = true;
      halted.current = false;
      writeBackup(minutesId, { baseRevision: revision.current, content: JSON.stringify(editorState.toJSON()), savedAt: Date.now() });
      callbacks.current.onState({ kind: "dirty" });
      schedule(SAVE_DELAY_MS);
    });

    const sendNow = () => {
      if (!dirty.current || inFlight.current || halted.current) return;
      navigator.sendBeacon?.(saveUrl, form(currentContent()));
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") sendNow();
    };
    // Claims the minutes when the editor opens (reading the page claims nothing) and keeps the claim alive
    // while the page is open, so a colleague opening the minutes is warned.
    const beat = () => {
      const body = new FormData();
      body.set("intent", "heartbeat");
      body.set("minutesId", minutesId);
      fetch(saveUrl, { method: "POST", body, headers: { Accept: "application/json" } }).catch(() => undefined);
    };
    beat();
    const heartbeat = setInterval(() => {
      if (document.visibilityState === "visible") beat();
    }, HEARTBEAT_MS);
    window.addEventListener("pagehide", sendNow);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      // Leaving the editor inside the app (another form on the page, a link): send what is not saved yet.
      sendNow();
      removeUpdate();
      window.removeEventListener("pagehide", sendNow);
      document.removeEventListener("visibilitychange", onVisibility);
      clearInterval(heartbeat);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [editor, minutesId, saveUrl, composingRef, controlRef]);

  return null;
}
