#include "isms/text.h"

#include <stdint.h>
#include <string.h>

/* Bytes of the character at p: a complete UTF-8 sequence, else 1. */
static size_t char_len(const unsigned char *p, size_t left)
{
	size_t n = p[0] < 0xC2 ? 1 : p[0] < 0xE0 ? 2 : p[0] < 0xF0 ? 3 : p[0] < 0xF5 ? 4 : 1;

	if (n > left)
		return 1;
	for (size_t i = 1; i < n; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 1;
	return n;
}

size_t isms_text_prefix(const char *s, size_t len, size_t max_chars, size_t max_bytes)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t at = 0;

	for (size_t chars = 0; at < len && chars < max_chars; chars++) {
		size_t n = char_len(p + at, len - at);
		if (at + n > max_bytes)
			break;
		at += n;
	}
	return at;
}

void isms_text_append_quoted(GString *out, const char *s)
{
	/* a long value is not measured to its end: the cut is all we need */
	size_t len = strnlen(s, 4 * ISMS_QUOTE_MAX + 1);
	size_t keep = isms_text_prefix(s, len, ISMS_QUOTE_MAX, len);

	g_string_append_len(out, s, (gssize)keep);
	if (keep < len)
		g_string_append(out, "\xe2\x80\xa6"); /* … */
}

/* Append one `%s` argument: cut unless the format gave a precision. */
static void append_string(GString *out, const char *spec, int has_precision, const char *s)
{
	GString *cut;

	if (!s || has_precision) {
		g_string_append_printf(out, spec, s);
		return;
	}
	cut = g_string_new(NULL);
	isms_text_append_quoted(cut, s);
	g_string_append_printf(out, spec, cut->str);
	g_string_free(cut, TRUE);
}

void isms_text_vappendf(GString *out, const char *fmt, va_list ap)
{
	const char *p = fmt;

	while (*p) {
		const char *pct = strchr(p, '%');
		char spec[64], len[3] = "";
		size_t n = 0;
		int has_precision = 0;

		if (!pct) {
			g_string_append(out, p);
			return;
		}
		g_string_append_len(out, p, pct - p);
		p = pct + 1;
		if (*p == '%') {
			g_string_append_c(out, '%');
			p++;
			continue;
		}
		/* rebuild the conversion in spec, with `*` replaced by its value */
		spec[n++] = '%';
		while (*p && strchr("-+ #0'", *p) && n < 16)
			spec[n++] = *p++;
		if (*p == '*') {
			n += (size_t)g_snprintf(spec + n, sizeof(spec) - n, "%d", va_arg(ap, int));
			p++;
		}
		while (g_ascii_isdigit(*p) && n < 32)
			spec[n++] = *p++;
		if (*p == '.') {
			has_precision = 1;
			spec[n++] = *p++;
			if (*p == '*') {
				n += (size_t)g_snprintf(spec + n, sizeof(spec) - n, "%d",
				                        va_arg(ap, int));
				p++;
			}
			while (g_ascii_isdigit(*p) && n < 52)
				spec[n++] = *p++;
		}
		if (*p && strchr("hljztL", *p)) {
			len[0] = *p++;
			if ((len[0] == 'h' || len[0] == 'l') && *p == len[0])
				len[1] = *p++;
		}
		for (size_t i = 0; len[i]; i++)
			spec[n++] = len[i];
		spec[n++] = *p;
		spec[n] = '\0';
		switch (*p) {
		case 'd':
		case 'i':
			if (strcmp(len, "l") == 0)
				g_string_append_printf(out, spec, va_arg(ap, long));
			else if (strcmp(len, "ll") == 0)
				g_string_append_printf(out, spec, va_arg(ap, long long));
			else if (strcmp(len, "j") == 0)
				g_string_append_printf(out, spec, va_arg(ap, intmax_t));
			else if (strcmp(len, "z") == 0 || strcmp(len, "t") == 0)
				g_string_append_printf(out, spec, va_arg(ap, ptrdiff_t));
			else
				g_string_append_printf(out, spec, va_arg(ap, int));
			break;
		case 'o':
		case 'u':
		case 'x':
		case 'X':
			if (strcmp(len, "l") == 0)
				g_string_append_printf(out, spec, va_arg(ap, unsigned long));
			else if (strcmp(len, "ll") == 0)
				g_string_append_printf(out, spec, va_arg(ap, unsigned long long));
			else if (strcmp(len, "j") == 0)
				g_string_append_printf(out, spec, va_arg(ap, uintmax_t));
			else if (strcmp(len, "z") == 0 || strcmp(len, "t") == 0)
				g_string_append_printf(out, spec, va_arg(ap, size_t));
			else
				g_string_append_printf(out, spec, va_arg(ap, unsigned int));
			break;
		case 'c': g_string_append_printf(out, spec, va_arg(ap, int)); break;
		case 's': append_string(out, spec, has_precision, va_arg(ap, const char *)); break;
		case 'p': g_string_append_printf(out, spec, va_arg(ap, void *)); break;
		case 'e':
		case 'E':
		case 'f':
		case 'F':
		case 'g':
		case 'G':
		case 'a':
		case 'A':
			if (strcmp(len, "L") == 0)
				g_string_append_printf(out, spec, va_arg(ap, long double));
			else
				g_string_append_printf(out, spec, va_arg(ap, double));
			break;
		default: /* not a conversion (or %n): written as it is */
			g_string_append(out, spec);
			if (!*p)
				return;
			break;
		}
		p++;
	}
}

char *isms_text_printf(const char *fmt, ...)
{
	GString *s = g_string_new(NULL);
	va_list ap;

	va_start(ap, fmt);
	isms_text_vappendf(s, fmt, ap);
	va_end(ap);
	return g_string_free(s, FALSE);
}

/* Optimal string alignment distance of a and b (ASCII case ignored),
 * stopping at `limit` + 1. */
static size_t edit_distance(const char *a, const char *b, size_t limit)
{
	size_t la = strlen(a), lb = strlen(b), best = limit + 1;
	size_t *prev2, *prev, *cur;

	if ((la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	prev2 = g_new0(size_t, lb + 1);
	prev = g_new0(size_t, lb + 1);
	cur = g_new0(size_t, lb + 1);
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t row_min;
		cur[0] = row_min = i;
		for (size_t j = 1; j <= lb; j++) {
			int same = g_ascii_tolower(a[i - 1]) == g_ascii_tolower(b[j - 1]);
			size_t d =
			    MIN(MIN(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + (same ? 0 : 1));
			if (i > 1 && j > 1 &&
			    g_ascii_tolower(a[i - 1]) == g_ascii_tolower(b[j - 2]) &&
			    g_ascii_tolower(a[i - 2]) == g_ascii_tolower(b[j - 1]))
				d = MIN(d, prev2[j - 2] + 1);
			cur[j] = d;
			row_min = MIN(row_min, d);
		}
		size_t *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
		if (row_min > limit)
			goto done;
	}
	best = prev[lb];
done:
	g_free(prev2);
	g_free(prev);
	g_free(cur);
	return best;
}

const char *isms_text_closest(const char *word, const char *const *candidates, size_t n)
{
	size_t len = strlen(word), limit = MIN(2, (len - 1) / 2), best = limit + 1;
	const char *found = NULL;
	int tie = 0;

	if (len < 2)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance(word, candidates[i], limit);
		if (d < best) {
			best = d;
			found = candidates[i];
			tie = 0;
		} else if (d == best && found && strcmp(found, candidates[i]) != 0)
			tie = 1;
	}
	return tie ? NULL : found;
}
