/** The editor's regions in the order F6 visits them. */
const regions = ['.top-bar', '.editor-tools', '.palette', '.canvas', '.inspector', '.results'];

/** Elements that take the focus by Tab. */
export const focusable =
  'button:not([disabled]), input:not([type="hidden"]):not([hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * Moves the focus to the next (or previous) region of the editor: its first control, or on the
 * canvas the selected node (else the first node), so a keyboard user never Tabs through every node.
 */
export function focusRegion(forward: boolean, root: ParentNode = document): void {
  const present = regions.flatMap((selector) => {
    const element = root.querySelector<HTMLElement>(selector);
    return element ? [element] : [];
  });
  if (present.length === 0) return;
  const active = document.activeElement;
  const at = present.findIndex((region) => region.contains(active));
  const step = forward ? 1 : -1;
  const start = at < 0 ? (forward ? -1 : present.length) : at;
  for (let i = 1; i <= present.length; i++) {
    const region = present[(((start + step * i) % present.length) + present.length) % present.length] as HTMLElement;
    const target =
      (region.matches('.canvas')
        ? (region.querySelector<HTMLElement>('.react-flow__node.selected') ?? region.querySelector<HTMLElement>('.react-flow__node'))
        : null) ?? region.querySelector<HTMLElement>(focusable);
    if (target) {
      target.focus();
      return;
    }
  }
}
