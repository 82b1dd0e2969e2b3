/*
 * measure: run one command and print its wall-clock time and peak resident
 * memory, for bench/run.
 *
 *   measure OUT -- PROGRAM [ARG...]
 *
 * Runs PROGRAM with standard output to /dev/null and standard error to the
 * file OUT, waits for it, and prints "SECONDS MAXRSS_KB EXIT" on standard
 * output. The peak memory is the largest resident set of the process and
 * of the processes it waited for (wait4's rusage), so a `sh -c` pipeline
 * reports its largest stage. Exit status: 0 when the command ran (whatever
 * its own exit status), 2 on a usage error, 3 when it could not be run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct rusage ru;
	double start;
	pid_t pid;
	int status;

	if (argc < 4 || strcmp(argv[2], "--") != 0) {
		fprintf(stderr, "usage: measure OUT -- PROGRAM [ARG...]\n");
		return 2;
	}
	start = now();
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "measure: fork: %s\n", strerror(errno));
		return 3;
	}
	if (pid == 0) {
		int out = open("/dev/null", O_WRONLY);
		int err = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (out < 0 || err < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
			_exit(127);
		execvp(argv[3], argv + 3);
		fprintf(stderr, "measure: %s: %s\n", argv[3], strerror(errno));
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		fprintf(stderr, "measure: wait4: %s\n", strerror(errno));
		return 3;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		fprintf(stderr, "measure: %s could not be run (see %s)\n", argv[3], argv[1]);
		return 3;
	}
	printf("%.4f %ld %d\n", now() - start, ru.ru_maxrss,
	       WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	return 0;
}
