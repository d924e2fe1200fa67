// Which Python "Measure memory of this file" runs, and how the user chooses another.
// An interpreter set in memhints.pythonPath is the user's explicit choice for memhints
// and wins, as ruff.interpreter does for Ruff; without it, the environment selected
// in the Python extension (when installed); else python3. Kept free of the vscode API
// so that it can be tested on its own.

export interface InterpreterChoice {
  readonly python: string;
  /** Where it came from, for the report and for how to choose another. */
  readonly source: 'memhints.pythonPath' | 'Python extension' | 'default';
}

export function chooseInterpreter(setting: string | undefined, selected: string | undefined): InterpreterChoice {
  if (setting !== undefined && setting.trim() !== '') return { python: setting.trim(), source: 'memhints.pythonPath' };
  if (selected !== undefined && selected.trim() !== '') return { python: selected, source: 'Python extension' };
  return { python: 'python3', source: 'default' };
}

/** The ways to choose another interpreter, as buttons. */
export type InterpreterAction = 'Select Interpreter' | 'Open Settings';

/** How to choose another interpreter, said after a failure that another would mend, and the buttons that do it. */
export function howToChooseAnother(
  choice: InterpreterChoice,
  pythonExtensionInstalled: boolean,
): { readonly words: string; readonly actions: readonly InterpreterAction[] } {
  if (choice.source === 'memhints.pythonPath' || !pythonExtensionInstalled)
    return { words: 'choose another with the memhints.pythonPath setting', actions: ['Open Settings'] };
  return {
    words: 'choose another with "Python: Select Interpreter" or the memhints.pythonPath setting',
    actions: ['Select Interpreter', 'Open Settings'],
  };
}
