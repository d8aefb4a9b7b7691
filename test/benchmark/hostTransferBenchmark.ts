// Runs inside the VS Code extension host (loaded like a test suite by runTransferBenchmark.ts): the
// engine plan (enginePlan.ts) in the host's own process, so the memory it reports is the host's.
// Reads the plan from S3B_BENCH_PLAN and writes the results to S3B_RESULTS_FILE as JSON; with
// S3B_BENCH_CPU_PROFILE set, also the host's CPU profile of the plan to that file (open it in
// Chrome DevTools or VS Code), to see where the host spends what the same code does not spend outside.
import { promises as fs } from 'node:fs';
import { Session } from 'node:inspector/promises';
import * as vscode from 'vscode';
import { runEnginePlan, type HostPlan } from './enginePlan';

export async function run(): Promise<void> {
  const plan = JSON.parse(await fs.readFile(process.env.S3B_BENCH_PLAN!, 'utf8')) as HostPlan;
  // The extension itself is active, as when a command runs, so the memory baseline includes it.
  await vscode.extensions.getExtension('s3-browser-dev.s3-browser')!.activate();
  const profileFile = process.env.S3B_BENCH_CPU_PROFILE;
  const session = profileFile ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const result = await runEnginePlan(plan, (line) => console.log(line));
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    await fs.writeFile(profileFile!, JSON.stringify(profile));
    session.disconnect();
  }
  await fs.writeFile(process.env.S3B_RESULTS_FILE!, JSON.stringify(result));
}
