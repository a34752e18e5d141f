import { afterAll, beforeAll } from 'vitest';
import { type StartedEditor, startEditor } from './editor-app';

/** The built editor served for this test file: started before its tests, stopped after them. */
export function staticEditorForSuite(): StartedEditor {
  const editor = {} as StartedEditor;
  beforeAll(async () => {
    Object.assign(editor, await startEditor());
  }, 180_000);
  afterAll(async () => {
    await editor.stop?.();
  });
  return editor;
}
