// The interpreter selected in the Python extension (ms-python.python), when it is installed.
import * as vscode from 'vscode';
import { activeInterpreter, type PythonEnvironmentsApi } from './pythonEnvironments';

const PYTHON_EXTENSION = 'ms-python.python';

export function pythonExtensionInstalled(): boolean {
  return vscode.extensions.getExtension(PYTHON_EXTENSION) !== undefined;
}

export async function selectedInterpreter(resource: vscode.Uri): Promise<string | undefined> {
  const extension = vscode.extensions.getExtension<PythonEnvironmentsApi>(PYTHON_EXTENSION);
  if (extension === undefined) return undefined;
  try {
    const api = extension.isActive ? extension.exports : await extension.activate();
    return await activeInterpreter(api, resource);
  } catch {
    return undefined; // an API that changed shape or failed: fall back to python3
  }
}
