// Entry point of the memhints command-line interface.
export {};
