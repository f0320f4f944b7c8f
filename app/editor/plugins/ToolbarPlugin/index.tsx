import { $isLinkNode, TOGGLE_LINK_COMMAND } from "@lexical/link";
import { $isListNode, INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, ListNode, REMOVE_LIST_COMMAND } from "@lexical/list";
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { $createHeadingNode, $createQuoteNode, $isHeadingNode, $isQuoteNode } from "@lexical/rich-text";
import { $setBlocksType } from "@lexical/selection";
import { $findMatchingParent, $getNearestNodeOfType, mergeRegister } from "@lexical/utils";
import type { TextFormatType } from "lexical";
import {
  $createParagraphNode,
  $getSelection,
  $isRangeSelection,
  $isRootOrShadowRoot,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  FORMAT_TEXT_COMMAND,
  REDO_COMMAND,
  SELECTION_CHANGE_COMMAND,
  UNDO_COMMAND,
} from "lexical";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { safeHref } from "../../safe-url";

type Block = "paragraph" | "h1" | "h2" | "h3" | "bullet" | "number" | "quote";

interface ToolbarState {
  block: Block;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  link: boolean;
  canUndo: boolean;
  canRedo: boolean;
}

type SelectionState = Omit<ToolbarState, "canUndo" | "canRedo">;

/** Must run inside editor.read / editorState.read: it reads the selection. */
function $readSelectionState(): SelectionState | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return null;
  const anchor = selection.anchor.getNode();
  const top =
    anchor.getKey() === "root"
      ? anchor
      : ($findMatchingParent(anchor, (node) => {
          const parent = node.getParent();
          return parent !== null && $isRootOrShadowRoot(parent);
        }) ?? anchor.getTopLevelElementOrThrow());
  let block: Block = "paragraph";
  if ($isListNode(top)) {
    const list = $getNearestNodeOfType(anchor, ListNode);
    block = (list ?? top).getListType() === "number" ? "number" : "bullet";
  } else if ($isHeadingNode(top)) {
    const tag = top.getTag();
    block = tag === "h1" || tag === "h2" || tag === "h3" ? tag : "h3";
  } else if ($isQuoteNode(top)) block = "quote";
  const node = selection.anchor.getNode();
  const link = $isLinkNode(node.getParent()) || $isLinkNode(node);
  return {
    block,
    bold: selection.hasFormat("bold"),
    italic: selection.hasFormat("italic"),
    underline: selection.hasFormat("underline"),
    link,
  };
}

/**
 * The formatting toolbar. One tab stop (ARIA toolbar pattern): arrow keys, Home and End move between the
 * buttons; every button has a visible label or a translated name and reports its pressed state.
 */
export function ToolbarPlugin() {
  const [editor] = useLexicalComposerContext();
  const { t } = useTranslation("minutes");
  const [state, setState] = useState<ToolbarState>({
    block: "paragraph",
    bold: false,
    italic: false,
    underline: false,
    link: false,
    canUndo: false,
    canRedo: false,
  });
  const [linkDraft, setLinkDraft] = useState<string | null>(null);
  const [linkError, setLinkError] = useState(false);
  const toolbar = useRef<HTMLDivElement>(null);
  const [focusIndex, setFocusIndex] = useState(0);

  useEffect(() => {
    // The selection is read synchronously inside the read; React gets plain values.
    const apply = (next: SelectionState | null) => {
      if (next) setState((s) => ({ ...s, ...next }));
    };
    return mergeRegister(
      editor.registerUpdateListener(({ editorState }) => apply(editorState.read(() => $readSelectionState()))),
      editor.registerCommand(
        SELECTION_CHANGE_COMMAND,
        () => {
          apply($readSelectionState());
          return false;
        },
        COMMAND_PRIORITY_LOW,
      ),
      editor.registerCommand(
        CAN_UNDO_COMMAND,
        (canUndo) => {
          setState((s) => ({ ...s, canUndo }));
          return false;
        },
        COMMAND_PRIORITY_LOW,
      ),
      editor.registerCommand(
        CAN_REDO_COMMAND,
        (canRedo) => {
          setState((s) => ({ ...s, canRedo }));
          return false;
        },
        COMMAND_PRIORITY_LOW,
      ),
    );
  }, [editor]);

  const setBlock = useCallback(
    (block: Block) => {
      if (block === "bullet" || block === "number") {
        if (state.block === block) editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined);
        else editor.dispatchCommand(block === "bullet" ? INSERT_UNORDERED_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND, undefined);
        return;
      }
      editor.update(() => {
        const selection = $getSelection();
        if (!$isRangeSelection(selection)) return;
        const target = state.block === block ? "paragraph" : block;
        if (target === "paragraph") $setBlocksType(selection, () => $createParagraphNode());
        else if (target === "quote") $setBlocksType(selection, () => $createQuoteNode());
        else $setBlocksType(selection, () => $createHeadingNode(target));
      });
    },
    [editor, state.block],
  );

  const format = (type: TextFormatType) => editor.dispatchCommand(FORMAT_TEXT_COMMAND, type);

  const applyLink = () => {
    const href = safeHref((linkDraft ?? "").trim());
    if (!href) {
      setLinkError(true);
      return;
    }
    editor.dispatchCommand(TOGGLE_LINK_COMMAND, href);
    setLinkDraft(null);
    setLinkError(false);
    editor.focus();
  };

  const buttons: { id: string; label: string; short: string; pressed?: boolean; disabled?: boolean; run: () => void }[] = [
    {
      id: "paragraph",
      label: t("toolbar.paragraph"),
      short: t("toolbar.paragraph_short"),
      pressed: state.block === "paragraph",
      run: () => setBlock("paragraph"),
    },
    { id: "h1", label: t("toolbar.heading", { level: 1 }), short: "H1", pressed: state.block === "h1", run: () => setBlock("h1") },
    { id: "h2", label: t("toolbar.heading", { level: 2 }), short: "H2", pressed: state.block === "h2", run: () => setBlock("h2") },
    { id: "h3", label: t("toolbar.heading", { level: 3 }), short: "H3", pressed: state.block === "h3", run: () => setBlock("h3") },
    { id: "bold", label: t("toolbar.bold"), short: "B", pressed: state.bold, run: () => format("bold") },
    { id: "italic", label: t("toolbar.italic"), short: "I", pressed: state.italic, run: () => format("italic") },
    { id: "underline", label: t("toolbar.underline"), short: "U", pressed: state.underline, run: () => format("underline") },
    { id: "bullet", label: t("toolbar.bullet_list"), short: "•", pressed: state.block === "bullet", run: () => setBlock("bullet") },
    { id: "number", label: t("toolbar.numbered_list"), short: "1.", pressed: state.block === "number", run: () => setBlock("number") },
    { id: "quote", label: t("toolbar.quote"), short: "❝", pressed: state.block === "quote", run: () => setBlock("quote") },
    {
      id: "link",
      label: state.link ? t("toolbar.remove_link") : t("toolbar.link"),
      short: "🔗",
      pressed: state.link,
      run: () => (state.link ? editor.dispatchCommand(TOGGLE_LINK_COMMAND, null) : setLinkDraft("https://")),
    },
    {
      id: "undo",
      label: t("toolbar.undo"),
      short: "↶",
      disabled: !state.canUndo,
      run: () => editor.dispatchCommand(UNDO_COMMAND, undefined),
    },
    {
      id: "redo",
      label: t("toolbar.redo"),
      short: "↷",
      disabled: !state.canRedo,
      run: () => editor.dispatchCommand(REDO_COMMAND, undefined),
    },
  ];

  const onKeyDown = (event: React.KeyboardEvent) => {
    const last = buttons.length - 1;
    let next = focusIndex;
    if (event.key === "ArrowRight") next = focusIndex === last ? 0 : focusIndex + 1;
    else if (event.key === "ArrowLeft") next = focusIndex === 0 ? last : focusIndex - 1;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = last;
    else return;
    event.preventDefault();
    setFocusIndex(next);
    toolbar.current?.querySelectorAll<HTMLButtonElement>("button[data-tool]")[next]?.focus();
  };

  return (
    <div className="editor-toolbar-wrap">
      <div
        ref={toolbar}
        role="toolbar"
        aria-label={t("toolbar.label")}
        aria-controls="minutes-editor"
        className="editor-toolbar"
        onKeyDown={onKeyDown}
      >
        {buttons.map((button, index) => (
          <button
            key={button.id}
            type="button"
            data-tool={button.id}
            tabIndex={index === focusIndex ? 0 : -1}
            aria-pressed={button.pressed === undefined ? undefined : button.pressed}
            aria-label={button.label}
            title={button.label}
            disabled={button.disabled}
            onFocus={() => setFocusIndex(index)}
            onMouseDown={(event) => event.preventDefault()}
            onClick={button.run}
            className={`editor-tool tool-${button.id}`}
          >
            <span aria-hidden="true">{button.short}</span>
          </button>
        ))}
      </div>
      {linkDraft !== null ? (
        <div className="mt-2 flex flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1">
            <label htmlFor="link-url" className="field-label">
              {t("toolbar.link_url")}
            </label>
            <input
              id="link-url"
              className="field-input"
              inputMode="url"
              value={linkDraft}
              autoFocus
              aria-invalid={linkError || undefined}
              aria-describedby={linkError ? "link-url-error" : undefined}
              onChange={(event) => setLinkDraft(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === "Enter") {
                  event.preventDefault();
                  applyLink();
                } else if (event.key === "Escape") setLinkDraft(null);
              }}
            />
            {linkError ? (
              <p id="link-url-error" className="field-error">
                {t("toolbar.link_invalid")}
              </p>
            ) : null}
          </div>
          <button type="button" className="btn-primary" onClick={applyLink}>
            {t("toolbar.link_apply")}
          </button>
          <button type="button" className="btn-secondary" onClick={() => setLinkDraft(null)}>
            {t("toolbar.cancel")}
          </button>
        </div>
      ) : null}
    </div>
  );
}
