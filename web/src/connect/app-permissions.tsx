/** The permissions Repolink's GitHub App needs, as GitHub's settings page names them. */
export function AppPermissions() {
  return (
    <table className="app-permissions">
      <caption>Permissions to grant the App</caption>
      <thead>
        <tr>
          <th scope="col">Repository permission</th>
          <th scope="col">Access</th>
          <th scope="col" className="why">
            Why
          </th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">Contents</th>
          <td>
            <strong>Read and write</strong>
          </td>
          <td className="why">To clone, fetch and push (Read-only is enough for repositories Repolink only reads).</td>
        </tr>
        <tr>
          <th scope="row">Metadata</th>
          <td>
            <strong>Read-only</strong>
          </td>
          <td className="why">GitHub requires it; Repolink reads names, default branches and visibility.</td>
        </tr>
      </tbody>
    </table>
  );
}
