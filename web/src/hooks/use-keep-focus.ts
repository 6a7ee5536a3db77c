import { useLayoutEffect, useRef, type RefObject } from "react";

/**
 * After an action re-renders its part of the page in place, focus must not fall back to the page's start when
 * the button that had it went away (a fixed problem's "Check again"). Call the returned function when the action
 * ends: in the same commit that removes the button, focus moves to `fallback` (a `tabIndex={-1}` element).
 */
export function useKeepFocus(fallback: RefObject<HTMLElement | null>): () => void {
  const pending = useRef(false);
  useLayoutEffect(() => {
    if (!pending.current) return;
    pending.current = false;
    if (!document.activeElement || document.activeElement === document.body) fallback.current?.focus();
  });
  return () => {
    pending.current = true;
  };
}
