import { describe, expect, it } from 'vitest';
import { clampPanelHeight, keyedPanelHeight, panelHeight, storedPanelHeight } from './panel-height';

describe('the results panel height', () => {
  it('stays between its floor and what leaves room for the canvas', () => {
    expect(clampPanelHeight(50, 900)).toBe(panelHeight.min);
    expect(clampPanelHeight(5000, 900)).toBe(900 - panelHeight.canvasRoom);
    expect(clampPanelHeight(400.4, 900)).toBe(400);
    // A tiny window still shows the floor.
    expect(clampPanelHeight(300, 200)).toBe(panelHeight.min);
  });

  it('moves by keys: arrows by a step, Shift by a big step, Home and End to the bounds', () => {
    expect(keyedPanelHeight(300, 'ArrowUp', false, 900)).toBe(300 + panelHeight.step);
    expect(keyedPanelHeight(300, 'ArrowDown', true, 900)).toBe(300 - panelHeight.bigStep);
    expect(keyedPanelHeight(300, 'Home', false, 900)).toBe(panelHeight.min);
    expect(keyedPanelHeight(300, 'End', false, 900)).toBe(900 - panelHeight.canvasRoom);
    expect(keyedPanelHeight(300, 'a', false, 900)).toBeUndefined();
  });

  it('reads a remembered height, falling back on nonsense', () => {
    expect(storedPanelHeight('420')).toBe(420);
    expect(storedPanelHeight(null)).toBe(panelHeight.initial);
    expect(storedPanelHeight('abc')).toBe(panelHeight.initial);
    expect(storedPanelHeight('-5')).toBe(panelHeight.initial);
  });
});
