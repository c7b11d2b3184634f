/**
 * Whether process `pid` still runs on this machine: leftovers named after a live process belong to
 * work in progress and must be left alone. EPERM means it runs under another user.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
