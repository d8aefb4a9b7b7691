// Runs inside the VS Code extension host (loaded like a test suite by runTransferBenchmark.ts): the
// engine plan (enginePlan.ts) in the host's own process, so the memory it reports is the host's.
// Reads the plan from S3B_BENCH_PLAN and writes the results to S3B_RESULTS_FILE as JSON.
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { runEnginePlan, type HostPlan } from './enginePlan';

export async function run(): Promise<void> {
  const plan = JSON.parse(await fs.readFile(process.env.S3B_BENCH_PLAN!, 'utf8')) as HostPlan;
  // The extension itself is active, as when a command runs, so the memory baseline includes it.
  await vscode.extensions.getExtension('s3-browser-dev.s3-browser')!.activate();
  const result = await runEnginePlan(plan, (line) => console.log(line));
  await fs.writeFile(process.env.S3B_RESULTS_FILE!, JSON.stringify(result));
}
