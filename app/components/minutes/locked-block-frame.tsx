import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { useLexicalNodeSelection } from "@lexical/react/useLexicalNodeSelection";
import type { NodeKey } from "lexical";
import { $createNodeSelection, $setSelection } from "lexical";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ExpectedBlock } from "../../domain/minutes/completeness";
import { nameBlock } from "../../domain/minutes/completeness";

interface Props {
  nodeKey: NodeKey;
  removed: boolean;
  block: ExpectedBlock;
  /** Takes the block out of the minutes (kept, marked removed) or puts it back. */
  setRemoved: (removed: boolean) => void;
  children: React.ReactNode;
}

/**
 * The editor's frame around a locked block. A click selects the whole block (so the next key press is about
 * the block, never about text elsewhere); its one action is "remove from the minutes", confirmed, and a
 * removed block shows what it was and a button to put it back.
 */
export function LockedBlockFrame({ nodeKey, removed, block, setRemoved, children }: Props) {
  const { t } = useTranslation("minutes");
  const [editor] = useLexicalComposerContext();
  const [isSelected] = useLexicalNodeSelection(nodeKey);
  const [confirming, setConfirming] = useState(false);
  const name = nameBlock(block, t);
  const frame = useRef<HTMLDivElement>(null);

  // While the block is selected the keyboard focus sits on the block itself, not in the text: a browser
  // left with a focused editor and no caret puts one at the start of the title, and keys would land there.
  useEffect(() => {
    const element = frame.current;
    if (isSelected && element && !element.contains(document.activeElement)) element.focus({ preventScroll: true });
  }, [isSelected]);

  const select = () => {
    editor.update(() => {
      const selection = $createNodeSelection();
      selection.add(nodeKey);
      $setSelection(selection);
    });
    frame.current?.focus({ preventScroll: true });
  };
  const changeRemoved = (value: boolean) => {
    setRemoved(value);
    setConfirming(false);
  };
  // Clicks on the block's own buttons must not first turn into a node selection and a refocus.
  const keepClick = (event: React.SyntheticEvent) => event.stopPropagation();

  return (
    <div
      ref={frame}
      tabIndex={-1}
      className="locked-block-frame"
      data-selected={isSelected || undefined}
      data-removed={removed || undefined}
      data-block-kind={block.type}
      onMouseDown={(event) => {
        // The browser would otherwise put the caret at some text outside the block.
        event.preventDefault();
        select();
      }}
    >
      {removed ? (
        <section className="locked-block locked-block-removed" data-kind={block.type} aria-label={name}>
          <p className="font-medium">{t("completeness.removed_placeholder", { name })}</p>
          <p className="text-sm">{t("completeness.removed_help")}</p>
          <button type="button" className="btn-secondary mt-2" onMouseDown={keepClick} onClick={() => changeRemoved(false)}>
            {t("completeness.put_back")}
          </button>
        </section>
      ) : (
        <>
          {children}
          <div className="locked-block-actions" onMouseDown={keepClick}>
            {confirming ? (
              <div role="alertdialog" aria-label={t("completeness.confirm_title", { name })} className="locked-block-confirm">
                <p>{t("completeness.confirm_text", { name })}</p>
                <div className="flex flex-wrap gap-2">
                  <button type="button" className="btn bg-red-700 text-white hover:bg-red-800" onClick={() => changeRemoved(true)}>
                    {t("completeness.confirm_remove")}
                  </button>
                  <button type="button" className="btn-secondary" onClick={() => setConfirming(false)}>
                    {t("completeness.cancel")}
                  </button>
                </div>
              </div>
            ) : (
              <button type="button" className="locked-block-remove" onClick={() => setConfirming(true)}>
                {t("completeness.remove", { name })}
              </button>
            )}
          </div>
        </>
      )}
    </div>
  );
}
