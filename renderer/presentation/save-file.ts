/**
 * Saves a file the page made (a PNG export) the same way in both hosts: a download of a
 * blob URL. The browser saves it like any download; Electron asks where with its save dialog.
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // the download has taken the data once the click returns; the URL can go a moment later
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function canvasPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png');
  });
}
