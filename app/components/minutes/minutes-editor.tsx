import { LinkPlugin } from "@lexical/react/LexicalLinkPlugin";
import { ListPlugin } from "@lexical/react/LexicalListPlugin";
import { LexicalComposer } from "@lexical/react/LexicalComposer";
import { ContentEditable } from "@lexical/react/LexicalContentEditable";
import { LexicalErrorBoundary } from "@lexical/react/LexicalErrorBoundary";
import { HistoryPlugin } from "@lexical/react/LexicalHistoryPlugin";
import { RichTextPlugin } from "@lexical/react/LexicalRichTextPlugin";
import { useCallback, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { MINUTES_NODES } from "../../editor/nodes/index";
import type { AutosaveControl, SaveState } from "../../editor/plugins/AutosavePlugin/index";
import { AutosavePlugin } from "../../editor/plugins/AutosavePlugin/index";
import { CompositionPlugin } from "../../editor/plugins/CompositionPlugin/index";
import { LockedBlocksPlugin } from "../../editor/plugins/LockedBlocksPlugin/index";
import { ToolbarPlugin } from "../../editor/plugins/ToolbarPlugin/index";
import { WordCountPlugin } from "../../editor/plugins/WordCountPlugin/index";
import { safeHref } from "../../editor/safe-url";
import { minutesTheme } from "../../editor/theme";

interface Props {
  minutesId: string;
  revision: number;
  content: string;
  saveUrl: string;
  onSaved: (revision: number, status: string) => void;
}

/** The staff editor of the minutes: rich text with locked record blocks, autosaved as Lexical JSON. */
export function MinutesEditor({ minutesId, revision, content, saveUrl, onSaved }: Props) {
  const { t } = useTranslation("minutes");
  const [saveState, setSaveState] = useState<SaveState>({ kind: "saved", revision });
  const composingRef = useRef(false);
  const autosave = useRef<AutosaveControl | null>(null);
  const onComposingChange = useCallback((composing: boolean) => {
    composingRef.current = composing;
  }, []);

  const initialConfig = {
    namespace: "minutes",
    nodes: [...MINUTES_NODES],
    theme: minutesTheme,
    editorState: content,
    onError: (error: Error) => {
      console.error(error);
    },
  };

  return (
    <LexicalComposer initialConfig={initialConfig}>
      <div className="minutes-editor card p-0 sm:p-0">
        <ToolbarPlugin />
        <div className="relative">
          <RichTextPlugin
            contentEditable={
              <ContentEditable
                id="minutes-editor"
                className="minutes-content editor-surface"
                aria-label={t("editor.label")}
                aria-multiline
                spellCheck={false}
              />
            }
            placeholder={<p className="editor-placeholder">{t("editor.placeholder")}</p>}
            ErrorBoundary={LexicalErrorBoundary}
          />
        </div>
        <LockedBlocksPlugin />
        <HistoryPlugin />
        <ListPlugin />
        <LinkPlugin validateUrl={(url) => safeHref(url) !== null} />
        <CompositionPlugin onComposingChange={onComposingChange} />
        <AutosavePlugin
          minutesId={minutesId}
          initialRevision={revision}
          saveUrl={saveUrl}
          onState={setSaveState}
          onSaved={onSaved}
          composingRef={composingRef}
          controlRef={autosave}
        />
        <div className="flex flex-wrap items-center justify-between gap-2 border-t border-stone-200 px-4 py-2">
          <WordCountPlugin />
          <SaveStatus
            state={saveState}
            onOverwrite={(latest) => autosave.current?.overwrite(latest)}
            versionHref={(revision) => `?revision=${revision}`}
          />
        </div>
      </div>
    </LexicalComposer>
  );
}

function SaveStatus({
  state,
  onOverwrite,
  versionHref,
}: {
  state: SaveState;
  onOverwrite: (latestRevision: number) => void;
  versionHref: (revision: number) => string;
}) {
  const { t } = useTranslation("minutes");
  if (state.kind === "conflict" || state.kind === "refused") {
    return (
      <div role="alert" className="w-full rounded-lg bg-red-50 p-3 text-red-800" data-testid="save-status" data-state={state.kind}>
        <p className="font-semibold">{state.kind === "conflict" ? t("editor.conflict_title") : t("editor.refused_title")}</p>
        <p>{state.message}</p>
        <p className="mt-1 text-sm">{t("editor.kept_locally")}</p>
        {state.kind === "conflict" && state.latestRevision !== null ? (
          <div className="mt-2 flex flex-wrap gap-2">
            <a href={versionHref(state.latestRevision)} target="_blank" rel="noopener noreferrer" className="btn-secondary">
              {t("editor.view_theirs")}
            </a>
            <button type="button" className="btn-secondary" onClick={() => onOverwrite(state.latestRevision as number)}>
              {t("editor.save_mine")}
            </button>
          </div>
        ) : null}
      </div>
    );
  }
  const text =
    state.kind === "saved"
      ? t("editor.saved", { revision: state.revision })
      : state.kind === "saving"
        ? t("editor.saving")
        : state.kind === "offline"
          ? t("editor.offline")
          : state.kind === "restored-backup"
            ? t("editor.restored_backup")
            : t("editor.unsaved");
  return (
    <p className="text-sm text-ink-muted" role="status" data-testid="save-status" data-state={state.kind}>
      {text}
    </p>
  );
}
