import { useId, type RefObject } from "react";

/**
 * The private key and passphrase of an SSH key credential. Uncontrolled, like the token field,
 * so the secret is never mirrored into a DOM attribute; callers read and clear the refs.
 */
export function SshKeyFields({
  keyRef,
  passphraseRef,
}: {
  keyRef: RefObject<HTMLTextAreaElement | null>;
  passphraseRef: RefObject<HTMLInputElement | null>;
}) {
  const id = useId();
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-key`}>Private key</label>
        <p className="hint" id={`${id}-key-hint`}>
          The whole OpenSSH private key, from <code>-----BEGIN</code> to <code>END-----</code>.
        </p>
        <textarea
          id={`${id}-key`}
          ref={keyRef}
          rows={6}
          required
          spellCheck={false}
          autoComplete="off"
          className="mono"
          aria-describedby={`${id}-key-hint`}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-pass`}>Passphrase (optional)</label>
        <input id={`${id}-pass`} ref={passphraseRef} type="password" autoComplete="off" />
      </div>
    </>
  );
}
