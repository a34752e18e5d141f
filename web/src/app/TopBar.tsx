import { PagesNav } from '../pages/PagesNav';

/**
 * The bar at the top of every screen, the same on the editor, the server pages and the sign-in
 * screen: the name of the product, the links to the pages the role may read, who is signed in.
 * A page's own tools go in a bar of their own below it, so the links never move.
 */
export function TopBar() {
  return (
    <header className="toolbar top-bar">
      <span className="brand">Causeway</span>
      <PagesNav />
    </header>
  );
}
