import type { Locator, Page } from 'playwright-core';
import { dragFromPalette } from './editor-app';

// How the journey test drives the inspector, in one place: the forms change, these few helpers follow.

/** Drags a node type onto the canvas and answers the id the editor gave it. */
export async function addNode(page: Page, type: string, x: number, y: number): Promise<string> {
  const before = new Set(await page.locator('[data-node-id]').evaluateAll((els) => els.map((el) => el.getAttribute('data-node-id'))));
  await dragFromPalette(page, type, x, y);
  const ids = async () =>
    (await page.locator('[data-node-id]').evaluateAll((els) => els.map((el) => el.getAttribute('data-node-id')))).filter(
      (id): id is string => id !== null && !before.has(id),
    );
  for (;;) {
    const added = await ids();
    if (added.length === 1) return added[0] as string;
    await page.waitForTimeout(50);
  }
}

/** Opens a node in the inspector and answers the inspector. */
export async function inspect(page: Page, nodeId: string): Promise<Locator> {
  await page.locator(`[data-node-id="${nodeId}"] .node-title`).click();
  const inspector = page
    .getByRole('complementary', { name: /inspector/i })
    .or(page.locator('.inspector'))
    .first();
  await inspector.waitFor();
  return inspector;
}

/** Types into a labelled text field (a label is matched at its start: required ones end with " *"). */
export async function fill(scope: Locator, label: string, value: string): Promise<void> {
  await scope
    .getByLabel(new RegExp(`^${label}\\b`))
    .first()
    .fill(value);
}

/** Picks the one column of a single-column field, offered from the input's (design-time) schema with its type. */
export async function pickColumn(scope: Locator, label: string, name: string): Promise<void> {
  await scope
    .getByRole('group', { name: new RegExp(`^${label}\\b`) })
    .getByRole('radio', { name: new RegExp(`^${name}\\b`) })
    .check();
}

/** Ticks columns in a multi-column field, offered from the input's (design-time) schema. */
export async function pickColumns(scope: Locator, names: readonly string[]): Promise<void> {
  for (const name of names) await scope.getByRole('checkbox', { name: new RegExp(`^${name}\\b`) }).check();
}

/** Adds an item to a list field and answers the new item. */
export async function addItem(scope: Locator, label: string): Promise<Locator> {
  await scope.getByRole('button', { name: new RegExp(`^Add ${label}`, 'i') }).click();
  // The list's own items, not the rows of a column picker inside one.
  return scope.locator('.array-field > ol > li').last();
}
