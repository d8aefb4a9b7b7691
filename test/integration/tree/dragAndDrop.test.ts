// Drag & drop on the S3 explorer, delivered as VS Code delivers it: the dragged nodes under the tree's
// own MIME type, files from the Explorer or the OS as `text/uri-list`. Results checked with an
// independent client.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { TREE_MIME } from '../../../src/tree/dragAndDrop';
import type { S3Node } from '../../../src/tree/nodes/s3Node';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { bucketNode, childNamed, extensionApi, withPrompts } from '../extensionApi';

const token = new vscode.CancellationTokenSource().token;

/** What the workbench hands to a drop within the tree: the data transfer the controller's own handleDrag filled. */
async function dragged(nodes: S3Node[]): Promise<vscode.DataTransfer> {
  const transfer = new vscode.DataTransfer();
  (await extensionApi()).dragAndDrop.handleDrag(nodes, transfer);
  assert.ok(Array.isArray(transfer.get(TREE_MIME)?.value), 'the drag carries the nodes under the tree\'s mime type');
  // The workbench receives every item as text before any drop (nodes link to their parents: a plain
  // JSON.stringify of them throws, and the real drag then never reached handleDrop).
  for (const [mime, item] of transfer) {
    assert.equal(typeof (await item.asString()), 'string', mime);
  }
  return transfer;
}

/** Answers the drop's Move/Copy question with the item starting with `choice`, and the move's own questions by default. */
function answering(choice: 'Move' | 'Copy', titles: string[]) {
  return {
    pick: async <T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions): Promise<T> => {
      titles.push(`${options.title}: ${items.map((item) => item.label).join(' | ')}`);
      const item = items.find((candidate) => candidate.label.startsWith(choice));
      if (!item) {
        throw new Error(`Unexpected quick pick: ${options.title}`);
      }
      return item;
    },
  };
}

suite('Drag & drop in the S3 explorer: nodes moved or copied onto a folder, local files uploaded', function () {
  this.timeout(120_000);
  const client = new IndependentClient(targetFromEnvironment());
  let bucket: string;

  suiteSetup(() => extensionApi());
  setup(async () => {
    bucket = await client.createBucket('dnd');
    await client.putMany(bucket, ['inbox/report.csv', 'inbox/photos/a.png', 'inbox/photos/b.png', 'archive/keep.txt', 'inbox/photosX.txt']);
  });
  teardown(() => client.deleteBucket(bucket));

  test('an object and a folder dropped on another folder are moved there after "Move", every key in one place', async () => {
    const api = await extensionApi();
    const root = await bucketNode(bucket);
    const inbox = await childNamed(api, root, 'inbox');
    const archive = await childNamed(api, root, 'archive');
    const nodes = [await childNamed(api, inbox, 'report.csv'), await childNamed(api, inbox, 'photos')];
    const titles: string[] = [];
    await withPrompts(answering('Move', titles), async (record) => {
      await api.dragAndDrop.handleDrop(archive, await dragged(nodes), token);
      assert.deepEqual(
        record.notified.map((note) => note.message).filter((message) => message.includes('succeeded')),
        [`Move to s3://${bucket}/archive/: 3 succeeded, 0 failed.`],
      );
    });
    assert.equal(titles[0], `Drop onto s3://${bucket}/archive/: Move 2 items to s3://${bucket}/archive/ | Copy 2 items to s3://${bucket}/archive/`);
    assert.deepEqual((await client.keys(bucket)).sort(), ['archive/keep.txt', 'archive/photos/a.png', 'archive/photos/b.png', 'archive/report.csv', 'inbox/photosX.txt']);
  });

  test('"Copy" leaves the sources, and dropping a folder into itself or its own parent does nothing and asks nothing', async () => {
    const api = await extensionApi();
    const root = await bucketNode(bucket);
    const inbox = await childNamed(api, root, 'inbox');
    const photos = await childNamed(api, inbox, 'photos');
    await withPrompts({}, async () => {
      await api.dragAndDrop.handleDrop(photos, await dragged([photos]), token);
      await api.dragAndDrop.handleDrop(inbox, await dragged([photos]), token);
    });
    const titles: string[] = [];
    await withPrompts(answering('Copy', titles), async () => {
      await api.dragAndDrop.handleDrop(await childNamed(api, root, 'archive'), await dragged([photos]), token);
    });
    assert.deepEqual((await client.keys(bucket)).sort(), ['archive/keep.txt', 'archive/photos/a.png', 'archive/photos/b.png', 'inbox/photos/a.png', 'inbox/photos/b.png', 'inbox/photosX.txt', 'inbox/report.csv']);
  });

  test('files and a folder dropped from VS Code\'s Explorer (text/uri-list) on an object upload into its folder, layout kept', async () => {
    const api = await extensionApi();
    const local = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-drop-'));
    try {
      await fs.mkdir(path.join(local, 'site', 'css'), { recursive: true });
      await fs.writeFile(path.join(local, 'site', 'index.html'), '<h1>hi</h1>');
      await fs.writeFile(path.join(local, 'site', 'css', 'main.css'), 'h1{}');
      await fs.writeFile(path.join(local, 'notes é.txt'), 'notes');
      const transfer = new vscode.DataTransfer();
      transfer.set('text/uri-list', new vscode.DataTransferItem([vscode.Uri.file(path.join(local, 'site')), vscode.Uri.file(path.join(local, 'notes é.txt'))].map((uri) => uri.toString()).join('\r\n')));
      const inbox = await childNamed(api, await bucketNode(bucket), 'inbox');
      await withPrompts({}, async (record) => {
        // Dropped on an object: it lands in the folder that shows the object.
        await api.dragAndDrop.handleDrop(await childNamed(api, inbox, 'report.csv'), transfer, token);
        assert.ok(record.notified.some((note) => note.message === `Upload to s3://${bucket}/inbox/: 3 succeeded, 0 failed.`), JSON.stringify(record.notified));
      });
      assert.equal((await client.get(bucket, 'inbox/site/css/main.css')).toString(), 'h1{}');
      assert.equal((await client.get(bucket, 'inbox/site/index.html')).toString(), '<h1>hi</h1>');
      assert.equal((await client.get(bucket, 'inbox/notes é.txt')).toString(), 'notes');
    } finally {
      await fs.rm(local, { recursive: true, force: true });
    }
  });
});
