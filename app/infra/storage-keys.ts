/** Every photo's thumbnail sits beside it: `2026/11/<uuid>.thumb.jpg` for `2026/11/<uuid>.jpg`. */
export function thumbnailKeyOf(storageKey: string): string {
  return `${storageKey.slice(0, storageKey.lastIndexOf("."))}.thumb.jpg`;
}
