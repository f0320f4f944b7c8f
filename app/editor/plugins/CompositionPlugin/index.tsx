import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { useEffect } from "react";

/**
 * Chinese input methods compose a word (pinyin) before committing it. Lexical handles the composition
 * itself; this plugin tells the rest of the editor when a composition is in progress, so autosave never
 * stores half a word and resumes the moment the word is committed.
 */
export function CompositionPlugin({ onComposingChange }: { onComposingChange: (composing: boolean) => void }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const start = () => onComposingChange(true);
    const end = () => onComposingChange(false);
    return editor.registerRootListener((element, previous) => {
      previous?.removeEventListener("compositionstart", start);
      previous?.removeEventListener("compositionend", end);
      element?.addEventListener("compositionstart", start);
      element?.addEventListener("compositionend", end);
    });
  }, [editor, onComposingChange]);
  return null;
}
