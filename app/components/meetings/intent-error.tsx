import { failureFor, firstError } from "../../web/forms";

/** The refusal of one form of a page with several (its `intent`), next to that form. */
export function IntentError({ answer, intent }: { answer: unknown; intent: string }) {
  const message = firstError(failureFor(answer, intent));
  return message ? (
    <p role="alert" className="field-error">
      {message}
    </p>
  ) : null;
}
