// Saves text as a file: a Blob URL and a download link, made and removed at once (no network request).
export interface DownloadableFile {
  fileName: string;
  mimeType: string;
  text: string;
}

export function downloadFile(file: DownloadableFile): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
