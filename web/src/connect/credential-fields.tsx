import { FormField } from "../components/form-field.tsx";
import { SelectField } from "../components/select-field.tsx";
import { useSession } from "../session/session-context.ts";

/** The credential's name, as repositories and pipelines will refer to it; `what` names the thing in the hint. */
export function CredentialNameField({
  value,
  onChange,
  error,
  what,
}: {
  value: string;
  onChange(name: string): void;
  error: string | null;
  what: string;
}) {
  return (
    <FormField
      label="Credential name"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      required
      maxLength={64}
      pattern="[A-Za-z0-9][A-Za-z0-9._\-]*"
      hint={`How repositories and pipelines refer to ${what}: letters, digits, '.', '_' or '-'.`}
      error={error}
    />
  );
}

/** Who may use the credential (form field `scope`): only admins are offered the whole team. */
export function CredentialScopeField() {
  const { user } = useSession();
  const admin = user.role === "admin";
  return (
    <SelectField
      label="Who may use it"
      name="scope"
      defaultValue={admin ? "global" : "private"}
      hint={admin ? undefined : "Only admins create team-wide credentials."}
    >
      {admin ? <option value="global">The whole team (global)</option> : null}
      <option value="private">Only me (private)</option>
    </SelectField>
  );
}
