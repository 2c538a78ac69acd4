import fs from "node:fs";

/** Resource use of process trees, read from /proc (Linux). */

const CLK_TCK = 100; // USER_HZ on Linux (getconf CLK_TCK)

function read(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/** [ppid, utime+stime ticks, comm] from /proc/<pid>/stat (comm may contain spaces, so split after its ")"). */
function stat(pid: number): { ppid: number; ticks: number; comm: string } | null {
  const s = read(`/proc/${pid}/stat`);
  if (!s) return null;
  const close = s.lastIndexOf(")");
  const fields = s.slice(close + 2).split(" ");
  return {
    ppid: Number(fields[1]),
    ticks: Number(fields[11]) + Number(fields[12]),
    comm: s.slice(s.indexOf("(") + 1, close),
  };
}

function allPids(): number[] {
  return fs
    .readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

/** The process and all its descendants (tsx starts node as a child, so the server is not the spawned pid). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of allPids()) {
    const s = stat(pid);
    if (s) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  }
  const out: number[] = [];
  const walk = (p: number) => {
    out.push(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(root);
  return out;
}

function statusKb(pid: number, field: string): number {
  const m = read(`/proc/${pid}/status`)?.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
  return m ? Number(m[1]) : 0;
}

export type Usage = { cpuSeconds: number; rssMb: number; peakRssMb: number };

export function usage(pids: number[]): Usage {
  let ticks = 0,
    rss = 0,
    peak = 0;
  for (const pid of pids) {
    ticks += stat(pid)?.ticks ?? 0;
    rss += statusKb(pid, "VmRSS");
    peak += statusKb(pid, "VmHWM");
  }
  return { cpuSeconds: ticks / CLK_TCK, rssMb: rss / 1024, peakRssMb: peak / 1024 };
}

/** CPU seconds of every PostgreSQL process on the machine (other users of the server count too). */
export function postgresCpuSeconds(): number {
  let ticks = 0;
  for (const pid of allPids()) {
    const s = stat(pid);
    if (s && s.comm.startsWith("postgres")) ticks += s.ticks;
  }
  return ticks / CLK_TCK;
}

/** Samples a tree's CPU over a phase: call `end()` to get seconds of CPU and the share of one core. */
export function cpuMeter(pidsOf: () => number[]) {
  const start = { cpu: usage(pidsOf()).cpuSeconds, pg: postgresCpuSeconds(), at: Date.now() };
  return () => {
    const seconds = (Date.now() - start.at) / 1000;
    const cpu = usage(pidsOf()).cpuSeconds - start.cpu;
    const pg = postgresCpuSeconds() - start.pg;
    return {
      seconds,
      cpuSeconds: cpu,
      cpuPercent: (100 * cpu) / seconds,
      postgresCpuSeconds: pg,
      postgresCpuPercent: (100 * pg) / seconds,
    };
  };
}
