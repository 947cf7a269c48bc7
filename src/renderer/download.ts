/** Hands a file to the user as a download (browser mode) or a save dialog (Electron). */

/** Offers `blob` as a file named `fileName`. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The click starts the download synchronously; the URL may go once it has been read.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Offers text as a file of the given MIME type. */
export function downloadText(fileName: string, mimeType: string, text: string): void {
  downloadBlob(fileName, new Blob([text], { type: mimeType }));
}
