// `npm run demo`: a local Ceph S3 seeded with sample buckets, and code-server on 127.0.0.1 with the
// packaged extension installed and profiles pointing at that S3. Prints the URL; Ctrl+C stops all.
import { DEMO_PROFILES, startDemo } from './demoSetup';

async function main(): Promise<void> {
  console.log('Starting a local Ceph S3 (radosgw) and code-server with the packaged extension…');
  const demo = await startDemo({ port: Number(process.env.S3B_DEMO_PORT ?? 8080), verbose: true });
  try {
    console.log(`\nS3 endpoint: ${demo.target.endpoint} (profiles ${DEMO_PROFILES.map((name) => `"${name}"`).join(' and ')} in ${demo.profiles.configFile})`);
    console.log(`Open ${demo.url}\nthen click the S3 icon in the activity bar. Press Ctrl+C to stop.`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    console.log('\nStopping…');
  } finally {
    await demo.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
