import { RichText } from "./rich-text.tsx";

/** An error message announced at once to screen readers; renders nothing without a message. */
export function ErrorAlert({ message, id }: { message: string | null | undefined; id?: string }) {
  if (!message) return null;
  return (
    <div className="alert alert-error" role="alert" id={id}>
      <RichText text={message} />
    </div>
  );
}
