#include "isms/linediff.h"

#include <string.h>
#include <xxhash.h>

typedef struct {
	const char *p;
	size_t len;
} line;

/* The lines of buf (len bytes), each with its line end. */
static GArray *split(const char *buf, size_t len)
{
	GArray *lines = g_array_new(FALSE, FALSE, sizeof(line));

	for (const char *p = buf, *end = buf + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		line l = {p, nl ? (size_t)(nl + 1 - p) : (size_t)(end - p)};
		g_array_append_val(lines, l);
		p += l.len;
	}
	return lines;
}

static int same(const line *x, const line *y)
{
	return x->len == y->len && memcmp(x->p, y->p, x->len) == 0;
}

/* How often a line occurs on each side, and where (when once). */
typedef struct {
	guint64 hash; /* 0: an empty slot */
	guint count_a, count_b;
	guint at_a, at_b;
} occurrence;

static guint64 line_hash(const line *l)
{
	guint64 h = XXH3_64bits(l->p, l->len);

	return h ? h : 1;
}

/* The slot of `h` in the open-addressed table (mask + 1 slots). */
static occurrence *slot(occurrence *table, guint mask, guint64 h)
{
	guint i = (guint)h & mask;

	while (table[i].hash && table[i].hash != h)
		i = (i + 1) & mask;
	return &table[i];
}

/* The pairs (index in a, index in b) of the lines found once on each side,
 * in order of a. Lines are told apart by a 64-bit hash; a pair is kept only
 * when its two lines are equal, so a collision loses an anchor, never
 * makes a wrong one. */
static GArray *unique_pairs(const GArray *la, const GArray *lb)
{
	guint size = 16;
	GArray *pairs = g_array_new(FALSE, FALSE, sizeof(guint) * 2);

	while (size < 2 * (la->len + lb->len))
		size *= 2;
	occurrence *table = g_new0(occurrence, size);
	guint64 *ha = g_new(guint64, la->len + 1);

	for (guint i = 0; i < la->len; i++) {
		occurrence *o =
		    slot(table, size - 1, ha[i] = line_hash(&g_array_index(la, line, i)));
		o->hash = ha[i];
		o->count_a++;
		o->at_a = i;
	}
	for (guint j = 0; j < lb->len; j++) {
		occurrence *o = slot(table, size - 1, line_hash(&g_array_index(lb, line, j)));
		if (o->hash) {
			o->count_b++;
			o->at_b = j;
		}
	}
	for (guint i = 0; i < la->len; i++) {
		const occurrence *o = slot(table, size - 1, ha[i]);
		if (o->count_a == 1 && o->count_b == 1 &&
		    same(&g_array_index(la, line, i), &g_array_index(lb, line, o->at_b))) {
			guint pair[2] = {i, o->at_b};
			g_array_append_val(pairs, pair);
		}
	}
	g_free(ha);
	g_free(table);
	return pairs;
}

/* The longest run of pairs increasing in b (patience sorting): the
 * anchors, in order. */
static GArray *anchors(const GArray *pairs)
{
	guint n = pairs->len, len = 0;
	guint *tail = g_new(guint, n + 1); /* pair index ending a run of each length */
	guint *prev = g_new(guint, n + 1);
	GArray *out = g_array_new(FALSE, FALSE, sizeof(guint) * 2);

	for (guint k = 0; k < n; k++) {
		guint b = ((const guint *)pairs->data)[2 * k + 1], lo = 0, hi = len;
		while (lo < hi) {
			guint mid = (lo + hi) / 2;
			if (((const guint *)pairs->data)[2 * tail[mid] + 1] < b)
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[k] = lo > 0 ? tail[lo - 1] : G_MAXUINT;
		tail[lo] = k;
		if (lo == len)
			len++;
	}
	g_array_set_size(out, len);
	for (guint k = len ? tail[len - 1] : G_MAXUINT, r = len; r > 0; k = prev[k], r--)
		memcpy((guint *)out->data + 2 * (r - 1), (const guint *)pairs->data + 2 * k,
		       sizeof(guint) * 2);
	g_free(tail);
	g_free(prev);
	return out;
}

static void hunk(GArray *out, int base, guint a0, guint a1, guint b0, guint b1)
{
	isms_line_hunk h;

	h.old_lines = (int)(a1 - a0);
	h.new_lines = (int)(b1 - b0);
	/* git's numbering: an empty side names the line before it */
	h.old_start = base + (int)a0 + (h.old_lines > 0);
	h.new_start = base + (int)b0 + (h.new_lines > 0);
	g_array_append_val(out, h);
}

void isms_line_diff(const char *a, size_t alen, const char *b, size_t blen, GArray *out)
{
	size_t n = MIN(alen, blen), head = 0, tail = 0, i;
	int base = 0;

	/* whole lines in common at the start, then at the end */
	for (i = 0; i < n && a[i] == b[i];)
		if (a[i++] == '\n')
			head = i;
	for (const char *p = a; (p = memchr(p, '\n', (size_t)(a + head - p))) != NULL; p++)
		base++;
	for (i = 0; i < n - head && a[alen - 1 - i] == b[blen - 1 - i];) {
		i++;
		if ((i == alen - head || a[alen - 1 - i] == '\n') &&
		    (i == blen - head || b[blen - 1 - i] == '\n'))
			tail = i;
	}

	GArray *la = split(a + head, alen - head - tail), *lb = split(b + head, blen - head - tail);
	GArray *pairs = unique_pairs(la, lb), *anchor = anchors(pairs);
	guint pa = 0, pb = 0;

	for (guint k = 0; k <= anchor->len; k++) {
		guint ea = k < anchor->len ? ((guint *)anchor->data)[2 * k] : la->len;
		guint eb = k < anchor->len ? ((guint *)anchor->data)[2 * k + 1] : lb->len;
		/* equal lines on both sides of the gap are not part of it */
		while (pa < ea && pb < eb &&
		       same(&g_array_index(la, line, pa), &g_array_index(lb, line, pb))) {
			pa++;
			pb++;
		}
		guint ga = ea, gb = eb;
		while (ga > pa && gb > pb &&
		       same(&g_array_index(la, line, ga - 1), &g_array_index(lb, line, gb - 1))) {
			ga--;
			gb--;
		}
		if (ga > pa || gb > pb)
			hunk(out, base, pa, ga, pb, gb);
		pa = ea + 1;
		pb = eb + 1;
	}
	g_array_free(anchor, TRUE);
	g_array_free(pairs, TRUE);
	g_array_free(la, TRUE);
	g_array_free(lb, TRUE);
}
