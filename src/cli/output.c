/* The files the program writes: whole or not at all, never through a link. */
#include "cli/output.h"

#include <errno.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "isms/error.h"

enum { REPLACE = 0, IN_PLACE = 1 };

/* The names of the program's own streams and of the null device, which
 * are links (/dev/stdout -> /proc/self/fd/1) to what the caller set up. */
static int stream_name(const char *path)
{
	static const char *const names[] = {"/dev/stdout", "/dev/stderr", "/dev/null", "/dev/tty",
	                                    NULL};

	for (int i = 0; names[i]; i++)
		if (strcmp(path, names[i]) == 0)
			return 1;
	return g_str_has_prefix(path, "/dev/fd/") || g_str_has_prefix(path, "/proc/self/fd/");
}

static int cannot_write(const char *path, const char *what, int err)
{
	return isms_error_set(ISMS_EREPO, "%s: cannot write %s: %s", path, what, strerror(err));
}

static int already_exists(const char *path)
{
	return isms_error_set(ISMS_EUSAGE, "%s: already exists; pass --force to overwrite it",
	                      path);
}

/* How `path` is written: IN_PLACE, REPLACE (*st is the existing target's,
 * or st_mode 0 when there is none), or an error. */
static int target_kind(const char *path, const char *what, int keep, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	if (stream_name(path))
		return IN_PLACE;
	if (lstat(path, st) < 0) {
		memset(st, 0, sizeof(*st));
		return errno == ENOENT ? REPLACE : cannot_write(path, what, errno);
	}
	if (keep)
		return already_exists(path);
	if (S_ISLNK(st->st_mode))
		return isms_error_set(ISMS_EREPO,
		                      "%s: is a symbolic link: %s is not written through links",
		                      path, what);
	if (S_ISCHR(st->st_mode) || S_ISFIFO(st->st_mode))
		return IN_PLACE;
	if (!S_ISREG(st->st_mode))
		return isms_error_set(
		    ISMS_EREPO, "%s: is not a regular file: %s is not written there", path, what);
	return REPLACE;
}

int output_check(const char *path, const char *what)
{
	struct stat st;
	int kind = target_kind(path, what, 0, &st);

	return kind < 0 ? kind : 0;
}

int output_open(output_file *o, const char *path, const char *what, int keep)
{
	struct stat st;
	char *dir, *base;
	mode_t mode;
	int kind, fd;

	memset(o, 0, sizeof(*o));
	o->path = path;
	o->what = what;
	o->keep = keep;
	if ((kind = target_kind(path, what, keep, &st)) < 0)
		return kind;
	if (kind == IN_PLACE)
		return (o->fp = fopen(path, "w")) ? 0 : cannot_write(path, what, errno);
	if (st.st_mode) { /* a report replaced keeps its permissions */
		mode = st.st_mode & 07777;
	} else { /* as fopen() would create it */
		mode_t mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	dir = g_path_get_dirname(path);
	base = g_path_get_basename(path);
	o->tmp = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
	g_free(base);
	g_free(dir);
	if ((fd = mkstemp(o->tmp)) < 0) {
		int err = errno;
		g_free(o->tmp);
		o->tmp = NULL;
		return cannot_write(path, what, err);
	}
	if (fchmod(fd, mode) < 0 || !(o->fp = fdopen(fd, "w"))) {
		int err = errno;
		close(fd);
		unlink(o->tmp);
		g_free(o->tmp);
		o->tmp = NULL;
		return cannot_write(path, what, err);
	}
	return 0;
}

int output_close(output_file *o, int error)
{
	int failed = !o->fp || ferror(o->fp), linked = -1, renamed = 0;

	if (o->fp && fclose(o->fp) != 0)
		failed = 1;
	o->fp = NULL;
	if (error == 0 && failed)
		error = isms_error_set(ISMS_EREPO, "%s: cannot write %s", o->path, o->what);
	if (!o->tmp)
		return error;
	if (error == 0) {
		/* rename() replaces a link put there since, never writes through
		 * it; link() keeps a file made there since (init without --force),
		 * and where there are no hard links the target was absent on open */
		if (o->keep && (linked = link(o->tmp, o->path)) < 0 && errno == EEXIST)
			error = already_exists(o->path);
		else if (linked < 0 && rename(o->tmp, o->path) < 0)
			error = cannot_write(o->path, o->what, errno);
		else
			renamed = linked < 0;
	}
	if (!renamed)
		unlink(o->tmp);
	g_free(o->tmp);
	o->tmp = NULL;
	return error;
}
