import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { $getRoot } from "lexical";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { countWords } from "./count-words";

/** A live word count below the editor, announced politely to screen readers. */
export function WordCountPlugin() {
  const [editor] = useLexicalComposerContext();
  const { t } = useTranslation("minutes");
  const [words, setWords] = useState(() => editor.getEditorState().read(() => countWords($getRoot().getTextContent())));
  useEffect(() => editor.registerTextContentListener((text) => setWords(countWords(text))), [editor]);
  return (
    <p className="text-sm text-ink-muted" aria-live="polite" data-testid="word-count">
      {t("editor.word_count", { count: words })}
    </p>
  );
}
