/** Offers `bytes` to the player as a file called `name` (the browser's own download). */
export function downloadFile(name: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes.slice().buffer], { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // the download has its own reference by now; give it a moment anyway before letting go
  setTimeout(() => { URL.revokeObjectURL(url); }, 10_000);
}
