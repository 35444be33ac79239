/**
 * The {@code textgan} command line (picocli). {@link org.textgan.app.cli.TextganCommand} is the main class;
 * each subcommand is one class listed in its {@code subcommands}. Exit codes: 0 success, 2 usage error, 1 runtime
 * error, each failure reported as one line on stderr (stack traces with {@code --verbose}).
 */
package org.textgan.app.cli;
