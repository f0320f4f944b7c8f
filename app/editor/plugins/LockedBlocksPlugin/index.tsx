import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { $dfs, mergeRegister } from "@lexical/utils";
import type { BaseSelection, EditorState, LexicalCommand, LexicalEditor, LexicalNode } from "lexical";
import {
  $createNodeSelection,
  $createRangeSelectionFromDom,
  $createParagraphNode,
  $getSelection,
  $isElementNode,
  $isNodeSelection,
  $isRangeSelection,
  $setSelection,
  CLICK_COMMAND,
  COMMAND_PRIORITY_CRITICAL,
  CONTROLLED_TEXT_INSERTION_COMMAND,
  CUT_COMMAND,
  DELETE_CHARACTER_COMMAND,
  DELETE_LINE_COMMAND,
  DELETE_WORD_COMMAND,
  DRAGSTART_COMMAND,
  DROP_COMMAND,
  INSERT_LINE_BREAK_COMMAND,
  INSERT_PARAGRAPH_COMMAND,
  INSERT_TAB_COMMAND,
  KEY_BACKSPACE_COMMAND,
  KEY_DELETE_COMMAND,
  KEY_ENTER_COMMAND,
  PASTE_COMMAND,
  REMOVE_TEXT_COMMAND,
  SELECTION_INSERT_CLIPBOARD_NODES_COMMAND,
} from "lexical";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { blockKey, blockOf } from "../../../domain/minutes/completeness";
import type { LockedBlockNode } from "../../nodes/locked-block-node";
import { $isLockedBlockNode } from "../../nodes/locked-block-node";

const RESTORE_TAG = "locked-blocks-restore";

/** Whether the selection covers a locked block (so deleting, typing over, cutting or pasting would remove it). */
function $selectionTouchesLocked(selection: BaseSelection | null): boolean {
  if ($isNodeSelection(selection)) return selection.getNodes().some($isLockedBlockNode);
  if ($isRangeSelection(selection) && !selection.isCollapsed())
    return selection.getNodes().some((node) => $isLockedBlockNode(node) || node.getParents().some($isLockedBlockNode));
  return false;
}

/** The locked block right before (or after) the caret's block, when the caret is at that block's very edge. */
function $lockedBlockBeside(selection: BaseSelection | null, backward: boolean): LockedBlockNode<unknown> | null {
  if (!$isRangeSelection(selection) || !selection.isCollapsed()) return null;
  let node: LexicalNode = selection.anchor.getNode();
  const offset = selection.anchor.offset;
  const size = $isElementNode(node) ? node.getChildrenSize() : node.getTextContentSize();
  if (backward ? offset !== 0 : offset !== size) return null;
  for (;;) {
    const sibling = backward ? node.getPreviousSibling() : node.getNextSibling();
    if (sibling) return $isLockedBlockNode(sibling) ? sibling : null;
    const parent = node.getParent();
    if (!parent) return null;
    node = parent;
  }
}

/**
 * The selection as the browser holds it right now. Lexical learns of caret moves (Home, a click) from the
 * asynchronous selectionchange event, so a key pressed right after one would otherwise be judged, and
 * applied, at the caret's previous place.
 */
function $liveSelection(editor: LexicalEditor): BaseSelection | null {
  const current = $getSelection();
  if ($isNodeSelection(current)) return current;
  const dom = window.getSelection();
  const root = editor.getRootElement();
  if (!dom || dom.rangeCount === 0 || !root || !root.contains(dom.anchorNode)) return current;
  const live = $createRangeSelectionFromDom(dom, editor);
  if (!live) return current;
  if (!$isRangeSelection(current) || !live.anchor.is(current.anchor) || !live.focus.is(current.focus)) {
    live.format = $isRangeSelection(current) ? current.format : live.format;
    $setSelection(live);
  }
  return live;
}

/**
 * A click on text while a block is selected moves the caret there. The browser has already put its caret at
 * the click point, but Lexical learns of it from the asynchronous selectionchange event; when the click event
 * comes first (a busy page, a quick click), rich text's own click handler drops the block selection with no
 * caret to replace it, Lexical then clears the browser's caret too, and the next key lands at the start of
 * the title. Taking the caret from the browser here, before that handler, leaves no moment without one.
 */
function $leaveBlockForClickedText(editor: LexicalEditor, event: MouseEvent): boolean {
  const current = $getSelection();
  if (!$isNodeSelection(current) || !current.getNodes().some($isLockedBlockNode)) return false;
  if (event.target instanceof Element && event.target.closest(".locked-block-host")) return false;
  const dom = window.getSelection();
  const root = editor.getRootElement();
  if (!dom || dom.rangeCount === 0 || !root || !root.contains(dom.anchorNode)) return false;
  const caret = $createRangeSelectionFromDom(dom, editor);
  if (!caret) return false;
  $setSelection(caret);
  return true;
}

function $selectNode(node: LexicalNode) {
  const selection = $createNodeSelection();
  selection.add(node.getKey());
  $setSelection(selection);
}

/** The locked blocks of a state in document order, as "type:id" (removed or not). */
function lockedSequence(state: EditorState): string {
  return state.read(() =>
    $dfs()
      .map(({ node }) => node)
      .filter($isLockedBlockNode)
      .map((node) => {
        const block = blockOf(node.exportJSON());
        return block ? blockKey(block) : "";
      })
      .join("|"),
  );
}

/**
 * Keeps the record blocks of the minutes (vote results, attendance, decisions) whole. Keys, input events,
 * clipboard and drag that would delete, split, overwrite or move one are refused and the person is told
 * why; Backspace or Delete beside a block selects it. Whatever slips past those (a browser's own editing,
 * an IME, an extension) is caught after the fact: an update that changes which blocks the document holds,
 * or their order, is undone at once. Only the block's own "remove" button changes a block, and it keeps it.
 */
export function LockedBlocksPlugin() {
  const [editor] = useLexicalComposerContext();
  const { t } = useTranslation("minutes");
  const [hint, setHint] = useState<string | null>(null);
  const hintTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const message = useRef(t("locked.refused"));
  message.current = t("locked.refused");

  useEffect(() => {
    const refuse = (event?: Event | null) => {
      event?.preventDefault();
      setHint(message.current);
      if (hintTimer.current) clearTimeout(hintTimer.current);
      hintTimer.current = setTimeout(() => setHint(null), 6_000);
      return true;
    };
    const whenTouching = <P,>(command: LexicalCommand<P>, eventOf: (payload: P) => Event | null = () => null) =>
      editor.registerCommand(
        command,
        (payload) => ($selectionTouchesLocked($liveSelection(editor)) ? refuse(eventOf(payload)) : false),
        COMMAND_PRIORITY_CRITICAL,
      );
    const deleting = <P,>(command: LexicalCommand<P>, backwardOf: (payload: P) => boolean, eventOf: (payload: P) => Event | null) =>
      editor.registerCommand(
        command,
        (payload) => {
          const selection = $liveSelection(editor);
          if ($selectionTouchesLocked(selection)) return refuse(eventOf(payload));
          const beside = $lockedBlockBeside(selection, backwardOf(payload));
          if (!beside) return false;
          // First press selects the block, so the person sees what the key is about; it never deletes it.
          eventOf(payload)?.preventDefault();
          $selectNode(beside);
          return true;
        },
        COMMAND_PRIORITY_CRITICAL,
      );
    const asEvent = (payload: unknown) => (payload instanceof Event ? payload : null);
    const onCompositionStart = () => {
      const touching = editor.getEditorState().read(() => $selectionTouchesLocked($getSelection()));
      if (touching) window.getSelection()?.collapseToEnd();
    };

    return mergeRegister(
      deleting(KEY_BACKSPACE_COMMAND, () => true, asEvent),
      deleting(KEY_DELETE_COMMAND, () => false, asEvent),
      deleting(
        DELETE_CHARACTER_COMMAND,
        (backward) => backward,
        () => null,
      ),
      deleting(
        DELETE_WORD_COMMAND,
        (backward) => backward,
        () => null,
      ),
      deleting(
        DELETE_LINE_COMMAND,
        (backward) => backward,
        () => null,
      ),
      whenTouching(REMOVE_TEXT_COMMAND, asEvent),
      whenTouching(CONTROLLED_TEXT_INSERTION_COMMAND, asEvent),
      whenTouching(INSERT_LINE_BREAK_COMMAND),
      whenTouching(INSERT_TAB_COMMAND),
      whenTouching(CUT_COMMAND, asEvent),
      whenTouching(PASTE_COMMAND, asEvent),
      whenTouching(SELECTION_INSERT_CLIPBOARD_NODES_COMMAND),
      editor.registerCommand(CLICK_COMMAND, (event) => $leaveBlockForClickedText(editor, event), COMMAND_PRIORITY_CRITICAL),
      editor.registerCommand(
        KEY_ENTER_COMMAND,
        (event) => {
          const selection = $liveSelection(editor);
          if (!$isNodeSelection(selection) || !selection.getNodes().some($isLockedBlockNode))
            return $selectionTouchesLocked(selection) ? refuse(event) : false;
          // Enter on a selected block opens a new paragraph after it: the way to write between two blocks.
          event?.preventDefault();
          const nodes = selection.getNodes();
          const paragraph = $createParagraphNode();
          nodes[nodes.length - 1].insertAfter(paragraph);
          paragraph.select();
          return true;
        },
        COMMAND_PRIORITY_CRITICAL,
      ),
      editor.registerCommand(
        INSERT_PARAGRAPH_COMMAND,
        () => ($selectionTouchesLocked($liveSelection(editor)) ? refuse() : false),
        COMMAND_PRIORITY_CRITICAL,
      ),
      editor.registerCommand(
        DRAGSTART_COMMAND,
        (event) => {
          const target = event.target instanceof Node ? event.target : null;
          const fromBlock =
            target instanceof Element ? target.closest(".locked-block-host") : target?.parentElement?.closest(".locked-block-host");
          return fromBlock || $selectionTouchesLocked($getSelection()) ? refuse(event) : false;
        },
        COMMAND_PRIORITY_CRITICAL,
      ),
      editor.registerCommand(
        DROP_COMMAND,
        (event) => {
          const onBlock = event.target instanceof Element && event.target.closest(".locked-block-host");
          return onBlock || $selectionTouchesLocked($getSelection()) ? refuse(event) : false;
        },
        COMMAND_PRIORITY_CRITICAL,
      ),
      // An input method composing over a selection that spans a block would replace it: compose at its end instead.
      editor.registerRootListener((root, previous) => {
        previous?.removeEventListener("compositionstart", onCompositionStart, true);
        root?.addEventListener("compositionstart", onCompositionStart, true);
      }),
      editor.registerUpdateListener(({ editorState, prevEditorState, tags }) => {
        if (prevEditorState.isEmpty() || tags.has(RESTORE_TAG)) return;
        if (lockedSequence(editorState) === lockedSequence(prevEditorState)) return;
        // The document lost, doubled or moved a record block: put the previous state back whole.
        editor.setEditorState(prevEditorState, { tag: RESTORE_TAG });
        refuse();
      }),
    );
  }, [editor]);

  useEffect(
    () => () => {
      if (hintTimer.current) clearTimeout(hintTimer.current);
    },
    [],
  );

  return (
    <p className={hint ? "locked-block-hint" : "locked-block-announcer"} role="status" aria-live="polite" data-testid="locked-hint">
      {hint ?? ""}
    </p>
  );
}
