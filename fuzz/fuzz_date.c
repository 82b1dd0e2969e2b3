/* libFuzzer target: the date and review cycle parsers (fuzz/targets.c). */
#include <glib.h>

#include "targets.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_free(fuzz_date(data, size));
	return 0;
}
