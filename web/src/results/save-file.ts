/** Hands bytes to the browser as a download named `name`. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The download has taken the blob by the next task; the URL is not needed after.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
