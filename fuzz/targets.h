#ifndef ISMS_FUZZ_TARGETS_H
#define ISMS_FUZZ_TARGETS_H

#include <stddef.h>
#include <stdint.h>

/*
 * The fuzz targets' bodies, shared by the libFuzzer programs (fuzz/fuzz_*.c,
 * `make fuzz`) and the replay of the kept crash inputs in the Check suite
 * (tests/check_fuzz_regress.c), so that both feed an input through the
 * same entry points in the same way.
 *
 * Each function reads the input as the program reads that kind of file,
 * checks what must hold of any result (aborting with a message on stderr
 * when it does not: the fuzzer reports that as a crash) and returns a
 * description of the outcome, one fact per line, that the regression
 * tests compare exactly. Caller frees with g_free().
 */

/* GLib criticals and warnings abort (they mean a misuse, such as an
 * invalid date handed to GDate) and libgit2 is set up; fuzz_done() undoes
 * both (for the tests). */
void fuzz_init(void);
void fuzz_done(void);

/* A controlled document: isms_meta_parse() with the default size limit,
 * isms_frontmatter_parse() alone when the document is not read (NUL bytes). */
char *fuzz_frontmatter(const uint8_t *data, size_t size);

/* A register file (front matter and body) read with the default dialect.
 * A NUL byte splits two versions of the file (NUL never reaches the register
 * reader: such a file is binary): the second is then also read with
 * isms_register_update() from the first and git's line diff between them,
 * and must read exactly as a full parse does. */
char *fuzz_register(const uint8_t *data, size_t size);

/* `.isms-audit.yml`: isms_config_load() over the defaults, then the
 * queries the audit makes of a configuration. */
char *fuzz_config(const uint8_t *data, size_t size);

/* A date (isms_date_parse) and a review cycle (isms_duration_parse), each
 * printed and added as the rules do. */
char *fuzz_date(const uint8_t *data, size_t size);

/* The libFuzzer entry points (declared for -Wmissing-prototypes). */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
