// The getting-started walkthrough as package.json declares it: five steps, each with a picture that
// is packaged, a button that runs a command that exists, and events that tick it off.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

/** The repository, from out/test/unit/manifest/ where this runs. */
const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

interface Step {
  id: string;
  title: string;
  description: string;
  media: { image?: string; altText?: string };
  completionEvents?: string[];
}
interface Manifest {
  contributes: {
    commands: Array<{ command: string }>;
    configuration: { properties: Record<string, unknown> };
    views: Record<string, Array<{ id: string }>>;
    walkthroughs?: Array<{ id: string; title: string; steps: Step[] }>;
  };
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const strings = JSON.parse(readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
/** package.json's text as VS Code shows it: "%key%" replaced by package.nls.json's string. */
const text = (value: string) => strings[/^%([\w.]+)%$/.exec(value)?.[1] ?? ''] ?? value;

const walkthroughs = manifest.contributes.walkthroughs ?? [];
const commands = manifest.contributes.commands.map(({ command }) => command);

test('one walkthrough, "Get started with S3 Browser", in five steps', () => {
  assert.deepEqual(walkthroughs.map(({ id, title }) => [id, text(title)]), [['s3Browser.gettingStarted', 'Get started with S3 Browser']]);
  assert.deepEqual(walkthroughs[0].steps.map(({ id }) => id), ['connect', 'browse', 'upload', 'share', 'stayingSafe']);
});

test('each step shows a packaged picture with alt text, and has a button running a command that exists', () => {
  // .vscodeignore excludes everything (`**`) and lists what goes in, one `!path` a line.
  const packaged = readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n').filter((line) => line.startsWith('!')).map((line) => line.slice(1).trim());
  for (const step of walkthroughs[0].steps) {
    const image = step.media.image;
    assert.ok(image && /^docs\/images\/[\w-]+\.png$/.test(image), `${step.id}: a PNG of docs/images`);
    assert.ok(existsSync(path.join(ROOT, image)), `${step.id}: ${image} exists`);
    assert.ok(packaged.includes(image), `${step.id}: .vscodeignore packages ${image}`);
    assert.ok(text(step.media.altText ?? '').length > 20, `${step.id}: alt text`);
    // A command link alone on its line is a button.
    const buttons = [...text(step.description).matchAll(/^\[[^\]]+\]\(command:([\w.]+)(\?[^)]*)?\)$/gm)].map((match) => match[1]);
    assert.ok(buttons.length > 0, `${step.id}: a button`);
    for (const command of buttons) {
      assert.ok(commands.includes(command) || command.startsWith('workbench.'), `${step.id}: ${command} exists`);
    }
  }
});

test('each step is ticked off by events of this extension: its commands, its view, its settings, its context keys', () => {
  const views = Object.values(manifest.contributes.views).flat().map(({ id }) => id);
  const settings = Object.keys(manifest.contributes.configuration.properties);
  for (const step of walkthroughs[0].steps) {
    const events = step.completionEvents ?? [];
    assert.ok(events.length > 0, `${step.id}: completion events`);
    for (const event of events) {
      const [kind, name] = event.split(/:(.*)/s);
      const known = { onCommand: commands, onView: views, onSettingChanged: settings }[kind];
      if (kind === 'onContext') {
        // A key the extension sets true. Not `!key` nor `key == false` (VS Code reads it as `!key`): that
        // holds before the extension has set the key, and an event already true when the walkthrough is
        // registered never ticks its step off (VS Code 1.100's gettingStartedService).
        assert.match(name, /^s3Browser\.\w+$/, `${step.id}: ${event}`);
      } else {
        assert.ok(known?.includes(name), `${step.id}: ${event} names something package.json contributes`);
      }
    }
  }
  const events = walkthroughs[0].steps.map(({ id, completionEvents }) => [id, completionEvents]);
  assert.deepEqual(Object.fromEntries(events).upload, ['onCommand:s3Browser.uploadFiles', 'onCommand:s3Browser.uploadFolder', 'onCommand:s3Browser.uploadWithOptions']);
  assert.ok(Object.fromEntries(events).stayingSafe.includes('onSettingChanged:s3Browser.readOnlyConnections'));
  // The S3 view shown (it lists the profiles of ~/.aws), or an endpoint added.
  assert.deepEqual(Object.fromEntries(events).connect, ['onCommand:s3Browser.addEndpoint', 'onContext:s3Browser.hasEndpoints', 'onView:s3Explorer']);
});
