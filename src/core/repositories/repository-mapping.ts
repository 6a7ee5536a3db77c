/** A member's own credential for one repository (`repo map R --credential N`): used when that member or their token acts. */
export interface RepositoryMapping {
  repositoryId: string;
  userId: string;
  credentialId: string;
  createdAt: string;
}
