import * as vscode from 'vscode';
import { StepBack, type FormStep } from './formSteps';

export type NotificationSeverity = 'info' | 'warning' | 'error';

/** Reports a step of long work: a message and the percentage it adds. */
export type ProgressReport = (message: string, increment?: number) => void;

/**
 * Everything the extension asks or tells the user. Commands and the file system receive it, so
 * tests answer and observe through the same seam (replacing a method) instead of extra command
 * arguments that any caller could use to skip a confirmation.
 */
export interface Prompts {
  /**
   * An input box; dismissing it cancels the command (silently, through runCommand). In a form
   * (`step`), it shows "step/total" and, past the first, a Back button that throws StepBack.
   */
  ask(options: vscode.InputBoxOptions, step?: FormStep): Promise<string>;
  pick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions, step?: FormStep): Promise<T>;
  /** A multi-select quick pick (items with `picked` start selected); dismissing it cancels, and so does choosing none unless `allowNone` (a list of options). */
  pickMany<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions, allowNone?: boolean): Promise<T[]>;
  /** VS Code's open dialog (files or folders); dismissing it cancels the command. */
  openDialog(options: vscode.OpenDialogOptions): Promise<vscode.Uri[]>;
  /** A modal yes/no; anything but the confirming button cancels. */
  confirm(message: string, detail: string, action: string): Promise<void>;
  /** A non-modal notification; resolves to the action clicked, or undefined when it is dismissed. */
  notify(severity: NotificationSeverity, message: string, ...actions: string[]): Promise<string | undefined>;
  /** Long work in a progress notification; with `cancellable`, its Cancel button aborts `signal`. */
  withProgress<T>(title: string, options: { cancellable: boolean }, task: (report: ProgressReport, signal: AbortSignal) => Promise<T>): Promise<T>;
  /**
   * A quick pick filled while `fill` runs (busy until it ends): `show` replaces its items and title.
   * Resolves with the item accepted, and the item's button when one was clicked instead; closing it
   * cancels the command and aborts `fill`'s signal. A failure of `fill` closes it and is thrown.
   */
  pickStreaming<T extends vscode.QuickPickItem>(options: { placeholder: string }, fill: StreamingFill<T>): Promise<StreamingChoice<T>>;
}

export type StreamingFill<T> = (show: (items: readonly T[], title: string) => void, signal: AbortSignal) => Promise<void>;

export interface StreamingChoice<T> {
  item: T;
  button?: vscode.QuickInputButton;
}

/** Shows a form's question until it is answered (resolve), backed out of (StepBack) or dismissed (cancel). */
function showStep<T>(input: vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>, step: FormStep, onAccept: (done: (value: T) => void) => void): Promise<T> {
  input.step = step.step;
  input.totalSteps = step.totalSteps;
  input.ignoreFocusOut = true;
  input.buttons = step.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  return new Promise<T>((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    // Whatever ends the question, the input goes with it (its listeners first, so hiding it is not a cancel).
    const finish = (settle: () => void) => {
      subscriptions.forEach((subscription) => subscription.dispose());
      input.dispose();
      settle();
    };
    subscriptions.push(
      input.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) {
          finish(() => reject(new StepBack()));
        }
      }),
      input.onDidAccept(() => onAccept((value) => finish(() => resolve(value)))),
      input.onDidHide(() => finish(() => reject(new vscode.CancellationError()))),
    );
    input.show();
  });
}

/** A validation's message as text (VS Code accepts a string or a message with a severity). */
async function problemOf(options: vscode.InputBoxOptions, value: string): Promise<string | undefined> {
  const result = await options.validateInput?.(value);
  return typeof result === 'string' ? result || undefined : (result?.message ?? undefined);
}

export async function ask(options: vscode.InputBoxOptions, step?: FormStep): Promise<string> {
  if (step) {
    const box = vscode.window.createInputBox();
    Object.assign(box, { title: options.title, value: options.value ?? '', prompt: options.prompt, placeholder: options.placeHolder, password: options.password ?? false });
    box.onDidChangeValue(async (value) => (box.validationMessage = await problemOf(options, value)));
    box.validationMessage = await problemOf(options, box.value);
    const value = await showStep<string>(box, step, (done) => {
      void problemOf(options, box.value).then((problem) => (problem ? (box.validationMessage = problem) : done(box.value)));
    });
    return value.trim();
  }
  const value = await vscode.window.showInputBox({ ignoreFocusOut: true, ...options });
  if (value === undefined) {
    throw new vscode.CancellationError();
  }
  return value.trim();
}

export async function pick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions, step?: FormStep): Promise<T> {
  if (step) {
    const quickPick = vscode.window.createQuickPick<T>();
    Object.assign(quickPick, { title: options.title, placeholder: options.placeHolder, matchOnDescription: options.matchOnDescription ?? false, matchOnDetail: options.matchOnDetail ?? false, items });
    return showStep<T>(quickPick as unknown as vscode.QuickPick<vscode.QuickPickItem>, step, (done) => {
      const [chosen] = quickPick.selectedItems;
      if (chosen) {
        done(chosen);
      }
    });
  }
  const choice = await vscode.window.showQuickPick(items, { ignoreFocusOut: true, ...options });
  if (!choice) {
    throw new vscode.CancellationError();
  }
  return choice;
}

export async function pickMany<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions, allowNone = false): Promise<T[]> {
  const chosen = await vscode.window.showQuickPick(items, { ignoreFocusOut: true, ...options, canPickMany: true });
  if (!chosen || (chosen.length === 0 && !allowNone)) {
    throw new vscode.CancellationError();
  }
  return chosen;
}

export async function openDialog(options: vscode.OpenDialogOptions): Promise<vscode.Uri[]> {
  const chosen = await vscode.window.showOpenDialog(options);
  if (!chosen || chosen.length === 0) {
    throw new vscode.CancellationError();
  }
  return chosen;
}

export async function confirm(message: string, detail: string, action: string): Promise<void> {
  if ((await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) !== action) {
    throw new vscode.CancellationError();
  }
}

export async function notify(severity: NotificationSeverity, message: string, ...actions: string[]): Promise<string | undefined> {
  const show = severity === 'error' ? vscode.window.showErrorMessage : severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  return show(message, ...actions);
}

export async function withProgress<T>(title: string, { cancellable }: { cancellable: boolean }, task: (report: ProgressReport, signal: AbortSignal) => Promise<T>): Promise<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable }, async (progress, token) => {
    const abort = new AbortController();
    const cancellation = token.onCancellationRequested(() => abort.abort());
    try {
      return await task((message, increment) => progress.report({ message, increment }), abort.signal);
    } finally {
      cancellation.dispose();
    }
  });
}

export function pickStreaming<T extends vscode.QuickPickItem>({ placeholder }: { placeholder: string }, fill: StreamingFill<T>): Promise<StreamingChoice<T>> {
  const quickPick = vscode.window.createQuickPick<T>();
  quickPick.placeholder = placeholder;
  quickPick.matchOnDescription = true;
  quickPick.ignoreFocusOut = true;
  quickPick.busy = true;
  const abort = new AbortController();
  return new Promise<StreamingChoice<T>>((resolve, reject) => {
    const finish = (settle: () => void) => {
      subscriptions.forEach((subscription) => subscription.dispose());
      abort.abort();
      quickPick.dispose();
      settle();
    };
    const subscriptions = [
      quickPick.onDidAccept(() => {
        const [item] = quickPick.selectedItems;
        if (item) {
          finish(() => resolve({ item }));
        }
      }),
      quickPick.onDidTriggerItemButton(({ item, button }) => finish(() => resolve({ item, button }))),
      quickPick.onDidHide(() => finish(() => reject(new vscode.CancellationError()))),
    ];
    quickPick.show();
    fill((items, title) => {
      quickPick.items = items;
      quickPick.title = title;
    }, abort.signal).then(
      () => (quickPick.busy = false),
      (error: unknown) => {
        if (!abort.signal.aborted) {
          finish(() => reject(error));
        }
      },
    );
  });
}

/** The prompts of the running extension: VS Code's own input box, quick pick, modal, notifications and progress. */
export function windowPrompts(): Prompts {
  return { ask, pick, pickMany, openDialog, confirm, notify, withProgress, pickStreaming };
}
