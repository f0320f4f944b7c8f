import type { NodeKey } from "lexical";
import { DecoratorNode } from "lexical";

/**
 * What every locked block of the minutes shares: it carries figures taken from the database, renders them
 * read-only, and contributes no editable text. Subclasses name their type and how the block looks.
 */
export abstract class LockedBlockNode<Data> extends DecoratorNode<JSX.Element> {
  __data: Data;

  constructor(data: Data, key?: NodeKey) {
    super(key);
    this.__data = data;
  }

  getData(): Data {
    return this.getLatest().__data;
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

  getTextContent(): string {
    return "";
  }
}
