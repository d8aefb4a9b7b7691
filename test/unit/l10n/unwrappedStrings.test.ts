// Every user-facing string of src must go through `vscode.l10n.t` / `l10n.t` (src/l10n.ts), or it is
// never translated. This reads every source file with the TypeScript parser and lists the string and
// template literals that look like English prose but are not the message of such a call, nor in a place
// where English is right: log lines (VS Code's own logs stay English), module names, property keys,
// command ids and context keys, setting sections, patterns, values compared as a `when` clause compares
// them, and the ALLOWED texts below.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { globSync } from 'glob';
import * as ts from 'typescript';

// Compiled to out/test/unit/l10n/: four levels up is the repository.
const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

interface Allowed {
  file: string;
  /** The literal's text; a template's `${…}` parts are written `${}`. */
  text: string;
  reason: string;
}

/** English that no user reads as a message. Each entry must still match a literal. */
const ALLOWED: Allowed[] = [
  { file: 'src/commands/access/changeAccess.ts', text: 'any AWS account', reason: 'an OutsideReaders value (src/ui/knownAccess.ts), compared, never shown' },
  { file: 'src/ui/access.ts', text: 'any AWS account', reason: 'an OutsideReaders value (src/ui/knownAccess.ts), compared, never shown' },
  { file: 'src/commands/storage/changeStorageClass.ts', text: 'storage class', reason: "a Rewrite['what'] kind: it picks the messages, and names the change in log lines" },
  { file: 'src/fs/propertiesFileSystem.ts', text: 'as edited', reason: 'the Rewrite value of a Properties save, only written to the log' },
  { file: 'src/ui/registrations.ts', text: 'Could not register ${} (${}): ${}.', reason: 'a log line: report().logLines, written by extension.ts with log.error' },
  { file: 'src/s3/guardedService.ts', text: 'PRESIGN ${} s3://${}/${} for ${} s (${})', reason: 'a log line, logged once the URL is made' },
  { file: 'src/s3/guardedService.ts', text: '${} bytes', reason: "part of a PUT's log line" },
  { file: 'src/s3/guardedService.ts', text: '${} bytes (streamed)', reason: "part of a PUT's log line" },
  { file: 'src/transfer/transferUi.ts', text: 'not done', reason: "outcomeCounts: the log's English counts (shownCounts is the localised twin)" },
  { file: 'src/transfer/copyAttributes.ts', text: '${} until ${}', reason: 'activeLock: Object Lock settings compared as text, never shown' },
  { file: 'src/transfer/copyAttributes.ts', text: '${}; hold ${}', reason: 'activeLock: Object Lock settings compared as text, never shown' },
  {
    file: 'src/commands/connections/openAwsConfig.ts',
    text: '# AWS shared config, read by the aws CLI, the SDKs and the S3 Browser extension.\n# Example profile for an S3-compatible endpoint (keys go to the credentials file):\n#\n# [profile minio]\n# region = us-east-1\n# endpoint_url = http://127.0.0.1:9000\n# s3 =\n#   addressing_style = path\n',
    reason: 'the AWS config file written for the aws CLI and the SDKs',
  },
  { file: 'src/commands/connections/ssoLogin.ts', text: 'aws sso login (${})', reason: 'the terminal is named by the aws CLI command it runs' },
];

/** Methods whose first argument is only written to the log, by file. */
const LOGGED_FIRST_ARGUMENT = [{ file: 'src/s3/guardedService.ts', method: 'write', reason: "GuardedS3Service.write logs its description with the request's outcome" }];

/** Where a lone capitalised word ("Overwrite", "Cancel") is a label: a button, a title, a picker item. */
const UI_CALLS = new Set(['confirm', 'notify', 'showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'withProgress']);
const UI_PROPERTIES = new Set(['label', 'openLabel', 'saveLabel', 'title', 'placeHolder', 'prompt', 'detail', 'description', 'tooltip', 'summary']);
/** Log lines: `log(…)`, `this.log(…)`, `context.log.info(…)`, an output channel's `appendLine(…)`. */
const LOG_METHODS = new Set(['info', 'warn', 'error', 'trace', 'debug', 'appendLine']);
/** Calls whose every argument is a name, not a message: setting sections, patterns. */
const NAME_CALLS = new Set(['getConfiguration', 'RegExp']);
const COMPARISONS = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

type Literal = ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression;

function calleeName(expression: ts.Expression): string | undefined {
  if (ts.isIdentifier(expression)) {
    return expression.text;
  }
  return ts.isPropertyAccessExpression(expression) ? expression.name.text : undefined;
}

function isL10nCall(call: ts.CallExpression): boolean {
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 't' && /(^|\.)l10n$/.test(callee.expression.getText());
}

function isLogCall(call: ts.CallExpression, file: string): boolean {
  const name = calleeName(call.expression);
  const logged = LOGGED_FIRST_ARGUMENT.some((entry) => entry.file === file && entry.method === name);
  return name === 'log' || logged || (ts.isPropertyAccessExpression(call.expression) && LOG_METHODS.has(call.expression.name.text));
}

function isComparison(node: ts.Node, operand: ts.Node): boolean {
  return (ts.isBinaryExpression(node) && COMPARISONS.has(node.operatorToken.kind)) || (ts.isCaseClause(node) && node.expression === operand);
}

function inLabelPosition(node: ts.Node): boolean {
  const parent = node.parent;
  return (
    (ts.isCallExpression(parent) && UI_CALLS.has(calleeName(parent.expression) ?? '') && parent.arguments.includes(node as ts.Expression)) ||
    (ts.isPropertyAssignment(parent) && parent.initializer === node && ts.isIdentifier(parent.name) && UI_PROPERTIES.has(parent.name.text)) ||
    // `const OVERWRITE = 'Overwrite'`: a button kept in a constant to compare the answer with.
    (ts.isVariableDeclaration(parent) && parent.initializer === node && ts.isIdentifier(parent.name) && /^[A-Z][A-Z_]*$/.test(parent.name.text)) ||
    // `${moving ? 'Moving' : 'Copying'} …`; a choice between two error kinds is no label.
    ((ts.isConditionalExpression(parent) || ts.isParenthesizedExpression(parent)) && node !== (parent as ts.ConditionalExpression).condition && (ts.isTemplateSpan(parent.parent) || inLabelPosition(parent)))
  );
}

/**
 * What a user would read: two words ("Skip Existing"), a word next to a template's value ("Copied ${} ARNs",
 * "${} left"), a capitalised sentence ("Done."), or a lone capitalised word in a label position.
 */
function looksLikeProse(text: string, literal: Literal): boolean {
  return /[A-Za-z]+ [A-Za-z]+|[A-Za-z]+ \$\{\}|\$\{\} [A-Za-z]+/.test(text) || /^[A-Z][\s\S]*[.!?:…]$/.test(text) || (/^[A-Z][a-z]+…?$/.test(text) && inLabelPosition(literal));
}

/** Whether the literal sits where English is not a message, looking at each node from the literal up. */
function exempt(literal: Literal, text: string, file: string): boolean {
  let child: ts.Node = literal;
  for (let node = literal.parent; !ts.isSourceFile(node); child = node, node = node.parent) {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isExternalModuleReference(node) || ts.isLiteralTypeNode(node)) {
      return true;
    }
    if ((ts.isPropertyAssignment(node) || ts.isPropertyDeclaration(node) || ts.isPropertySignature(node) || ts.isMethodDeclaration(node) || ts.isEnumMember(node)) && node.name === child) {
      return true;
    }
    if (ts.isElementAccessExpression(node) && node.argumentExpression === child) {
      return true;
    }
    // `readers === 'any AWS account'`: a value, compared as a `when` clause compares a context key. A
    // capitalised one (`choice === 'Skip Existing'`) is a label, and must be compared translated.
    if (child === literal && isComparison(node, literal) && !/^[A-Z]/.test(text)) {
      return true;
    }
    if (ts.isNewExpression(node) && NAME_CALLS.has(calleeName(node.expression) ?? '')) {
      return true;
    }
    if (ts.isCallExpression(node)) {
      const name = calleeName(node.expression);
      const index = node.arguments.indexOf(child as ts.Expression);
      if ((name && NAME_CALLS.has(name)) || isLogCall(node, file)) {
        return true;
      }
      // `executeCommand(id, …)`, `executeCommand('setContext', key, …)`: an id and a context key; a later
      // argument, such as a diff editor's title, is shown.
      const [id] = node.arguments;
      if (name === 'executeCommand' && index >= 0 && index < (id && ts.isStringLiteral(id) && id.text === 'setContext' ? 2 : 1)) {
        return true;
      }
      // The message itself; a literal among the arguments that fill its placeholders is still checked.
      if (isL10nCall(node) && index === 0) {
        return true;
      }
      // `plural(count, 'selected item')`: the noun names a pair of messages in src/ui/format.ts.
      if (name === 'plural' && index === 1) {
        return true;
      }
    }
  }
  return false;
}

function textOf(literal: Literal): string {
  return ts.isTemplateExpression(literal) ? literal.head.text + literal.templateSpans.map((span) => `\${}${span.literal.text}`).join('') : literal.text;
}

interface Found {
  file: string;
  line: number;
  text: string;
}

/** The first argument of every `l10n.t` call in the file: what it shows translated. */
function messagesOf(source: ts.SourceFile): Set<string> {
  const messages = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && isL10nCall(node) && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
      messages.add(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return messages;
}

/** The file's literals that look like prose in a place a user reads, and labels compared untranslated. */
function scan(file: string, content: string): Found[] {
  const source = ts.createSourceFile(file, content, ts.ScriptTarget.Latest, true);
  // `answer !== 'Reopen'` where the file shows l10n.t('Reopen'): once translated it never matches.
  const messages = messagesOf(source);
  const found: Found[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const text = textOf(node);
      const comparedLabel = !ts.isTemplateExpression(node) && isComparison(node.parent, node) && messages.has(text);
      if ((looksLikeProse(text, node) && !exempt(node, text, file)) || comparedLabel) {
        found.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, text });
      }
      if (ts.isTemplateExpression(node)) {
        node.templateSpans.forEach((span) => visit(span.expression));
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const isAllowed = (found: Found, entry: Allowed) => entry.file === found.file && entry.text === found.text;

test('every user-facing literal in src goes through l10n.t', () => {
  const found = globSync('src/**/*.ts', { cwd: ROOT, posix: true })
    .sort()
    .flatMap((file) => scan(file, readFileSync(path.join(ROOT, file), 'utf8')));
  const offenders = found.filter((literal) => !ALLOWED.some((entry) => isAllowed(literal, entry)));
  assert.equal(
    offenders.length,
    0,
    `${offenders.length} user-facing literals outside l10n.t: wrap each in vscode.l10n.t (modules importing vscode) or l10n.t of src/l10n.ts, or allow it in ALLOWED with the reason\n${offenders.map(({ file, line, text }) => `${file}:${line}: ${JSON.stringify(text)}`).join('\n')}`,
  );
  const stale = ALLOWED.filter((entry) => !found.some((literal) => isAllowed(literal, entry)));
  assert.deepEqual(stale, [], 'ALLOWED entries that match no literal in src any more');
});

test('the scan finds labels, sentences and labels compared untranslated, and passes log lines, names and messages', () => {
  const sample = [
    "const OVERWRITE = 'Overwrite';",
    "const reopen = vscode.l10n.t('Reopen');",
    "const title = `Copied ${count} ARNs`;",
    "throw new Error('The URL names no bucket.');",
    "if (answer === 'Reopen') {}",
    "if (choice.label === 'Skip Existing') {}",
    "const summary = `${moving ? 'Moving' : 'Copying'} ${what}`;",
    "void prompts.notify('info', vscode.l10n.t('Copied {0}.', what), 'Open Settings');",
    "log(`COPY to ${target}: streaming it instead`);",
    "context.log.info(`Removed endpoint \"${name}\"`);",
    "const headers = { 'Content Type': 'text/plain' };",
    "void vscode.commands.executeCommand('setContext', 'some key', true);",
    "void vscode.commands.executeCommand('vscode.diff', a, b, `${name} on S3 ↔ yours`);",
    "if (readers === 'any AWS account') {}",
    "const noun = plural(count, 'selected item');",
    "const kind = failed ? 'AccessDenied' : 'Other';",
  ].join('\n');
  assert.deepEqual(
    scan('sample.ts', sample).map(({ line, text }) => `${line}: ${text}`),
    ['1: Overwrite', '3: Copied ${} ARNs', '4: The URL names no bucket.', '5: Reopen', '6: Skip Existing', '7: Moving', '7: Copying', '8: Open Settings', '13: ${} on S3 ↔ yours'],
  );
});
