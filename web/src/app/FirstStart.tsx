/**
 * What a first-time user needs on the sign-in screen: there are no users yet, and the admin's way in
 * is the tokened link the server printed, whose token is also kept in a file beside its data.
 */
export function FirstStart() {
  return (
    <section className="first-start" aria-labelledby="first-start-title">
      <h2 id="first-start-title">First time here?</h2>
      <p>
        When the server starts for the first time (<code>npm start</code>), it prints a link with an admin token:{' '}
        <code>Causeway is running at http://…/?token=cw_…</code>. Open that link to come in as the admin, without a name or password; then
        add users on the Users page.
      </p>
      <p>
        The admin token is kept on the server's machine in <code>.causeway/admin.token</code> (in the data directory, set by{' '}
        <code>CAUSEWAY_DATA_DIR</code>). Anyone with that token is the admin: keep it private.
      </p>
    </section>
  );
}
