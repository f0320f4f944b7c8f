import type { LexicalEditor, NodeKey } from "lexical";
import { $getNodeByKey, DecoratorNode } from "lexical";
import { Suspense, lazy } from "react";
import type { LockedBlockContent } from "../../domain/minutes/locked-data";

/**
 * The block's view is loaded when an editor first shows one, never with this module: the server renderer and
 * the minutes domain build their headless editors from these classes, and must not pull the UI in with them
 * (the Lexical playground's ImageNode loads its component the same way).
 */
const LockedBlockView = lazy(() => import("../../components/minutes/locked-block-view"));

/**
 * What every locked block of the minutes shares: it carries figures taken from the database, renders them
 * read-only, and contributes no editable text. Subclasses name their type and how the block looks.
 *
 * A block is never deleted from the editor. Taking it out of the minutes is an explicit, recorded act that
 * marks it `removed`: it stays in the document (so it can be put back, and the server sees it was taken out
 * on purpose) but the minutes cannot be signed off or published while it is.
 */
export abstract class LockedBlockNode<Data> extends DecoratorNode<JSX.Element> {
  __data: Data;
  __removed: boolean;

  constructor(data: Data, removed = false, key?: NodeKey) {
    super(key);
    this.__data = data;
    this.__removed = removed;
  }

  getData(): Data {
    return this.getLatest().__data;
  }

  isRemoved(): boolean {
    return this.getLatest().__removed;
  }

  setRemoved(removed: boolean): this {
    const writable = this.getWritable();
    writable.__removed = removed;
    return writable;
  }

  /** The fields every locked block adds to its JSON; `removed` only when set, so existing texts (and hashes) keep their form. */
  protected lockedJSON(): { removed?: true } {
    return this.__removed ? { removed: true } : {};
  }

  createDOM(): HTMLElement {
    const element = document.createElement("div");
    element.className = "locked-block-host";
    element.contentEditable = "false";
    return element;
  }

  updateDOM(): false {
    return false;
  }

  isInline(): false {
    return false;
  }

  /**
   * The caret steps over it and Backspace/Delete beside it select it (LockedBlocksPlugin refuses the delete).
   * Not `isIsolated`: that would also stop the arrow keys at it, stranding keyboard users on one side.
   */
  isKeyboardSelectable(): true {
    return true;
  }

  getTextContent(): string {
    return "";
  }

  decorate(editor: LexicalEditor): JSX.Element {
    const key = this.__key;
    const setRemoved = (removed: boolean) =>
      editor.update(() => {
        const node = $getNodeByKey(key);
        if ($isLockedBlockNode(node)) node.setRemoved(removed);
      });
    const block = { type: this.getType(), data: this.__data } as LockedBlockContent;
    return (
      <Suspense fallback={null}>
        <LockedBlockView nodeKey={key} block={block} removed={this.__removed} setRemoved={setRemoved} />
      </Suspense>
    );
  }
}

export function $isLockedBlockNode(node: unknown): node is LockedBlockNode<unknown> {
  return node instanceof LockedBlockNode;
}
