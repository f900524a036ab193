// Package rawfile reads files with plain system calls. os.Open and os.ReadFile first
// set up the runtime's poller for the file (an epoll instance, an eventfd and several
// more calls) although it cannot wait on a regular file; in the merge driver, a
// process git starts once per file that reads its inputs and a few git config files
// and exits, that setup was a measurable part of a small merge (issue 18).
package rawfile
