import type { EditorThemeClasses } from "lexical";

/** Class names the editor puts on its nodes; the same names style the server-rendered minutes. */
export const minutesTheme: EditorThemeClasses = {
  paragraph: "mx-p",
  quote: "mx-quote",
  heading: { h1: "mx-h1", h2: "mx-h2", h3: "mx-h3", h4: "mx-h3", h5: "mx-h3", h6: "mx-h3" },
  list: { ul: "mx-ul", ol: "mx-ol", listitem: "mx-li", nested: { listitem: "nested-list-item" } },
  link: "mx-link",
  text: { bold: "mx-bold", italic: "mx-italic", underline: "mx-underline", strikethrough: "mx-strike", code: "mx-code" },
};
