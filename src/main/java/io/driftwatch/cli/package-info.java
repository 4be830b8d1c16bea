/** The command line: which command a process runs, its arguments, its exit code, and what it prints for people. */
package io.driftwatch.cli;
