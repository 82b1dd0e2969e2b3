/* libFuzzer's entry points for one target of fuzz/targets.c: the Makefile
 * compiles this file once per target with -DFUZZ_TARGET=fuzz_NAME. */
#include <glib.h>

#include "targets.h"

#ifndef FUZZ_TARGET
#error "compile with -DFUZZ_TARGET=fuzz_NAME, a function of targets.h"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_free(FUZZ_TARGET(data, size));
	return 0;
}
