/** What a form of a discriminated union looks like from outside: an object whose `intent` is one literal. */
interface IntentForm {
  shape: { intent: { value: unknown } };
}

/**
 * The `intent` values a page's forms send, read from the page's one schema (a discriminated union on
 * `intent`), so `defineAction`'s `intents` option never repeats the list by hand.
 */
export function intentsOf(schema: { options: readonly IntentForm[] }): string[] {
  return schema.options.map((form) => String(form.shape.intent.value));
}
