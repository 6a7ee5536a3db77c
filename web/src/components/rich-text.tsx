import type { ReactNode } from "react";

/** Web addresses in server messages; a trailing `.`, `,`, `;` or `:` ends the sentence, not the address. */
const urlPattern = /(https?:\/\/[^\s)<>"'`]+[^\s)<>"'`.,;:])/g;

/** Whether a text names a web address (a remedy with a link to act on). */
export const hasLink = (text: string | null | undefined): boolean => !!text && /https?:\/\/\S/.test(text);

function linked(text: string, keyPrefix: string): ReactNode[] {
  return text.split(urlPattern).map((part, index) =>
    index % 2 === 1 ? (
      <a key={`${keyPrefix}-${index}`} href={part} target="_blank" rel="noopener noreferrer" className="break">
        {part}
        <span className="visually-hidden"> (opens in a new tab)</span>
      </a>
    ) : (
      part
    ),
  );
}

/** Server messages mark names such as `repo` with backticks (shown as code); web addresses in them become links. */
export function RichText({ text }: { text: string }) {
  const parts = text.split(/`([^`]+)`/g);
  return <>{parts.map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : linked(part, String(index))))}</>;
}
