/** A person who signs in to Repolink. */
export interface User {
  id: string;
  username: string;
  role: UserRole;
  passwordHash: string;
  createdAt: string;
  disabledAt: string | null;
}

/** Admins manage everything global; members manage their own private things. */
export type UserRole = "admin" | "member";

/** A browser session; the cookie holds a random value whose SHA-256 is `idHash`. */
export interface Session {
  idHash: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

/** A personal API token; only the SHA-256 of its secret part is stored. */
export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  secretHash: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** Repository patterns the token is limited to; null for every repository. */
  repos: string[] | null;
  access: "read" | "push";
  /** When the token stops working; null for never. */
  expiresAt: string | null;
}
