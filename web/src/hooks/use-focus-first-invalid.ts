import { useEffect, type RefObject } from "react";

/**
 * After a submit the server refused, focus moves to the form's first invalid field (an input marked `aria-invalid`, or
 * the first control of a group marked `data-invalid`): a screen reader then reads its name, "invalid" and its error
 * (the field's description), and a keyboard user is where the fix goes. `error` is the refusal: each new one moves it.
 */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, error: unknown): void {
  useEffect(() => {
    if (!error) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid] input')?.focus();
  }, [form, error]);
}
