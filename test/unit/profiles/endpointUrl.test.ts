import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkEndpointUrl } from '../../../src/profiles/endpointUrl';

test('https anywhere and http on local or private hosts are accepted silently', () => {
  for (const url of ['https://s3.eu.example.com', 'http://127.0.0.1:9000', 'http://localhost:9000', 'http://10.1.2.3', 'http://172.20.0.5:9000', 'http://192.168.1.10', 'http://minio:9000', 'http://nas.local:9000', 'http://[::1]:9000', 'http://[fd00::5]:9000']) {
    assert.deepEqual(checkEndpointUrl(url), {}, url);
  }
});

test('http to a public host is a warning, not an error', () => {
  for (const url of ['http://s3.example.com', 'http://8.8.8.8:9000', 'http://172.32.0.1']) {
    const check = checkEndpointUrl(url);
    assert.equal(check.error, undefined, url);
    assert.match(check.warning ?? '', /unencrypted/, url);
  }
});

test('unusable URLs are errors that say what to enter', () => {
  assert.match(checkEndpointUrl('127.0.0.1:9000').error ?? '', /full URL/);
  assert.match(checkEndpointUrl('ftp://host').error ?? '', /http or https, not ftp/);
  assert.match(checkEndpointUrl('https://key:secret@host').error ?? '', /credentials in the URL/);
  assert.match(checkEndpointUrl('https://host/?x=1').error ?? '', /query or fragment/);
});
