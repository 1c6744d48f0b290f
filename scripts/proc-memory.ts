// Peak resident memory of Chromium's renderer processes (Linux /proc), for bench:engine's load figure. A
// dedicated worker runs inside its page's renderer, so the renderer's peak RSS bounds what the worker held
// in JS, ArrayBuffers and the wasm heap. Peaks are reset through /proc/PID/clear_refs ("5" resets VmHWM).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

interface Proc { pid: number; ppid: number; cmdline: string }

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      out.push({ pid: Number(name), ppid, cmdline: readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ') });
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/** Renderer (and GPU) processes of the Chromium started with this --user-data-dir. */
export function chromiumChildren(profile: string): { renderers: number[]; gpu: number[] } {
  const all = processes();
  const root = all.find((p) => p.cmdline.includes(`--user-data-dir=${profile}`) && !p.cmdline.includes('--type='));
  if (!root) throw new Error(`No Chromium process with --user-data-dir=${profile}`);
  const mine = new Set([root.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) if (!mine.has(p.pid) && mine.has(p.ppid)) (mine.add(p.pid), (grew = true));
  }
  const of = (type: string) => all.filter((p) => mine.has(p.pid) && p.cmdline.includes(`--type=${type}`)).map((p) => p.pid);
  return { renderers: of('renderer'), gpu: of('gpu-process') };
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

/** Resets the peak of each process and remembers its RSS; `peakGrowthBytes` then says how far each rose. */
export function startPeakWatch(pids: number[]): { peakGrowthBytes(): Map<number, number> } {
  const base = new Map<number, number>();
  for (const pid of pids) {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    base.set(pid, statusKb(pid, 'VmRSS'));
  }
  return {
    peakGrowthBytes: () => new Map(pids.map((pid) => [pid, (statusKb(pid, 'VmHWM') - base.get(pid)!) * 1024])),
  };
}
