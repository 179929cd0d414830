// SPDX-License-Identifier: GPL-2.0-only
/*
 * Scenario loader: json-c parses, this file checks.  Every rule of
 * docs/scenarios.md is enforced here, and the first violation becomes a
 * one-line error naming the file, the JSON path and the problem.
 *
 * Everything allocated hangs off the struct scenario being built, so an
 * error anywhere just returns -1 and the top level frees it all.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "sim/json_strict.h"
#include "app/scenario.h"

const char *const scn_vmstat_names[SCN_NR_VMSTAT] = {
	[SCN_PGFAULT] = "pgfault",
	[SCN_NUMA_PTE_UPDATES] = "numa_pte_updates",
	[SCN_NUMA_HUGE_PTE_UPDATES] = "numa_huge_pte_updates",
	[SCN_NUMA_HINT_FAULTS] = "numa_hint_faults",
	[SCN_NUMA_HINT_FAULTS_LOCAL] = "numa_hint_faults_local",
	[SCN_NUMA_PAGES_MIGRATED] = "numa_pages_migrated",
	[SCN_PGMIGRATE_SUCCESS] = "pgmigrate_success",
	[SCN_PGMIGRATE_FAIL] = "pgmigrate_fail",
	[SCN_THP_MIGRATION_SUCCESS] = "thp_migration_success",
	[SCN_THP_MIGRATION_FAIL] = "thp_migration_fail",
	[SCN_THP_MIGRATION_SPLIT] = "thp_migration_split",
	[SCN_THP_SPLIT_PAGE] = "thp_split_page",
	[SCN_THP_SPLIT_PMD] = "thp_split_pmd",
};

const char *const scn_op_names[SCN_NR_OPS] = {
	[SCN_OP_ACCESS] = "access",
	[SCN_OP_SCAN] = "scan",
	[SCN_OP_SYSCTL] = "sysctl",
	[SCN_OP_MPROTECT] = "mprotect",
	[SCN_OP_MADVISE] = "madvise",
	[SCN_OP_SPLIT_THP] = "split_thp",
	[SCN_OP_ADVANCE] = "advance",
	[SCN_OP_MIGRATE_FAIL] = "migrate_fail",
	[SCN_OP_MOVE_TASK] = "move_task",
	[SCN_OP_EXPECT] = "expect",
	[SCN_OP_CONCURRENTLY] = "concurrently",
	[SCN_OP_DAMON_START] = "damon_start",
	[SCN_OP_DAMON_STOP] = "damon_stop",
	[SCN_OP_DAMON_HINT] = "damon_hint",
};

const char *const scn_damon_ops_names[SCN_NR_DAMON_OPS] = {
	[SCN_DAMON_VADDR] = "vaddr",
	[SCN_DAMON_VADDR_FAULT] = "vaddr-fault",
	[SCN_DAMON_PADDR_FAULT] = "paddr-fault",
	[SCN_DAMON_PADDR] = "paddr",
};

static const char *const mpol_names[SCN_MPOL_NR_MODES] = {
	[SCN_MPOL_DEFAULT] = "default",
	[SCN_MPOL_PREFERRED] = "preferred",
	[SCN_MPOL_BIND] = "bind",
	[SCN_MPOL_INTERLEAVE] = "interleave",
	[SCN_MPOL_LOCAL] = "local",
	[SCN_MPOL_PREFERRED_MANY] = "preferred_many",
	[SCN_MPOL_WEIGHTED_INTERLEAVE] = "weighted_interleave",
};

static const char *const mpol_flag_names[] = { "static_nodes", "relative_nodes",
					       "numa_balancing", NULL };
static const unsigned int mpol_flag_bits[] = { SCN_MPOL_F_STATIC_NODES,
					       SCN_MPOL_F_RELATIVE_NODES,
					       SCN_MPOL_F_NUMA_BALANCING };

static const char *const vma_flag_names[] = {
	"shared", "private", "anon", "file", "hugepage", "nohugepage", NULL
};

static const char *const advice_names[] = { "dontneed", "hugepage",
					    "nohugepage", NULL };
static const char *const when_names[] = { "before_unmap", "after_unmap", NULL };
static const char *const split_names[] = { "pmd", "folio", NULL };

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define NR_QUOTE 4
#define QUOTE_MAX 48 /* characters of a user string shown in an error */
#define QUOTE_ROOM 320

struct ctx {
	const char *file;
	char *err;
	size_t err_len;
	char path[256];
	size_t plen;
	struct scenario *s;
	bool damon_running;	/* a damon_start not yet stopped, so far */
	/* rotating buffers for quoted user text in messages */
	char quote[NR_QUOTE][QUOTE_ROOM];
	int nq;
};

static void put_err(struct ctx *c, const char *where, const char *fmt,
		    va_list ap)
{
	size_t n = 0;
	char *p;

	if (!c->err || !c->err_len)
		return;
	n = snprintf(c->err, c->err_len, "%s: ", c->file);
	if (where && n < c->err_len)
		n += snprintf(c->err + n, c->err_len - n, "%s: ", where);
	if (n < c->err_len)
		vsnprintf(c->err + n, c->err_len - n, fmt, ap);
	/* one line, always: a file name may hold anything */
	for (p = c->err; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
}

__attribute__((format(printf, 2, 3))) static int scn_fail(struct ctx *c,
							  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	put_err(c, c->plen ? c->path : "top level", fmt, ap);
	va_end(ap);
	return -1;
}

__attribute__((format(printf, 3, 4))) static int
scn_fail_at(struct ctx *c, const char *where, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	put_err(c, where, fmt, ap);
	va_end(ap);
	return -1;
}

/* Append printable, escaped text; truncated with "..." past max chars */
static void escape(char *dst, size_t room, const char *src, size_t len,
		   size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < len && n + 8 < room; i++) {
		unsigned char ch = src[i];

		if (i == max) {
			n += snprintf(dst + n, room - n, "...");
			break;
		}
		if (ch == '"' || ch == '\\')
			n += snprintf(dst + n, room - n, "\\%c", ch);
		else if (ch < 0x20 || ch == 0x7f)
			n += snprintf(dst + n, room - n, "\\x%02x", ch);
		else
			dst[n++] = ch;
	}
	dst[n] = '\0';
}

/* "text" for a message; valid until NR_QUOTE more calls */
static const char *quote(struct ctx *c, const char *s, size_t len)
{
	char *q = c->quote[c->nq++ % NR_QUOTE];

	q[0] = '"';
	escape(q + 1, sizeof(c->quote[0]) - 2, s, len, QUOTE_MAX);
	strcat(q, "\"");
	return q;
}

static const char *scn_qstr(struct ctx *c, const char *s)
{
	return quote(c, s, strlen(s));
}

/* A JSON null, where a json-c getter would hand us NULL */
#define JNULL ((json_object *)-1)

static bool scn_is(json_object *v, enum json_type t)
{
	return v && v != JNULL && json_object_is_type(v, t);
}

/* Element i of an array; JNULL for a null element */
static json_object *scn_elem(json_object *a, size_t i)
{
	json_object *v = json_object_array_get_idx(a, i);

	return v ? v : JNULL;
}

static const char *scn_jtype(json_object *v)
{
	return json_strict_type_name(v == JNULL ? NULL : v);
}

/* A value as the user wrote it, for messages */
static const char *scn_show(struct ctx *c, json_object *v)
{
	char *q;

	if (scn_is(v, json_type_string))
		return quote(c, json_object_get_string(v),
			     json_object_get_string_len(v));
	q = c->quote[c->nq++ % NR_QUOTE];
	if (scn_is(v, json_type_int))
		snprintf(q, sizeof(c->quote[0]), "%lld",
			 (long long)json_object_get_int64(v));
	else
		snprintf(q, sizeof(c->quote[0]), "%s", scn_jtype(v));
	return q;
}

static size_t scn_push_key(struct ctx *c, const char *key)
{
	size_t mark = c->plen;
	char tmp[QUOTE_MAX * 4 + 8];

	escape(tmp, sizeof(tmp), key, strlen(key), QUOTE_MAX);
	c->plen += snprintf(c->path + c->plen, sizeof(c->path) - c->plen,
			    "%s%s", c->plen ? "." : "", tmp);
	if (c->plen >= sizeof(c->path))
		c->plen = sizeof(c->path) - 1;
	return mark;
}

static size_t scn_push_idx(struct ctx *c, size_t i)
{
	size_t mark = c->plen;

	c->plen += snprintf(c->path + c->plen, sizeof(c->path) - c->plen,
			    "[%zu]", i);
	if (c->plen >= sizeof(c->path))
		c->plen = sizeof(c->path) - 1;
	return mark;
}

static void scn_pop(struct ctx *c, size_t mark)
{
	c->plen = mark;
	c->path[mark] = '\0';
}

static void *scn_zalloc(size_t n, size_t size)
{
	return calloc(n ? n : 1, size);
}

static int scn_oom(struct ctx *c)
{
	return scn_fail(c, "out of memory");
}

/*
 * "; did you mean "x"?" or "(one of: a, b, c)" for an unknown word;
 * names ends with NULL or after nr entries.
 */
static const char *scn_suggest(struct ctx *c, const char *word,
			       const char *const *names, size_t nr)
{
	char *q = c->quote[c->nq++ % NR_QUOTE];
	size_t room = sizeof(c->quote[0]), n, i;
	const char *best = json_strict_closest(word, names, nr);

	if (best) {
		snprintf(q, room, "; did you mean \"%s\"?", best);
		return q;
	}
	n = snprintf(q, room, " (one of:");
	for (i = 0; i < nr && names[i] && n < room; i++)
		n += snprintf(q + n, room - n, "%s %s", i ? "," : "", names[i]);
	if (n < room)
		snprintf(q + n, room - n, ")");
	else
		strcpy(q + room - 5, "...)");
	return q;
}

/* Index of word in names, or -1 */
static int scn_lookup_word(const char *word, const char *const *names,
			   size_t nr)
{
	size_t i;

	for (i = 0; i < nr && names[i]; i++)
		if (!strcmp(word, names[i]))
			return i;
	return -1;
}

/*
 * v must be an object whose keys are all in keys ("comment" is always
 * allowed, and must be a string).  Leaves the path at v.
 */
static int scn_check_object(struct ctx *c, json_object *v, const char *what,
			    const char *const *keys)
{
	size_t nr = 0;

	if (!scn_is(v, json_type_object))
		return scn_fail(c, "expected %s, got %s", what, scn_jtype(v));
	while (keys[nr])
		nr++;
	json_object_object_foreach(v, key, val) {
		size_t mark = scn_push_key(c, key);

		if (!strcmp(key, "comment")) {
			if (!scn_is(val, json_type_string))
				return scn_fail(c, "expected a string, got %s",
						scn_jtype(val));
		} else if (scn_lookup_word(key, keys, nr) < 0) {
			return scn_fail(c, "unknown key%s",
					scn_suggest(c, key, keys, nr));
		}
		scn_pop(c, mark);
	}
	return 0;
}

static json_object *scn_field(json_object *o, const char *key)
{
	json_object *v = NULL;

	if (!json_object_object_get_ex(o, key, &v))
		return NULL;
	/* a JSON null is present but NULL: report it as null, not missing */
	return v ? v : JNULL;
}

/*
 * Field readers: push the key, check, pop.  On error the path stays at
 * the field, which is what the message names.
 */
static int scn_need(struct ctx *c, json_object *v)
{
	if (!v)
		return scn_fail(c, "required");
	if (v == JNULL)
		return scn_fail(c, "null is not allowed here");
	return 0;
}

static int scn_rd_bool(struct ctx *c, json_object *o, const char *key, bool def,
		       bool *out)
{
	json_object *v = scn_field(o, key);
	size_t mark = scn_push_key(c, key);

	*out = def;
	if (v) {
		if (scn_need(c, v))
			return -1;
		if (!scn_is(v, json_type_boolean))
			return scn_fail(c, "expected true or false, got %s",
					scn_jtype(v));
		*out = json_object_get_boolean(v);
	}
	scn_pop(c, mark);
	return 0;
}

/* An integer in [min, max]; a JSON double (1.0, 1e3) is not one. */
static int scn_as_int(struct ctx *c, json_object *v, int64_t min, int64_t max,
		      int64_t *out)
{
	int64_t x;

	if (scn_need(c, v))
		return -1;
	if (scn_is(v, json_type_double))
		return scn_fail(c, "%s is not an integer",
				json_object_get_string(v));
	if (!scn_is(v, json_type_int))
		return scn_fail(c, "expected an integer, got %s", scn_jtype(v));
	x = json_object_get_int64(v);
	if (x == INT64_MAX && json_object_get_uint64(v) > INT64_MAX)
		return scn_fail(c, "%llu is out of range (%lld..%lld)",
				(unsigned long long)json_object_get_uint64(v),
				(long long)min, (long long)max);
	if (x < min && max >= INT32_MAX)
		return scn_fail(c, "%lld is less than %lld", (long long)x,
				(long long)min);
	if (x < min || x > max)
		return scn_fail(c, "%lld is out of range (%lld..%lld)",
				(long long)x, (long long)min, (long long)max);
	*out = x;
	return 0;
}

static int scn_rd_int(struct ctx *c, json_object *o, const char *key,
		      bool required, int64_t min, int64_t max, int64_t def,
		      int64_t *out)
{
	json_object *v = scn_field(o, key);
	size_t mark = scn_push_key(c, key);

	*out = def;
	if (v || required)
		if (scn_as_int(c, v, min, max, out))
			return -1;
	scn_pop(c, mark);
	return 0;
}

#define BYTES_MAX (1ULL << 48) /* keeps offset + size from overflowing */

/*
 * Bytes or an address: a JSON integer, or a string: decimal or 0x hex,
 * decimal with an optional binary suffix K, M, G or T.
 */
static int as_bytes(struct ctx *c, json_object *v, uint64_t *out)
{
	static const char sfx[] = "KMGT";
	const char *s, *p;
	uint64_t x = 0, mul = 1;
	int base = 10, digits = 0;

	if (scn_need(c, v))
		return -1;
	if (scn_is(v, json_type_int)) {
		int64_t i = json_object_get_int64(v);

		if (i < 0)
			return scn_fail(c, "%lld is negative", (long long)i);
		/* json-c saturates what int64 cannot hold */
		if (i == INT64_MAX)
			return scn_fail(c, "the number is too large");
		if ((uint64_t)i > BYTES_MAX ||
		    json_object_get_uint64(v) > BYTES_MAX)
			return scn_fail(c, "%s is too large", scn_show(c, v));
		*out = i;
		return 0;
	}
	if (scn_is(v, json_type_double))
		return scn_fail(c, "%s is not an integer",
				json_object_get_string(v));
	if (!scn_is(v, json_type_string))
		return scn_fail(
			c,
			"expected a byte count (4096, \"2M\", \"0x1000\"), got %s",
			scn_jtype(v));
	s = json_object_get_string(v);
	p = s;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	for (; *p; p++, digits++) {
		unsigned int d;

		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (base == 16 && *p >= 'a' && *p <= 'f')
			d = *p - 'a' + 10;
		else if (base == 16 && *p >= 'A' && *p <= 'F')
			d = *p - 'A' + 10;
		else
			break;
		if (x > (BYTES_MAX - d) / base)
			return scn_fail(c, "%s is too large", scn_show(c, v));
		x = x * base + d;
	}
	if (*p && base == 10 && strchr(sfx, *p) && !p[1]) {
		mul = 1024ULL << (10 * (strchr(sfx, *p) - sfx));
		p++;
	}
	if (!digits || *p ||
	    (size_t)(p - s) != (size_t)json_object_get_string_len(v))
		return scn_fail(
			c,
			"%s is not a byte count (decimal with optional suffix K, M, G or T, or 0x hex)",
			scn_show(c, v));
	if (x > BYTES_MAX / mul)
		return scn_fail(c, "%s is too large", scn_show(c, v));
	*out = x * mul;
	return 0;
}

/* "2M" style rendering of a byte count, for messages */
static const char *scn_human(struct ctx *c, uint64_t x)
{
	char *q = c->quote[c->nq++ % NR_QUOTE];
	size_t room = sizeof(c->quote[0]);

	if (x && !(x & ((1ULL << 30) - 1)))
		snprintf(q, room, "%lluG", (unsigned long long)(x >> 30));
	else if (x && !(x & ((1ULL << 20) - 1)))
		snprintf(q, room, "%lluM", (unsigned long long)(x >> 20));
	else if (x && !(x & ((1ULL << 10) - 1)))
		snprintf(q, room, "%lluK", (unsigned long long)(x >> 10));
	else
		snprintf(q, room, "%llu", (unsigned long long)x);
	return q;
}

/*
 * A byte field that must be a multiple of align; as the user wrote it in
 * the message, so "3K" stays "3K".
 */
static int scn_rd_bytes(struct ctx *c, json_object *o, const char *key,
			bool required, uint64_t def, uint64_t align,
			const char *align_what, uint64_t *out)
{
	json_object *v = scn_field(o, key);
	size_t mark = scn_push_key(c, key);

	*out = def;
	if (v || required) {
		if (as_bytes(c, v, out))
			return -1;
		if (*out % align)
			return scn_fail(c, "%s is not a multiple of %llu%s",
					scn_show(c, v),
					(unsigned long long)align, align_what);
	}
	scn_pop(c, mark);
	return 0;
}

static int valid_name(const char *s, size_t len, size_t max)
{
	size_t i;

	if (!len || len > max)
		return 0;
	for (i = 0; i < len; i++) {
		char ch = s[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' ||
		      ch == '.'))
			return 0;
	}
	return 1;
}

static int scn_as_string(struct ctx *c, json_object *v, const char **out)
{
	if (scn_need(c, v))
		return -1;
	if (!scn_is(v, json_type_string))
		return scn_fail(c, "expected a string, got %s", scn_jtype(v));
	*out = json_object_get_string(v);
	return 0;
}

/* A name: 1..max of [A-Za-z0-9_.-] */
static int scn_as_name(struct ctx *c, json_object *v, size_t max, char *out)
{
	const char *s;
	size_t len;

	if (scn_as_string(c, v, &s))
		return -1;
	len = json_object_get_string_len(v);
	if (!valid_name(s, len, max))
		return scn_fail(
			c, "%s is not a name (1 to %zu of A-Z a-z 0-9 _ . -)",
			scn_show(c, v), max);
	memcpy(out, s, len + 1);
	return 0;
}

/* One of names[]; the index */
static int scn_as_word(struct ctx *c, json_object *v, const char *what,
		       const char *const *names, size_t nr, int *out)
{
	const char *s;

	if (scn_as_string(c, v, &s))
		return -1;
	*out = scn_lookup_word(s, names, nr);
	if (*out < 0 || strlen(s) != (size_t)json_object_get_string_len(v))
		return scn_fail(c, "unknown %s %s%s", what, scn_show(c, v),
				scn_suggest(c, s, names, nr));
	return 0;
}

static int scn_rd_word(struct ctx *c, json_object *o, const char *key,
		       bool required, const char *what,
		       const char *const *names, size_t nr, int def, int *out)
{
	json_object *v = scn_field(o, key);
	size_t mark = scn_push_key(c, key);

	*out = def;
	if (v || required)
		if (scn_as_word(c, v, what, names, nr, out))
			return -1;
	scn_pop(c, mark);
	return 0;
}

static int scn_as_array(struct ctx *c, json_object *v, const char *what,
			size_t min, size_t max, size_t *nr)
{
	if (scn_need(c, v))
		return -1;
	if (!scn_is(v, json_type_array))
		return scn_fail(c, "expected an array of %s, got %s", what,
				scn_jtype(v));
	*nr = json_object_array_length(v);
	if (!*nr && min)
		return scn_fail(c, "is empty; needs at least one of %s", what);
	if (*nr < min)
		return scn_fail(c, "%zu %s, at least %zu needed", *nr, what,
				min);
	if (*nr > max)
		return scn_fail(c, "%zu %s, at most %zu allowed", *nr, what,
				max);
	return 0;
}

/* "rw", "r", "none", ... as SCN_PROT_* */
static int scn_as_prot(struct ctx *c, json_object *v, unsigned int *out)
{
	const char *s;
	size_t i, len;

	if (scn_as_string(c, v, &s))
		return -1;
	len = json_object_get_string_len(v);
	*out = 0;
	if (!strcmp(s, "none") && len == 4)
		return 0;
	for (i = 0; i < len; i++) {
		unsigned int bit = s[i] == 'r' ? SCN_PROT_READ :
				   s[i] == 'w' ? SCN_PROT_WRITE :
				   s[i] == 'x' ? SCN_PROT_EXEC :
						 0;

		if (!bit || (*out & bit))
			break;
		*out |= bit;
	}
	if (!len || i < len)
		return scn_fail(
			c,
			"%s is not a protection (\"none\", or each of r, w, x at most once)",
			scn_show(c, v));
	return 0;
}

/* Node ids: each < nr_nodes; duplicates are rejected unless dups */
static int scn_as_node_list(struct ctx *c, json_object *v, bool dups,
			    size_t min, unsigned char *nodes, unsigned int *nr,
			    uint64_t *mask)
{
	size_t i, n;

	if (scn_as_array(c, v, "node ids", min, SCN_MAX_NODES, &n))
		return -1;
	*mask = 0;
	for (i = 0; i < n; i++) {
		size_t mark = scn_push_idx(c, i);
		int64_t id;

		if (scn_as_int(c, scn_elem(v, i), 0, SCN_MAX_NODES - 1, &id))
			return -1;
		if (id >= c->s->nr_nodes)
			return scn_fail(
				c, "no node %lld (the machine has %u node%s)",
				(long long)id, c->s->nr_nodes,
				c->s->nr_nodes == 1 ? "" : "s");
		if (!dups && (*mask & (1ULL << id)))
			return scn_fail(c, "node %lld is listed twice",
					(long long)id);
		*mask |= 1ULL << id;
		if (nodes)
			nodes[i] = id;
		scn_pop(c, mark);
	}
	if (nr)
		*nr = n;
	return 0;
}

static int scn_rd_node(struct ctx *c, json_object *o, const char *key,
		       bool required, int *out)
{
	json_object *v = scn_field(o, key);
	size_t mark = scn_push_key(c, key);
	int64_t id = -1;

	if (v || required) {
		if (scn_as_int(c, v, 0, SCN_MAX_NODES - 1, &id))
			return -1;
		if (id >= c->s->nr_nodes)
			return scn_fail(
				c, "no node %lld (the machine has %u node%s)",
				(long long)id, c->s->nr_nodes,
				c->s->nr_nodes == 1 ? "" : "s");
	}
	*out = id;
	scn_pop(c, mark);
	return 0;
}

/* ------------------------------------------------------------------ */
/* machine */

/*
 * ids of nodes/cpus: any order, but unique and together exactly 0..n-1.
 * seen[] holds the array index that defined each id, or -1.
 */
static int rd_id(struct ctx *c, json_object *o, const char *what,
		 const char *arr, size_t n, int *seen, size_t idx, int *out)
{
	int64_t id;
	size_t mark;

	if (scn_rd_int(c, o, "id", true, 0, INT32_MAX, 0, &id))
		return -1;
	mark = scn_push_key(c, "id");
	if ((size_t)id >= n)
		return scn_fail(c,
				"%lld is out of range: %zu %s have ids 0..%zu",
				(long long)id, n, what, n - 1);
	if (seen[id] >= 0)
		return scn_fail(c, "id %lld is already used by %s[%d]",
				(long long)id, arr, seen[id]);
	seen[id] = idx;
	scn_pop(c, mark);
	*out = id;
	return 0;
}

static int load_nodes(struct ctx *c, json_object *v)
{
	static const char *const keys[] = { "id", "pages", "toptier", NULL };
	struct scenario *s = c->s;
	int seen[SCN_MAX_NODES];
	bool any_top = false;
	size_t i, n;

	if (scn_as_array(c, v, "nodes", 1, SCN_MAX_NODES, &n))
		return -1;
	s->nodes = scn_zalloc(n, sizeof(*s->nodes));
	if (!s->nodes)
		return scn_oom(c);
	s->nr_nodes = n;
	memset(seen, -1, sizeof(seen));
	for (i = 0; i < n; i++) {
		json_object *o = scn_elem(v, i);
		size_t mark = scn_push_idx(c, i);
		struct scn_node *node;
		int64_t pages;
		int id;

		if (scn_check_object(c, o, "a node object", keys) ||
		    rd_id(c, o, "nodes", "machine.nodes", n, seen, i, &id))
			return -1;
		node = &s->nodes[id];
		if (scn_rd_int(c, o, "pages", true, 1, SCN_MAX_NODE_PAGES, 0,
			       &pages) ||
		    scn_rd_bool(c, o, "toptier", true, &node->toptier))
			return -1;
		node->pages = pages;
		any_top |= node->toptier;
		scn_pop(c, mark);
	}
	if (!any_top)
		return scn_fail(
			c,
			"no node is toptier; the kernel always has a top tier");
	return 0;
}

static int load_cpus(struct ctx *c, json_object *v)
{
	static const char *const keys[] = { "id", "node", NULL };
	struct scenario *s = c->s;
	int seen[SCN_MAX_CPUS];
	size_t i, n;

	if (scn_as_array(c, v, "cpus", 1, SCN_MAX_CPUS, &n))
		return -1;
	s->cpus = scn_zalloc(n, sizeof(*s->cpus));
	if (!s->cpus)
		return scn_oom(c);
	s->nr_cpus = n;
	memset(seen, -1, sizeof(seen));
	for (i = 0; i < n; i++) {
		json_object *o = scn_elem(v, i);
		size_t mark = scn_push_idx(c, i);
		int id;

		if (scn_check_object(c, o, "a cpu object", keys) ||
		    rd_id(c, o, "cpus", "machine.cpus", n, seen, i, &id) ||
		    scn_rd_node(c, o, "node", true, &s->cpus[id].node))
			return -1;
		scn_pop(c, mark);
	}
	return 0;
}

static int scn_load_machine(struct ctx *c, json_object *v)
{
	static const char *const keys[] = { "nodes", "cpus", NULL };
	size_t mark;

	if (scn_check_object(c, v, "an object", keys))
		return -1;
	mark = scn_push_key(c, "nodes");
	if (load_nodes(c, scn_field(v, "nodes")))
		return -1;
	scn_pop(c, mark);
	mark = scn_push_key(c, "cpus");
	if (load_cpus(c, scn_field(v, "cpus")))
		return -1;
	scn_pop(c, mark);
	return 0;
}

/* the top-level "sysctl" object, or a "sysctl" step (required, has "op") */
static int scn_load_sysctl(struct ctx *c, json_object *v, bool step, int *numab)
{
	static const char *const keys[] = { "numa_balancing", NULL };
	static const char *const step_keys[] = { "op", "numa_balancing", NULL };
	bool required = step;
	int64_t x;

	if (scn_check_object(c, v, "an object", step ? step_keys : keys) ||
	    scn_rd_int(c, v, "numa_balancing", required, 0, SCN_NUMAB_MAX,
		       SCN_NUMAB_BOOT_DEFAULT, &x))
		return -1;
	*numab = x;
	return 0;
}

/* ------------------------------------------------------------------ */
/* tasks and mms */

/*
 * The checks of sanitize_mpol_flags() and mpol_new() in mm/mempolicy.c,
 * plus a few the kernel lets pass silently (flags on "default", several
 * nodes for "preferred"), which in a scenario are surely mistakes.
 */
static int load_policy(struct ctx *c, json_object *v, struct scn_policy *p)
{
	static const char *const keys[] = { "mode", "nodes", "flags", NULL };
	json_object *nv, *fv;
	unsigned int nr = 0;
	size_t mark, i, n;
	int mode;

	if (scn_check_object(c, v, "a policy object", keys) ||
	    scn_rd_word(c, v, "mode", true, "mode", mpol_names,
			ARRAY_SIZE(mpol_names), 0, &mode))
		return -1;
	p->mode = mode;
	nv = scn_field(v, "nodes");
	if (nv) {
		mark = scn_push_key(c, "nodes");
		if (scn_as_node_list(c, nv, false, 0, NULL, &nr, &p->nodes))
			return -1;
		scn_pop(c, mark);
	}
	fv = scn_field(v, "flags");
	if (fv) {
		mark = scn_push_key(c, "flags");
		if (scn_as_array(c, fv, "flags", 0, 3, &n))
			return -1;
		for (i = 0; i < n; i++) {
			size_t m2 = scn_push_idx(c, i);
			int f;

			if (scn_as_word(c, scn_elem(fv, i), "flag",
					mpol_flag_names, 3, &f))
				return -1;
			if (p->flags & mpol_flag_bits[f])
				return scn_fail(c, "\"%s\" is listed twice",
						mpol_flag_names[f]);
			p->flags |= mpol_flag_bits[f];
			scn_pop(c, m2);
		}
		if ((p->flags & SCN_MPOL_F_STATIC_NODES) &&
		    (p->flags & SCN_MPOL_F_RELATIVE_NODES))
			return scn_fail(
				c,
				"static_nodes and relative_nodes exclude each other (EINVAL)");
		if ((p->flags & SCN_MPOL_F_NUMA_BALANCING) &&
		    mode != SCN_MPOL_BIND && mode != SCN_MPOL_PREFERRED_MANY)
			return scn_fail(
				c,
				"numa_balancing needs mode bind or preferred_many (EINVAL)");
		if (p->flags && mode == SCN_MPOL_DEFAULT)
			return scn_fail(
				c, "flags have no effect with mode default");
		scn_pop(c, mark);
	}
	if (p->flags & SCN_MPOL_F_NUMA_BALANCING)
		p->flags |= SCN_MPOL_F_MOF | SCN_MPOL_F_MORON;

	mark = scn_push_key(c, "nodes");
	switch (mode) {
	case SCN_MPOL_DEFAULT:
	case SCN_MPOL_LOCAL:
		if (nr)
			return scn_fail(c, "mode %s takes no nodes (EINVAL)",
					mpol_names[mode]);
		if (p->flags &
		    (SCN_MPOL_F_STATIC_NODES | SCN_MPOL_F_RELATIVE_NODES))
			return scn_fail(
				c,
				"mode local takes no static_nodes or relative_nodes (EINVAL)");
		break;
	case SCN_MPOL_PREFERRED:
		if (nr > 1)
			return scn_fail(
				c,
				"mode preferred takes one node (the kernel would use the first); use preferred_many");
		if (!nr) {
			if (p->flags)
				return scn_fail(
					c,
					"mode preferred without nodes takes no static_nodes or relative_nodes (EINVAL)");
			/* as mpol_new() does */
			p->mode = SCN_MPOL_LOCAL;
		}
		break;
	default:
		if (!nr)
			return scn_fail(
				c, "mode %s needs at least one node (EINVAL)",
				mpol_names[mode]);
		break;
	}
	scn_pop(c, mark);
	return 0;
}

static int add_mm(struct ctx *c, const char *name)
{
	struct scenario *s = c->s;
	int i = scenario_find_mm(s, name);

	if (i < 0) {
		i = s->nr_mms++;
		strcpy(s->mms[i].name, name);
	}
	s->mms[i].nr_tasks++;
	return i;
}

static int scn_load_tasks(struct ctx *c, json_object *v)
{
	static const char *const keys[] = { "name", "cpu", "mm", "policy",
					    NULL };
	struct scenario *s = c->s;
	size_t i, n;

	if (scn_as_array(c, v, "tasks", 1, SCN_MAX_TASKS, &n))
		return -1;
	s->tasks = scn_zalloc(n, sizeof(*s->tasks));
	s->mms = scn_zalloc(n, sizeof(*s->mms));
	if (!s->tasks || !s->mms)
		return scn_oom(c);
	for (i = 0; i < n; i++) {
		json_object *o = scn_elem(v, i);
		struct scn_task *t = &s->tasks[i];
		size_t mark = scn_push_idx(c, i), m2;
		char mm[SCN_NAME_MAX + 1] = "mm0";
		json_object *f;
		int64_t cpu;
		int dup;

		if (scn_check_object(c, o, "a task object", keys))
			return -1;
		m2 = scn_push_key(c, "name");
		if (scn_as_name(c, scn_field(o, "name"), SCN_NAME_MAX, t->name))
			return -1;
		dup = scenario_find_task(s, t->name);
		if (dup >= 0)
			return scn_fail(
				c, "task %s is already defined by tasks[%d]",
				scn_qstr(c, t->name), dup);
		scn_pop(c, m2);
		s->nr_tasks++;
		if (scn_rd_int(c, o, "cpu", true, 0, SCN_MAX_CPUS - 1, 0, &cpu))
			return -1;
		if (cpu >= s->nr_cpus)
			return scn_push_key(c, "cpu"),
			       scn_fail(
				       c,
				       "no cpu %lld (the machine has %u cpu%s)",
				       (long long)cpu, s->nr_cpus,
				       s->nr_cpus == 1 ? "" : "s");
		t->cpu = cpu;
		f = scn_field(o, "mm");
		if (f) {
			m2 = scn_push_key(c, "mm");
			if (scn_as_name(c, f, SCN_NAME_MAX, mm))
				return -1;
			scn_pop(c, m2);
		}
		t->mm = add_mm(c, mm);
		f = scn_field(o, "policy");
		if (f) {
			m2 = scn_push_key(c, "policy");
			if (scn_need(c, f) || load_policy(c, f, &t->policy))
				return -1;
			scn_pop(c, m2);
		}
		scn_pop(c, mark);
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* VMAs */

uint64_t scenario_vma_granule(const struct scn_vma *v)
{
	return v->thp ? SCN_PMD_SIZE : SCN_PAGE_SIZE << v->folio_order;
}

/* Node list of one range: {"node": n} or {"interleave": [..]} */
static int range_nodes(struct ctx *c, json_object *o, struct scn_range *r,
		       bool split_ok, json_object **split)
{
	json_object *nv = scn_field(o, "node"),
		    *iv = scn_field(o, "interleave");
	uint64_t mask;
	int node;

	*split = split_ok ? scn_field(o, "split") : NULL;
	if (!!nv + !!iv + !!*split != 1)
		return scn_fail(
			c,
			split_ok ?
				"give exactly one of node, interleave, split" :
				"give exactly one of node, interleave");
	if (nv) {
		if (scn_rd_node(c, o, "node", true, &node))
			return -1;
		r->nr_nodes = 1;
		r->nodes[0] = node;
	} else if (iv) {
		size_t mark = scn_push_key(c, "interleave");

		/* repeats allowed: [0, 0, 1] weights node 0 twice */
		if (scn_as_node_list(c, iv, true, 1, r->nodes, &r->nr_nodes,
				     &mask))
			return -1;
		scn_pop(c, mark);
	}
	return 0;
}

static int load_placement(struct ctx *c, json_object *v, struct scn_vma *vma)
{
	static const char *const obj_keys[] = { "node", "interleave", "split",
						NULL };
	static const char *const range_keys[] = { "offset", "size", "node",
						  "interleave", NULL };
	uint64_t g = scenario_vma_granule(vma), end = 0;
	const char *gw = vma->thp	  ? " (the THP size)" :
			 vma->folio_order ? " (the folio size)" :
					    "";
	json_object *split;
	size_t i, n;

	if (scn_need(c, v))
		return -1;
	if (scn_is(v, json_type_object)) {
		struct scn_range one = { 0 };
		unsigned char nodes[SCN_MAX_NODES];
		unsigned int nr;
		uint64_t mask, part;

		if (scn_check_object(c, v, "an object", obj_keys) ||
		    range_nodes(c, v, &one, true, &split))
			return -1;
		if (!split) {
			n = 1;
			one.size = vma->size;
		} else {
			size_t mark = scn_push_key(c, "split");

			if (scn_as_node_list(c, split, true, 1, nodes, &nr,
					     &mask))
				return -1;
			n = nr;
			part = vma->size / n;
			if (vma->size % n || part % g)
				return scn_fail(
					c,
					"%s does not split into %zu equal parts that are multiples of %llu%s",
					scn_human(c, vma->size), n,
					(unsigned long long)g, gw);
			scn_pop(c, mark);
		}
		vma->ranges = scn_zalloc(n, sizeof(*vma->ranges));
		if (!vma->ranges)
			return scn_oom(c);
		vma->nr_ranges = n;
		if (!split) {
			vma->ranges[0] = one;
			return 0;
		}
		for (i = 0; i < n; i++) {
			vma->ranges[i].offset = i * part;
			vma->ranges[i].size = part;
			vma->ranges[i].nr_nodes = 1;
			vma->ranges[i].nodes[0] = nodes[i];
		}
		return 0;
	}
	if (!scn_is(v, json_type_array))
		return scn_fail(
			c,
			"expected {\"node\": N}, {\"interleave\": [..]}, {\"split\": [..]} or an array of ranges, got %s",
			scn_jtype(v));
	if (scn_as_array(c, v, "ranges", 1, SCN_MAX_RANGES, &n))
		return -1;
	vma->ranges = scn_zalloc(n, sizeof(*vma->ranges));
	if (!vma->ranges)
		return scn_oom(c);
	vma->nr_ranges = n;
	for (i = 0; i < n; i++) {
		json_object *o = scn_elem(v, i);
		struct scn_range *r = &vma->ranges[i];
		size_t mark = scn_push_idx(c, i), m2;

		if (scn_check_object(c, o, "a range object", range_keys) ||
		    scn_rd_bytes(c, o, "offset", true, 0, g, gw, &r->offset) ||
		    scn_rd_bytes(c, o, "size", true, 0, g, gw, &r->size) ||
		    range_nodes(c, o, r, false, &split))
			return -1;
		m2 = scn_push_key(c, "offset");
		if (r->offset < end)
			return scn_fail(
				c,
				"%s overlaps or precedes the range before (ranges are sorted and disjoint)",
				scn_human(c, r->offset));
		scn_pop(c, m2);
		m2 = scn_push_key(c, "size");
		if (!r->size)
			return scn_fail(c, "is zero");
		if (r->offset + r->size > vma->size)
			return scn_fail(
				c,
				"range [%s, %s) runs past the end of the VMA (%s)",
				scn_human(c, r->offset),
				scn_human(c, r->offset + r->size),
				scn_human(c, vma->size));
		scn_pop(c, m2);
		end = r->offset + r->size;
		scn_pop(c, mark);
	}
	return 0;
}

/*
 * No placement: the pages are where the first task of the mm would have
 * touched them under its policy (local node for default/local).
 */
static int default_placement(struct ctx *c, struct scn_vma *vma)
{
	struct scenario *s = c->s;
	const struct scn_task *t = NULL;
	struct scn_range *r;
	unsigned int i;

	for (i = 0; i < s->nr_tasks && !t; i++)
		if (s->tasks[i].mm == vma->mm)
			t = &s->tasks[i];
	vma->ranges = r = scn_zalloc(1, sizeof(*r));
	if (!r)
		return scn_oom(c);
	vma->nr_ranges = 1;
	r->size = vma->size;
	r->nr_nodes = 1;
	r->nodes[0] = s->cpus[t->cpu].node;
	switch (t->policy.mode) {
	case SCN_MPOL_INTERLEAVE:
	case SCN_MPOL_WEIGHTED_INTERLEAVE:
		r->nr_nodes = 0;
		for (i = 0; i < s->nr_nodes; i++)
			if (t->policy.nodes & (1ULL << i))
				r->nodes[r->nr_nodes++] = i;
		break;
	case SCN_MPOL_PREFERRED:
	case SCN_MPOL_BIND:
	case SCN_MPOL_PREFERRED_MANY:
		/* the local node if allowed, else the first allowed */
		if (!(t->policy.nodes & (1ULL << r->nodes[0])))
			r->nodes[0] = __builtin_ctzll(t->policy.nodes);
		break;
	default:
		break;
	}
	return 0;
}

static int load_vma_flags(struct ctx *c, json_object *v, unsigned int *flags)
{
	/* bit, and the bit of the word it excludes */
	static const unsigned int bit[] = {
		SCN_VMA_SHARED,	   0, 0, SCN_VMA_FILE, SCN_VMA_HUGEPAGE,
		SCN_VMA_NOHUGEPAGE
	};
	unsigned int seen = 0;
	size_t i, n;
	int w;

	if (scn_as_array(c, v, "flags", 0, 6, &n))
		return -1;
	for (i = 0; i < n; i++) {
		json_object *f = scn_elem(v, i);
		size_t mark = scn_push_idx(c, i);
		const char *s;

		if (scn_as_string(c, f, &s))
			return -1;
		if (!strcmp(s, "thp") || !strcmp(s, "nothp"))
			return scn_fail(
				c,
				"unknown flag %s: for VM_HUGEPAGE/VM_NOHUGEPAGE say \"hugepage\"/\"nohugepage\"; for PMD-mapped THPs set \"thp\": true",
				scn_show(c, f));
		if (!strcmp(s, "exec"))
			return scn_fail(
				c,
				"unknown flag \"exec\": executable is \"x\" in \"prot\"");
		if (scn_as_word(c, f, "flag", vma_flag_names, 6, &w))
			return -1;
		if (seen & (1U << w))
			return scn_fail(c, "%s is listed twice",
					scn_show(c, f));
		if (seen & (1U << (w ^ 1)))
			return scn_fail(
				c, "\"%s\" and \"%s\" exclude each other",
				vma_flag_names[w ^ 1], vma_flag_names[w]);
		seen |= 1U << w;
		*flags |= bit[w];
		scn_pop(c, mark);
	}
	return 0;
}

static int load_vma(struct ctx *c, json_object *o, struct scn_vma *vma,
		    uint64_t *cursors)
{
	static const char *const keys[] = {
		"name",	      "mm",	   "start",    "size", "prot",
		"flags",      "placement", "populate", "thp",  "folio_order",
		"cow_shared", "dirty",	   NULL
	};
	struct scenario *s = c->s;
	json_object *f, *start_v, *place;
	bool populate, dirty;
	uint64_t *cursor;
	const char *gw;
	size_t mark;
	int64_t order;
	uint64_t g;
	int dup;

	if (scn_check_object(c, o, "a VMA object", keys))
		return -1;
	mark = scn_push_key(c, "name");
	if (scn_as_name(c, scn_field(o, "name"), SCN_NAME_MAX, vma->name))
		return -1;
	/* this VMA is already counted: look only at the ones before */
	for (dup = 0; dup < (int)s->nr_vmas - 1; dup++)
		if (!strcmp(s->vmas[dup].name, vma->name))
			break;
	if (dup < (int)s->nr_vmas - 1)
		return scn_fail(c, "VMA %s is already defined by vmas[%d]",
				scn_qstr(c, vma->name), dup);
	scn_pop(c, mark);

	mark = scn_push_key(c, "mm");
	f = scn_field(o, "mm");
	if (f) {
		char mm[SCN_NAME_MAX + 1];

		if (scn_as_name(c, f, SCN_NAME_MAX, mm))
			return -1;
		vma->mm = scenario_find_mm(s, mm);
		if (vma->mm < 0)
			return scn_fail(c, "no task uses mm %s",
					scn_qstr(c, mm));
	} else if (s->nr_mms > 1) {
		return scn_fail(c, "required: the tasks use %u mms", s->nr_mms);
	}
	scn_pop(c, mark);
	cursor = &cursors[vma->mm];

	if (scn_rd_bool(c, o, "thp", false, &vma->thp) ||
	    scn_rd_int(c, o, "folio_order", false, 0, SCN_MAX_FOLIO_ORDER, 0,
		       &order))
		return -1;
	vma->folio_order = order;
	if (vma->thp && scn_field(o, "folio_order"))
		return scn_push_key(c, "folio_order"),
		       scn_fail(
			       c,
			       "thp and folio_order exclude each other: \"thp\": true is a PMD-mapped folio of order 9");
	g = scenario_vma_granule(vma);
	gw = vma->thp ? " (the THP size)" : order ? " (the folio size)" : "";

	if (scn_rd_bytes(c, o, "size", true, 0, g, gw, &vma->size))
		return -1;
	mark = scn_push_key(c, "size");
	if (!vma->size)
		return scn_fail(c, "is zero");
	if (vma->size > SCN_MAX_VMA_SIZE)
		return scn_fail(c, "%s is larger than the limit, %s",
				scn_human(c, vma->size),
				scn_human(c, SCN_MAX_VMA_SIZE));
	scn_pop(c, mark);

	/* a VMA without start goes after the previous ones, 2M aligned */
	start_v = scn_field(o, "start");
	if (scn_rd_bytes(c, o, "start", false, 0, g, gw, &vma->start))
		return -1;
	mark = scn_push_key(c, start_v ? "start" : "size");
	if (!start_v) {
		vma->start = (*cursor + SCN_PMD_SIZE - 1) & ~(SCN_PMD_SIZE - 1);
		if (vma->start + vma->size > SCN_USER_TOP)
			return scn_fail(
				c,
				"%s does not fit above 0x%llx (automatic start); give \"start\"",
				scn_human(c, vma->size),
				(unsigned long long)*cursor);
	}
	if (!vma->start)
		return scn_fail(c, "is 0; user space starts at 0x1000");
	if (vma->start + vma->size > SCN_USER_TOP)
		return scn_fail(c, "0x%llx + %s ends above user space (0x%llx)",
				(unsigned long long)vma->start,
				scn_human(c, vma->size),
				(unsigned long long)SCN_USER_TOP);
	scn_pop(c, mark);
	/* leave a gap, so that nothing would merge it with the next */
	if (vma->start + vma->size + SCN_PMD_SIZE > *cursor)
		*cursor = vma->start + vma->size + SCN_PMD_SIZE;

	vma->prot = SCN_PROT_READ | SCN_PROT_WRITE;
	f = scn_field(o, "prot");
	if (f) {
		mark = scn_push_key(c, "prot");
		if (scn_as_prot(c, f, &vma->prot))
			return -1;
		scn_pop(c, mark);
	}
	f = scn_field(o, "flags");
	if (f) {
		mark = scn_push_key(c, "flags");
		if (load_vma_flags(c, f, &vma->flags))
			return -1;
		scn_pop(c, mark);
	}

	if (scn_rd_bool(c, o, "populate", true, &populate) ||
	    scn_rd_bool(c, o, "cow_shared", false, &vma->cow_shared) ||
	    scn_rd_bool(c, o, "dirty", false, &dirty))
		return -1;
	if (vma->thp) {
		mark = scn_push_key(c, "thp");
		if (!populate)
			return scn_fail(
				c,
				"describes populated memory, but \"populate\" is false");
		if (vma->flags & SCN_VMA_FILE)
			return scn_fail(
				c,
				"needs an anonymous VMA (file THPs are not modelled)");
		if (vma->flags & SCN_VMA_NOHUGEPAGE)
			return scn_fail(c, "contradicts flag \"nohugepage\"");
		scn_pop(c, mark);
	}
	if (order && !populate)
		return scn_push_key(c, "folio_order"),
		       scn_fail(
			       c,
			       "describes populated memory, but \"populate\" is false");
	if (vma->cow_shared) {
		mark = scn_push_key(c, "cow_shared");
		if (!populate)
			return scn_fail(
				c,
				"describes populated memory, but \"populate\" is false");
		if (vma->flags & (SCN_VMA_SHARED | SCN_VMA_FILE))
			return scn_fail(
				c,
				"needs a private anonymous VMA (only those are copy-on-write shared after fork)");
		scn_pop(c, mark);
	}
	f = scn_field(o, "dirty");
	if (f && dirty && !populate)
		return scn_push_key(c, "dirty"),
		       scn_fail(
			       c,
			       "describes populated memory, but \"populate\" is false");
	/* as MAP_POPULATE leaves it: a write fault where private writable */
	vma->dirty = f ? dirty :
			 populate && (vma->prot & SCN_PROT_WRITE) &&
				     !(vma->flags & SCN_VMA_SHARED);

	place = scn_field(o, "placement");
	mark = scn_push_key(c, "placement");
	if (place && !populate)
		return scn_fail(c, "given, but \"populate\" is false");
	if (place) {
		if (load_placement(c, place, vma))
			return -1;
	} else if (populate) {
		if (default_placement(c, vma))
			return -1;
	}
	scn_pop(c, mark);
	return 0;
}

static int cmp_vma_start(const void *a, const void *b, void *arg)
{
	const struct scn_vma *v = arg;
	uint64_t x = v[*(const int *)a].start, y = v[*(const int *)b].start;

	return x < y ? -1 : x > y;
}

/* Sort indices by start without qsort_r (not C11) */
static void sort_by_start(int *idx, int n, const struct scn_vma *v)
{
	int i, j;

	for (i = 1; i < n; i++) {
		int k = idx[i];

		for (j = i;
		     j > 0 && cmp_vma_start(&idx[j - 1], &k, (void *)v) > 0;
		     j--)
			idx[j] = idx[j - 1];
		idx[j] = k;
	}
}

static int check_overlaps(struct ctx *c)
{
	struct scenario *s = c->s;
	int idx[SCN_MAX_VMAS], n = 0, i;
	unsigned int mm;
	char where[32];

	for (mm = 0; mm < s->nr_mms; mm++) {
		n = 0;
		for (i = 0; i < (int)s->nr_vmas; i++)
			if (s->vmas[i].mm == (int)mm)
				idx[n++] = i;
		sort_by_start(idx, n, s->vmas);
		for (i = 1; i < n; i++) {
			const struct scn_vma *a = &s->vmas[idx[i - 1]];
			const struct scn_vma *b = &s->vmas[idx[i]];
			const struct scn_vma *later =
				idx[i] > idx[i - 1] ? b : a;
			const struct scn_vma *other = later == b ? a : b;

			if (a->start + a->size <= b->start)
				continue;
			snprintf(where, sizeof(where), "vmas[%d]",
				 (int)(later - s->vmas));
			return scn_fail_at(
				c, where,
				"[0x%llx, 0x%llx) overlaps VMA %s [0x%llx, 0x%llx)",
				(unsigned long long)later->start,
				(unsigned long long)(later->start +
						     later->size),
				scn_qstr(c, other->name),
				(unsigned long long)other->start,
				(unsigned long long)(other->start +
						     other->size));
		}
	}
	return 0;
}

/* Pages each range puts on each node must fit the node's capacity */
static int check_capacity(struct ctx *c)
{
	struct scenario *s = c->s;
	uint64_t used[SCN_MAX_NODES] = { 0 };
	unsigned int i, j, k;
	char where[48];

	for (i = 0; i < s->nr_vmas; i++) {
		const struct scn_vma *v = &s->vmas[i];
		uint64_t g = scenario_vma_granule(v);

		for (j = 0; j < v->nr_ranges; j++) {
			const struct scn_range *r = &v->ranges[j];
			uint64_t nr = r->size / g;

			for (k = 0; k < r->nr_nodes; k++) {
				uint64_t folios = nr / r->nr_nodes +
						  (k < nr % r->nr_nodes);
				int node = r->nodes[k];

				used[node] += folios * (g / SCN_PAGE_SIZE);
				if (used[node] <= s->nodes[node].pages)
					continue;
				snprintf(where, sizeof(where),
					 "vmas[%u].placement", i);
				return scn_fail_at(
					c, where,
					"node %d is full: %llu pages placed there so far, capacity %llu",
					node, (unsigned long long)used[node],
					(unsigned long long)s->nodes[node]
						.pages);
			}
		}
	}
	return 0;
}

static int scn_load_vmas(struct ctx *c, json_object *v)
{
	struct scenario *s = c->s;
	uint64_t cursor[SCN_MAX_TASKS];
	size_t i, n;

	if (scn_as_array(c, v, "VMAs", 0, SCN_MAX_VMAS, &n))
		return -1;
	s->vmas = scn_zalloc(n, sizeof(*s->vmas));
	if (!s->vmas)
		return scn_oom(c);
	for (i = 0; i < SCN_MAX_TASKS; i++)
		cursor[i] = SCN_AUTO_BASE;
	for (i = 0; i < n; i++) {
		json_object *o = scn_elem(v, i);
		struct scn_vma *vma = &s->vmas[i];
		size_t mark = scn_push_idx(c, i);

		/* counted first, so scenario_free() sees its ranges */
		s->nr_vmas++;
		if (load_vma(c, o, vma, cursor))
			return -1;
		scn_pop(c, mark);
	}
	return check_overlaps(c) || check_capacity(c) ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* references from steps and expectations */

static int scn_rd_task(struct ctx *c, json_object *o, int *out)
{
	json_object *v = scn_field(o, "task");
	size_t mark = scn_push_key(c, "task");
	char name[SCN_NAME_MAX + 1];

	if (scn_as_name(c, v, SCN_NAME_MAX, name))
		return -1;
	*out = scenario_find_task(c->s, name);
	if (*out < 0)
		return scn_fail(c, "no task named %s", scn_qstr(c, name));
	scn_pop(c, mark);
	return 0;
}

static int scn_rd_vma(struct ctx *c, json_object *o, bool required, int *out)
{
	json_object *v = scn_field(o, "vma");
	size_t mark = scn_push_key(c, "vma");
	char name[SCN_NAME_MAX + 1];

	*out = -1;
	if (!v && !required) {
		scn_pop(c, mark);
		return 0;
	}
	if (scn_as_name(c, v, SCN_NAME_MAX, name))
		return -1;
	*out = scenario_find_vma(c->s, name);
	if (*out < 0)
		return scn_fail(c, "no VMA named %s", scn_qstr(c, name));
	scn_pop(c, mark);
	return 0;
}

/*
 * "offset" (default 0) and a length inside the VMA: "size" in bytes
 * (default: the rest of the VMA) or "pages" (default 1).
 */
static int scn_rd_span(struct ctx *c, json_object *o, const struct scn_vma *vma,
		       const char *len_key, uint64_t *off, uint64_t *len)
{
	bool pages = !strcmp(len_key, "pages");
	uint64_t n;
	int64_t np;
	size_t mark;

	if (scn_rd_bytes(c, o, "offset", false, 0, SCN_PAGE_SIZE, "", off))
		return -1;
	mark = scn_push_key(c, "offset");
	if (*off >= vma->size)
		return scn_fail(c, "%s is past the end of VMA %s (%s)",
				scn_human(c, *off), scn_qstr(c, vma->name),
				scn_human(c, vma->size));
	scn_pop(c, mark);
	if (pages) {
		if (scn_rd_int(c, o, "pages", false, 1, SCN_MAX_VMA_SIZE >> 12,
			       1, &np))
			return -1;
		n = np * SCN_PAGE_SIZE;
	} else {
		if (scn_rd_bytes(c, o, "size", false, vma->size - *off,
				 SCN_PAGE_SIZE, "", &n))
			return -1;
	}
	mark = scn_push_key(c, len_key);
	if (!n)
		return scn_fail(c, "is zero");
	if (*off + n > vma->size && pages)
		return scn_fail(
			c,
			"%llu pages from offset %s run past the end of VMA %s (%s)",
			(unsigned long long)(n / SCN_PAGE_SIZE),
			scn_human(c, *off), scn_qstr(c, vma->name),
			scn_human(c, vma->size));
	if (*off + n > vma->size)
		return scn_fail(
			c, "%s from offset %s runs past the end of VMA %s (%s)",
			scn_human(c, n), scn_human(c, *off),
			scn_qstr(c, vma->name), scn_human(c, vma->size));
	scn_pop(c, mark);
	*len = n;
	return 0;
}

/* ------------------------------------------------------------------ */
/* expectations */

static int load_pte_check(struct ctx *c, json_object *o,
			  struct scn_pte_check *p)
{
	static const char *const keys[] = { "vma",     "offset",   "pages",
					    "present", "protnone", "write",
					    "young",   "dirty",	   "node",
					    "huge",    NULL };
	static const char *const bools[] = { "present", "protnone", "write",
					     "young",	"dirty",    NULL,
					     "huge" };
	bool *vals[] = { &p->present, &p->protnone, &p->write, &p->young,
			 &p->dirty,   NULL,	    &p->huge };
	uint64_t len;
	int i;

	if (scn_check_object(c, o, "a pte check object", keys) ||
	    scn_rd_vma(c, o, true, &p->vma) ||
	    scn_rd_span(c, o, &c->s->vmas[p->vma], "pages", &p->offset, &len))
		return -1;
	p->pages = len / SCN_PAGE_SIZE;
	for (i = 0; i < 7; i++) {
		if (!bools[i] || !scn_field(o, bools[i]))
			continue;
		if (scn_rd_bool(c, o, bools[i], false, vals[i]))
			return -1;
		p->mask |= 1U << i;
	}
	p->node = -1;
	if (scn_field(o, "node")) {
		if (scn_rd_node(c, o, "node", true, &p->node))
			return -1;
		p->mask |= SCN_PTE_NODE;
	}
	if (!p->mask)
		return scn_fail(
			c,
			"checks nothing: give present, protnone, write, young, dirty, node or huge");
	if ((p->mask & SCN_PTE_PRESENT) && !p->present &&
	    (p->mask & ~SCN_PTE_PRESENT)) {
		for (i = 1; i < 7; i++)
			if (p->mask & (1U << i))
				break;
		scn_push_key(c, i == 5 ? "node" : bools[i]);
		/* pte_present() is true for protnone entries too */
		return scn_fail(
			c,
			"cannot be checked on a non-present entry (\"present\": false)");
	}
	return 0;
}

static int load_findings(struct ctx *c, json_object *v, struct scn_expect *e)
{
	size_t i, j, n;

	e->check_findings = true;
	if (scn_need(c, v))
		return -1;
	if (scn_is(v, json_type_int)) {
		if (json_object_get_int64(v) != 0)
			return scn_fail(
				c,
				"expected 0 or an array of finding names, got %s",
				scn_show(c, v));
		return 0;
	}
	if (!scn_is(v, json_type_array))
		return scn_fail(
			c, "expected 0 or an array of finding names, got %s",
			scn_jtype(v));
	if (scn_as_array(c, v, "finding names", 0, SCN_MAX_FINDINGS, &n))
		return -1;
	e->findings = scn_zalloc(n, sizeof(*e->findings));
	if (!e->findings)
		return scn_oom(c);
	for (i = 0; i < n; i++) {
		json_object *f = scn_elem(v, i);
		size_t mark = scn_push_idx(c, i), len;
		const char *s;

		if (scn_as_string(c, f, &s))
			return -1;
		len = json_object_get_string_len(f);
		for (j = 0; j < len; j++)
			if (!((s[j] >= 'a' && s[j] <= 'z') ||
			      (j && s[j] >= '0' && s[j] <= '9') ||
			      (j && s[j] == '_')))
				break;
		if (!len || j < len || len > SCN_NAME_MAX)
			return scn_fail(
				c,
				"%s is not a finding name (lower case: a-z, then a-z 0-9 _; at most %d)",
				scn_show(c, f), SCN_NAME_MAX);
		for (j = 0; j < i; j++)
			if (!strcmp(e->findings[j], s))
				return scn_fail(c, "%s is listed twice",
						scn_show(c, f));
		memcpy(e->findings[i], s, len + 1);
		e->nr_findings++;
		scn_pop(c, mark);
	}
	return 0;
}

static int load_vmstat(struct ctx *c, json_object *v, struct scn_expect *e)
{
	if (scn_need(c, v))
		return -1;
	if (!scn_is(v, json_type_object))
		return scn_fail(
			c,
			"expected an object of /proc/vmstat counters, got %s",
			scn_jtype(v));
	json_object_object_foreach(v, key, val) {
		size_t mark = scn_push_key(c, key);
		int i = scn_lookup_word(key, scn_vmstat_names, SCN_NR_VMSTAT);
		int64_t x;

		if (!val)
			val = JNULL;
		if (i < 0)
			return scn_fail(c, "unknown counter%s",
					scn_suggest(c, key, scn_vmstat_names,
						    SCN_NR_VMSTAT));
		if (scn_as_int(c, val, 0, 1LL << 53, &x))
			return -1;
		e->vmstat[i] = x;
		e->vmstat_mask |= 1U << i;
		scn_pop(c, mark);
	}
	return 0;
}

/* extra: keys besides the expect keys (an inline step has "op") */
static int scn_load_expect(struct ctx *c, json_object *o, bool step,
			   struct scn_expect **out)
{
	static const char *const keys[] = { "vmstat", "pte", "findings", NULL };
	static const char *const step_keys[] = { "op", "vmstat", "pte",
						 "findings", NULL };
	struct scn_expect *e;
	json_object *v;
	size_t mark, i, n;

	if (scn_check_object(c, o, "an object", step ? step_keys : keys))
		return -1;
	e = *out = scn_zalloc(1, sizeof(*e));
	if (!e)
		return scn_oom(c);
	v = scn_field(o, "vmstat");
	if (v) {
		mark = scn_push_key(c, "vmstat");
		if (load_vmstat(c, v, e))
			return -1;
		scn_pop(c, mark);
	}
	v = scn_field(o, "pte");
	if (v) {
		mark = scn_push_key(c, "pte");
		if (scn_as_array(c, v, "pte checks", 1, SCN_MAX_PTE_CHECKS, &n))
			return -1;
		e->ptes = scn_zalloc(n, sizeof(*e->ptes));
		if (!e->ptes)
			return scn_oom(c);
		for (i = 0; i < n; i++) {
			size_t m2 = scn_push_idx(c, i);

			if (load_pte_check(c, scn_elem(v, i), &e->ptes[i]))
				return -1;
			e->nr_ptes++;
			scn_pop(c, m2);
		}
		scn_pop(c, mark);
	}
	v = scn_field(o, "findings");
	if (v) {
		mark = scn_push_key(c, "findings");
		if (load_findings(c, v, e))
			return -1;
		scn_pop(c, mark);
	}
	if (!e->vmstat_mask && !e->nr_ptes && !e->check_findings)
		return scn_fail(
			c, "expects nothing: give vmstat, pte or findings");
	return 0;
}

static void scn_free_expect(struct scn_expect *e)
{
	if (!e)
		return;
	free(e->ptes);
	free(e->findings);
	free(e);
}

/* ------------------------------------------------------------------ */
/* steps */

static int load_step(struct ctx *c, json_object *o, struct scn_step *st);

static int step_task(const struct scn_step *st)
{
	if (st->op == SCN_OP_ACCESS)
		return st->access.task;
	if (st->op == SCN_OP_SCAN)
		return st->scan.task;
	return -1;
}

/*
 * {"op": "concurrently", "steps": [...]}: the steps start together, each
 * in its task's thread (one at most in the driver); the next step waits
 * for all of them.
 */
static int load_concurrently(struct ctx *c, json_object *o,
			     struct scn_step *st)
{
	static const char *const keys[] = { "op", "steps", NULL };
	json_object *v;
	size_t i, j, n, mark;
	int driver_steps = 0;

	if (scn_check_object(c, o, "a step object", keys))
		return -1;
	v = scn_field(o, "steps");
	if (scn_need(c, v))
		return -1;
	mark = scn_push_key(c, "steps");
	if (scn_as_array(c, v, "steps", 2, SCN_MAX_CONCURRENT, &n))
		return -1;
	st->concurrently.steps = scn_zalloc(n, sizeof(*st->concurrently.steps));
	if (!st->concurrently.steps)
		return scn_oom(c);
	for (i = 0; i < n; i++) {
		struct scn_step *sub = &st->concurrently.steps[i];
		size_t m = scn_push_idx(c, i);
		int t;

		st->concurrently.nr++;
		if (load_step(c, scn_elem(v, i), sub))
			return -1;
		if (sub->op == SCN_OP_EXPECT || sub->op == SCN_OP_CONCURRENTLY ||
		    sub->op == SCN_OP_DAMON_START ||
		    sub->op == SCN_OP_DAMON_STOP)
			return scn_fail(c, "%s cannot run concurrently",
					scn_op_names[sub->op]);
		t = step_task(sub);
		if (t < 0 && ++driver_steps > 1)
			return scn_fail(c,
					"only one step without a task can run "
					"concurrently (the scenario driver's)");
		for (j = 0; t >= 0 && j < i; j++)
			if (step_task(&st->concurrently.steps[j]) == t)
				return scn_fail(
					c, "task %s already has a step here",
					scn_qstr(c, c->s->tasks[t].name));
		scn_pop(c, m);
	}
	scn_pop(c, mark);
	return 0;
}

/*
 * "repeat" (default 1) and "every_us" (default 0) of an access: the
 * pages are touched repeat times, the task sleeping every_us after each
 * time, so the step lasts repeat * every_us and steps in a row keep the
 * period.  Repetitions need a period (back to back they would mostly
 * hit the TLB and mean nothing).
 */
static int rd_repeat(struct ctx *c, json_object *o, struct scn_step *st)
{
	int64_t x;

	if (scn_rd_int(c, o, "repeat", false, 1, SCN_MAX_REPEAT, 1, &x))
		return -1;
	st->access.repeat = x;
	if (x > 1 && !scn_field(o, "every_us"))
		return scn_push_key(c, "every_us"),
		       scn_fail(c,
				"required with \"repeat\" %lld: the sleep "
				"after each repetition, in microseconds",
				(long long)x);
	if (scn_rd_int(c, o, "every_us", false, 1, SCN_MAX_EVERY_US, 0, &x))
		return -1;
	st->access.every_us = x;
	if (st->access.repeat * st->access.every_us >
	    SCN_MAX_ADVANCE_MS * 1000)
		return scn_push_key(c, "every_us"),
		       scn_fail(c,
				"%u repetitions of %lld us last more than a "
				"virtual day",
				st->access.repeat, (long long)x);
	return 0;
}

/*
 * {"op": "damon_start", "ops": ..., "task": ..., "sample_us": ...}: the
 * attributes are checked as 6.12's damon_set_attrs() would (EINVAL), and
 * at most one kdamond runs at a time.
 */
static int load_damon_start(struct ctx *c, json_object *o,
			    struct scn_step *st)
{
	int w;
	int64_t x;

	if (c->damon_running)
		return scn_fail(c, "DAMON is already running (one kdamond at a "
				   "time: damon_stop it first)");
	if (scn_rd_word(c, o, "ops", true, "operations set",
			scn_damon_ops_names, SCN_NR_DAMON_OPS, 0, &w))
		return -1;
	st->damon_start.ops = w;
	st->damon_start.task = -1;
	if (w == SCN_DAMON_PADDR_FAULT || w == SCN_DAMON_PADDR) {
		if (scn_field(o, "task"))
			return scn_push_key(c, "task"),
			       scn_fail(c,
					"%s monitors physical memory: no task",
					scn_damon_ops_names[w]);
	} else {
		if (!scn_field(o, "task"))
			return scn_push_key(c, "task"),
			       scn_fail(c,
					"required: %s monitors a task's "
					"address space",
					scn_damon_ops_names[w]);
		if (scn_rd_task(c, o, &st->damon_start.task))
			return -1;
	}
	if (scn_rd_int(c, o, "sample_us", false, 1, SCN_MAX_DAMON_SAMPLE_US,
		       5000, &x))
		return -1;
	st->damon_start.sample_us = x;
	if (scn_rd_int(c, o, "aggr_us", false, 1, SCN_MAX_DAMON_AGGR_US, 100000,
		       &x))
		return -1;
	st->damon_start.aggr_us = x;
	if (st->damon_start.aggr_us < st->damon_start.sample_us) {
		return scn_push_key(c, "aggr_us"),
		       scn_fail(c,
				"%llu is less than sample_us %llu "
				"(damon_set_attrs(): EINVAL)",
				(unsigned long long)st->damon_start.aggr_us,
				(unsigned long long)st->damon_start.sample_us);
	}
	/* damon_set_attrs(): min_nr_regions < 3 is EINVAL */
	if (scn_rd_int(c, o, "min_nr_regions", false, 3, SCN_MAX_DAMON_REGIONS,
		       10, &x))
		return -1;
	st->damon_start.min_nr_regions = x;
	if (scn_rd_int(c, o, "max_nr_regions", false, 3, SCN_MAX_DAMON_REGIONS,
		       1000, &x))
		return -1;
	st->damon_start.max_nr_regions = x;
	if (st->damon_start.max_nr_regions < st->damon_start.min_nr_regions) {
		return scn_push_key(c, "max_nr_regions"),
		       scn_fail(c,
				"%u is less than min_nr_regions %u "
				"(damon_set_attrs(): EINVAL)",
				st->damon_start.max_nr_regions,
				st->damon_start.min_nr_regions);
	}
	c->damon_running = true;
	return 0;
}

static int load_step(struct ctx *c, json_object *o, struct scn_step *st)
{
	static const char *const keys[SCN_NR_OPS][10] = {
		[SCN_OP_ACCESS] = { "op", "task", "vma", "addr", "offset",
				    "pages", "write", "repeat", "every_us" },
		[SCN_OP_SCAN] = { "op", "task", "force" },
		[SCN_OP_SYSCTL] = { "op", "numa_balancing" },
		[SCN_OP_MPROTECT] = { "op", "vma", "offset", "size", "prot" },
		[SCN_OP_MADVISE] = { "op", "vma", "offset", "size", "advice" },
		[SCN_OP_SPLIT_THP] = { "op", "vma", "offset", "split" },
		[SCN_OP_ADVANCE] = { "op", "ms" },
		[SCN_OP_MIGRATE_FAIL] = { "op", "when", "count" },
		[SCN_OP_MOVE_TASK] = { "op", "task", "cpu" },
		[SCN_OP_DAMON_START] = { "op", "ops", "task", "sample_us",
					 "aggr_us", "min_nr_regions",
					 "max_nr_regions" },
		[SCN_OP_DAMON_STOP] = { "op" },
		[SCN_OP_DAMON_HINT] = { "op", "vma", "offset", "size" },
	};
	struct scenario *s = c->s;
	const struct scn_vma *vma;
	uint64_t len;
	json_object *f;
	size_t mark;
	int64_t x;
	int op, w;

	if (!scn_is(o, json_type_object))
		return scn_fail(c, "expected a step object, got %s",
				scn_jtype(o));
	if (scn_rd_word(c, o, "op", true, "op", scn_op_names,
			ARRAY_SIZE(scn_op_names), 0, &op))
		return -1;
	st->op = op;
	if (op == SCN_OP_EXPECT)
		return scn_load_expect(c, o, true, &st->expect);
	if (op == SCN_OP_CONCURRENTLY)
		return load_concurrently(c, o, st);
	if (scn_check_object(c, o, "a step object", keys[op]))
		return -1;

	switch (op) {
	case SCN_OP_ACCESS:
		if (scn_rd_task(c, o, &st->access.task) ||
		    scn_rd_vma(c, o, false, &st->access.vma) ||
		    scn_rd_bool(c, o, "write", false, &st->access.write) ||
		    rd_repeat(c, o, st))
			return -1;
		f = scn_field(o, "addr");
		if (!!f == (st->access.vma >= 0))
			return scn_fail(c, "give exactly one of vma, addr");
		if (f) {
			uint64_t addr;
			unsigned int i;
			int mm = s->tasks[st->access.task].mm;

			if (scn_field(o, "offset"))
				return scn_push_key(c, "offset"),
				       scn_fail(
					       c,
					       "goes with \"vma\"; \"addr\" is absolute");
			if (scn_rd_bytes(c, o, "addr", true, 0, SCN_PAGE_SIZE,
					 "", &addr))
				return -1;
			mark = scn_push_key(c, "addr");
			for (i = 0; i < s->nr_vmas; i++)
				if (s->vmas[i].mm == mm &&
				    addr >= s->vmas[i].start &&
				    addr < s->vmas[i].start + s->vmas[i].size)
					break;
			if (i == s->nr_vmas)
				return scn_fail(c,
						"0x%llx is in no VMA of mm %s",
						(unsigned long long)addr,
						scn_qstr(c, s->mms[mm].name));
			scn_pop(c, mark);
			st->access.vma = i;
			st->access.offset = addr - s->vmas[i].start;
			if (scn_rd_int(c, o, "pages", false, 1,
				       SCN_MAX_VMA_SIZE >> 12, 1, &x))
				return -1;
			mark = scn_push_key(c, "pages");
			vma = &s->vmas[i];
			if (st->access.offset + x * SCN_PAGE_SIZE > vma->size)
				return scn_fail(
					c,
					"%lld pages from 0x%llx run past the end of VMA %s (0x%llx)",
					(long long)x, (unsigned long long)addr,
					scn_qstr(c, vma->name),
					(unsigned long long)(vma->start +
							     vma->size));
			scn_pop(c, mark);
			st->access.pages = x;
			break;
		}
		vma = &s->vmas[st->access.vma];
		if (vma->mm != s->tasks[st->access.task].mm)
			return scn_push_key(c, "vma"),
			       scn_fail(
				       c,
				       "VMA %s is in mm %s, task %s uses mm %s",
				       scn_qstr(c, vma->name),
				       scn_qstr(c, s->mms[vma->mm].name),
				       scn_qstr(c,
						s->tasks[st->access.task].name),
				       scn_qstr(c,
						s->mms[s->tasks[st->access.task]
							       .mm]
							.name));
		if (scn_rd_span(c, o, vma, "pages", &st->access.offset, &len))
			return -1;
		st->access.pages = len / SCN_PAGE_SIZE;
		break;
	case SCN_OP_SCAN:
		if (scn_rd_task(c, o, &st->scan.task) ||
		    scn_rd_bool(c, o, "force", false, &st->scan.force))
			return -1;
		break;
	case SCN_OP_SYSCTL:
		if (scn_load_sysctl(c, o, true, &st->sysctl.numa_balancing))
			return -1;
		break;
	case SCN_OP_MPROTECT:
		if (scn_rd_vma(c, o, true, &st->mprotect.vma) ||
		    scn_rd_span(c, o, &s->vmas[st->mprotect.vma], "size",
				&st->mprotect.offset, &st->mprotect.size))
			return -1;
		mark = scn_push_key(c, "prot");
		if (scn_as_prot(c, scn_field(o, "prot"), &st->mprotect.prot))
			return -1;
		scn_pop(c, mark);
		break;
	case SCN_OP_MADVISE:
		if (scn_rd_vma(c, o, true, &st->madvise.vma) ||
		    scn_rd_span(c, o, &s->vmas[st->madvise.vma], "size",
				&st->madvise.offset, &st->madvise.size) ||
		    scn_rd_word(c, o, "advice", true, "advice", advice_names,
				ARRAY_SIZE(advice_names), 0, &w))
			return -1;
		st->madvise.advice = w;
		break;
	case SCN_OP_SPLIT_THP:
		if (scn_rd_vma(c, o, true, &st->split_thp.vma) ||
		    scn_rd_word(c, o, "split", false, "split", split_names,
				ARRAY_SIZE(split_names), 0, &w) ||
		    scn_rd_bytes(c, o, "offset", false, 0, SCN_PAGE_SIZE, "",
				 &st->split_thp.offset))
			return -1;
		st->split_thp.folio = w;
		vma = &s->vmas[st->split_thp.vma];
		mark = scn_push_key(c, "offset");
		if ((vma->start + st->split_thp.offset) % SCN_PMD_SIZE)
			return scn_fail(
				c,
				"0x%llx + %s is not 2M aligned: no PMD maps it",
				(unsigned long long)vma->start,
				scn_human(c, st->split_thp.offset));
		if (st->split_thp.offset + SCN_PMD_SIZE > vma->size)
			return scn_fail(
				c, "%s + 2M runs past the end of VMA %s (%s)",
				scn_human(c, st->split_thp.offset),
				scn_qstr(c, vma->name),
				scn_human(c, vma->size));
		scn_pop(c, mark);
		break;
	case SCN_OP_ADVANCE:
		if (scn_rd_int(c, o, "ms", true, 1, SCN_MAX_ADVANCE_MS, 0, &x))
			return -1;
		st->advance.ms = x;
		break;
	case SCN_OP_MIGRATE_FAIL:
		if (scn_rd_word(c, o, "when", true, "when", when_names,
				ARRAY_SIZE(when_names), 0, &w) ||
		    scn_rd_int(c, o, "count", false, 1, SCN_MAX_MIGRATE_FAIL, 1,
			       &x))
			return -1;
		st->migrate_fail.when = w;
		st->migrate_fail.count = x;
		break;
	case SCN_OP_MOVE_TASK:
		if (scn_rd_task(c, o, &st->move_task.task) ||
		    scn_rd_int(c, o, "cpu", true, 0, SCN_MAX_CPUS - 1, 0, &x))
			return -1;
		if (x >= s->nr_cpus)
			return scn_push_key(c, "cpu"),
			       scn_fail(
				       c,
				       "no cpu %lld (the machine has %u cpu%s)",
				       (long long)x, s->nr_cpus,
				       s->nr_cpus == 1 ? "" : "s");
		st->move_task.cpu = x;
		break;
	case SCN_OP_DAMON_START:
		if (load_damon_start(c, o, st))
			return -1;
		break;
	case SCN_OP_DAMON_HINT:
		if (scn_rd_vma(c, o, true, &st->damon_hint.vma) ||
		    scn_rd_span(c, o, &s->vmas[st->damon_hint.vma], "size",
				&st->damon_hint.offset, &st->damon_hint.size))
			return -1;
		break;
	case SCN_OP_DAMON_STOP:
		if (!c->damon_running)
			return scn_fail(c,
					"DAMON is not running (no damon_start "
					"before this step)");
		c->damon_running = false;
		break;
	}
	return 0;
}

static int scn_load_steps(struct ctx *c, json_object *v)
{
	struct scenario *s = c->s;
	size_t i, n;

	if (scn_as_array(c, v, "steps", 0, SCN_MAX_STEPS, &n))
		return -1;
	s->steps = scn_zalloc(n, sizeof(*s->steps));
	if (!s->steps)
		return scn_oom(c);
	for (i = 0; i < n; i++) {
		size_t mark = scn_push_idx(c, i);

		s->nr_steps++;
		if (load_step(c, scn_elem(v, i), &s->steps[i]))
			return -1;
		scn_pop(c, mark);
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* top level */

static int load_requires(struct ctx *c, json_object *v)
{
	struct scenario *s = c->s;
	size_t i, j, n;

	if (scn_as_array(c, v, "kernel config options", 0, SCN_MAX_REQUIRES,
			 &n))
		return -1;
	s->requires = scn_zalloc(n, sizeof(*s->requires));
	if (!s->requires)
		return scn_oom(c);
	for (i = 0; i < n; i++) {
		json_object *f = scn_elem(v, i);
		size_t mark = scn_push_idx(c, i), len;
		const char *str;

		if (scn_as_string(c, f, &str))
			return -1;
		len = json_object_get_string_len(f);
		for (j = 7; j < len; j++)
			if (!((str[j] >= 'A' && str[j] <= 'Z') ||
			      (str[j] >= '0' && str[j] <= '9') ||
			      str[j] == '_'))
				break;
		if (len <= 7 || len > SCN_CONFIG_MAX ||
		    strncmp(str, "CONFIG_", 7) || j < len)
			return scn_fail(
				c,
				"%s is not a kernel config option (CONFIG_ and A-Z 0-9 _)",
				scn_show(c, f));
		memcpy(s->requires[i], str, len + 1);
		s->nr_requires++;
		scn_pop(c, mark);
	}
	return 0;
}

static int load_top(struct ctx *c, json_object *root)
{
	static const char *const keys[] = { "faultsim_scenario",
					    "name",
					    "description",
					    "requires",
					    "machine",
					    "sysctl",
					    "tasks",
					    "vmas",
					    "steps",
					    "expect",
					    "params",
					    NULL };
	struct scenario *s = c->s;
	const char *str;
	json_object *v;
	size_t mark;
	int64_t ver;

	if (!scn_is(root, json_type_object))
		return scn_fail(c, "expected a scenario object, got %s",
				scn_jtype(root));
	/* the version first: a newer file's keys are not typos */
	if (scn_rd_int(c, root, "faultsim_scenario", true, 0, INT32_MAX, 0,
		       &ver))
		return -1;
	if (ver != SCN_FORMAT_VERSION)
		return scn_fail_at(
			c, "faultsim_scenario",
			"version %lld is not supported (this faultsim reads %d)",
			(long long)ver, SCN_FORMAT_VERSION);
	if (scn_check_object(c, root, "a scenario object", keys))
		return -1;

	mark = scn_push_key(c, "name");
	if (scn_as_name(c, scn_field(root, "name"), SCN_SCENARIO_NAME_MAX,
			s->name))
		return -1;
	scn_pop(c, mark);
	v = scn_field(root, "description");
	mark = scn_push_key(c, "description");
	str = "";
	if (v && scn_as_string(c, v, &str))
		return -1;
	if (strlen(str) > SCN_MAX_DESCRIPTION)
		return scn_fail(c, "longer than %d bytes", SCN_MAX_DESCRIPTION);
	s->description = strdup(str);
	if (!s->description)
		return scn_oom(c);
	scn_pop(c, mark);
	v = scn_field(root, "requires");
	if (v) {
		mark = scn_push_key(c, "requires");
		if (load_requires(c, v))
			return -1;
		scn_pop(c, mark);
	}

	mark = scn_push_key(c, "machine");
	if (scn_need(c, scn_field(root, "machine")) ||
	    scn_load_machine(c, scn_field(root, "machine")))
		return -1;
	scn_pop(c, mark);
	s->numa_balancing = SCN_NUMAB_BOOT_DEFAULT;
	v = scn_field(root, "sysctl");
	if (v) {
		mark = scn_push_key(c, "sysctl");
		if (scn_need(c, v) ||
		    scn_load_sysctl(c, v, false, &s->numa_balancing))
			return -1;
		scn_pop(c, mark);
	}
	mark = scn_push_key(c, "tasks");
	if (scn_load_tasks(c, scn_field(root, "tasks")))
		return -1;
	scn_pop(c, mark);
	v = scn_field(root, "vmas");
	if (v) {
		mark = scn_push_key(c, "vmas");
		if (scn_load_vmas(c, v))
			return -1;
		scn_pop(c, mark);
	}
	v = scn_field(root, "steps");
	if (v) {
		mark = scn_push_key(c, "steps");
		if (scn_load_steps(c, v))
			return -1;
		scn_pop(c, mark);
	}
	v = scn_field(root, "expect");
	if (v) {
		mark = scn_push_key(c, "expect");
		if (scn_need(c, v) || scn_load_expect(c, v, false, &s->expect))
			return -1;
		scn_pop(c, mark);
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* parameters: "params": {"pages": 4}; "$pages" anywhere takes its value */

#define SCN_MAX_OVERRIDES 16
static struct {
	char name[SCN_NAME_MAX + 1];
	char value[64];
} overrides[SCN_MAX_OVERRIDES];
static int nr_overrides;

int scenario_param_override(const char *assignment)
{
	const char *eq = strchr(assignment, '=');
	size_t n = eq ? (size_t)(eq - assignment) : 0;

	if (!eq || !n || n > SCN_NAME_MAX || strlen(eq + 1) >= 64 ||
	    !eq[1] || nr_overrides == SCN_MAX_OVERRIDES)
		return -1;
	memcpy(overrides[nr_overrides].name, assignment, n);
	overrides[nr_overrides].name[n] = '\0';
	snprintf(overrides[nr_overrides].value,
		 sizeof(overrides[0].value), "%s", eq + 1);
	nr_overrides++;
	return 0;
}

void scenario_param_overrides_clear(void)
{
	nr_overrides = 0;
}

void scenario_param_overrides_string(char *buf, size_t len)
{
	size_t used = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < nr_overrides && used < len; i++)
		used += snprintf(buf + used, len - used, "%s%s=%s",
				 i ? "," : "", overrides[i].name,
				 overrides[i].value);
}

static bool param_ref(const char *str)
{
	size_t i;

	if (str[0] != '$' || !str[1])
		return false;
	for (i = 1; str[i]; i++)
		if (!(str[i] == '_' || (str[i] >= 'a' && str[i] <= 'z') ||
		      (i > 1 && str[i] >= '0' && str[i] <= '9')))
			return false;
	return true;
}

/* Replaces every "$name" string under @v; the path in @c for errors. */
static int substitute(struct ctx *c, json_object *v, json_object *params)
{
	json_object *p;
	size_t i, n, mark;

	if (scn_is(v, json_type_object)) {
		json_object_object_foreach(v, key, val) {
			if (scn_is(val, json_type_string) &&
			    param_ref(json_object_get_string(val))) {
				mark = scn_push_key(c, key);
				if (!json_object_object_get_ex(params,
					json_object_get_string(val) + 1, &p))
					return scn_fail(
						c,
						"unknown parameter %s "
						"(not in \"params\")",
						json_object_get_string(val));
				scn_pop(c, mark);
				json_object_object_add(v, key,
						       json_object_get(p));
				continue;
			}
			mark = scn_push_key(c, key);
			if (substitute(c, val, params))
				return -1;
			scn_pop(c, mark);
		}
	} else if (scn_is(v, json_type_array)) {
		n = json_object_array_length(v);
		for (i = 0; i < n; i++) {
			json_object *e = json_object_array_get_idx(v, i);

			mark = scn_push_idx(c, i);
			if (scn_is(e, json_type_string) &&
			    param_ref(json_object_get_string(e))) {
				if (!json_object_object_get_ex(params,
					json_object_get_string(e) + 1, &p))
					return scn_fail(
						c,
						"unknown parameter %s "
						"(not in \"params\")",
						json_object_get_string(e));
				json_object_array_put_idx(v, i,
							  json_object_get(p));
			} else if (substitute(c, e, params)) {
				return -1;
			}
			scn_pop(c, mark);
		}
	}
	return 0;
}

/*
 * The scenario's parameters, with the overrides of the command line
 * (scenario_param_override()), put in place of their "$name" uses.
 */
static int scn_apply_params(struct ctx *c, json_object *root)
{
	json_object *params = NULL, *v;
	size_t mark;
	int i;

	if (scn_is(root, json_type_object))
		json_object_object_get_ex(root, "params", &params);
	if (params) {
		mark = scn_push_key(c, "params");
		if (!scn_is(params, json_type_object))
			return scn_fail(c,
					"expected an object of parameters, "
					"got %s",
					scn_jtype(params));
		json_object_object_foreach(params, key, val) {
			size_t m = scn_push_key(c, key);

			if (!scn_is(val, json_type_int) &&
			    !scn_is(val, json_type_string) &&
			    !scn_is(val, json_type_boolean))
				return scn_fail(c,
						"a parameter is an integer, a "
						"string or a boolean, got %s",
						scn_jtype(val));
			scn_pop(c, m);
		}
		scn_pop(c, mark);
	}
	mark = scn_push_key(c, "params");
	for (i = 0; i < nr_overrides; i++) {
		json_object *nv;

		if (!params || !json_object_object_get_ex(
				       params, overrides[i].name, &v))
			return scn_fail(c,
					"--param %s: the scenario has no such "
					"parameter",
					overrides[i].name);
		nv = json_tokener_parse(overrides[i].value);
		if (!nv || !json_object_is_type(nv, json_object_get_type(v))) {
			json_object_put(nv);
			nv = json_object_is_type(v, json_type_string) ?
				json_object_new_string(overrides[i].value) :
				NULL;
		}
		if (!nv)
			return scn_fail(c,
					"--param %s=%s: expected %s like the "
					"default",
					overrides[i].name, overrides[i].value,
					scn_jtype(v));
		json_object_object_add(params, overrides[i].name, nv);
	}
	scn_pop(c, mark);
	return params ? substitute(c, root, params) : 0;
}

int scenario_load_string(const char *text, size_t len, const char *name,
			 struct scenario **out, char *err, size_t err_len)
{
	struct ctx *c;
	struct json_strict_error jerr;
	json_object *root = NULL;
	int ret = -1;

	*out = NULL;
	if (err && err_len)
		err[0] = '\0';
	c = calloc(1, sizeof(*c));
	if (!c) {
		if (err && err_len)
			snprintf(err, err_len, "%s: out of memory", name);
		return -1;
	}
	c->file = name ? name : "(string)";
	c->err = err;
	c->err_len = err_len;

	root = json_parse_strict(text, len, "scenario", &jerr);
	if (!root) {
		scn_fail_at(c, jerr.where[0] ? jerr.where : NULL, "%s",
			    jerr.what);
		goto out;
	}

	if (scn_apply_params(c, root))
		goto out;
	c->s = calloc(1, sizeof(*c->s));
	if (!c->s) {
		scn_fail_at(c, NULL, "out of memory");
		goto out;
	}
	if (load_top(c, root)) {
		scenario_free(c->s);
		goto out;
	}
	*out = c->s;
	ret = 0;
out:
	json_object_put(root);
	free(c);
	return ret;
}

int scenario_load_file(const char *path, struct scenario **out, char *err,
		       size_t err_len)
{
	size_t cap = 65536, len = 0, n;
	char *buf = NULL, *nb;
	FILE *f;
	int ret;

	*out = NULL;
	f = fopen(path, "rb");
	if (!f) {
		snprintf(err, err_len, "%s: cannot open: %s", path,
			 strerror(errno));
		return -1;
	}
	for (;;) {
		nb = realloc(buf, cap);
		if (!nb) {
			snprintf(err, err_len, "%s: out of memory", path);
			goto fail;
		}
		buf = nb;
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (len > SCN_MAX_FILE_BYTES) {
			snprintf(err, err_len, "%s: larger than %u bytes", path,
				 SCN_MAX_FILE_BYTES);
			goto fail;
		}
		if (len < cap)
			break;
		cap *= 2;
	}
	if (ferror(f)) {
		snprintf(err, err_len, "%s: cannot read: %s", path,
			 strerror(errno));
		goto fail;
	}
	fclose(f);
	ret = scenario_load_string(buf, len, path, out, err, err_len);
	free(buf);
	return ret;
fail:
	fclose(f);
	free(buf);
	return -1;
}

void scenario_free(struct scenario *s)
{
	unsigned int i;

	if (!s)
		return;
	for (i = 0; i < s->nr_vmas; i++)
		free(s->vmas[i].ranges);
	for (i = 0; i < s->nr_steps; i++) {
		if (s->steps[i].op == SCN_OP_EXPECT)
			scn_free_expect(s->steps[i].expect);
		if (s->steps[i].op == SCN_OP_CONCURRENTLY) {
			struct scn_step *sub = s->steps[i].concurrently.steps;
			unsigned int j;

			/* a rejected nested expect was loaded before the check */
			for (j = 0; j < s->steps[i].concurrently.nr; j++)
				if (sub[j].op == SCN_OP_EXPECT)
					scn_free_expect(sub[j].expect);
			free(sub);
		}
	}
	scn_free_expect(s->expect);
	free(s->description);
	free(s->requires);
	free(s->nodes);
	free(s->cpus);
	free(s->tasks);
	free(s->mms);
	free(s->vmas);
	free(s->steps);
	free(s);
}

int scenario_vma_node(const struct scn_vma *v, uint64_t off)
{
	uint64_t g = scenario_vma_granule(v);
	unsigned int i;

	for (i = 0; i < v->nr_ranges; i++) {
		const struct scn_range *r = &v->ranges[i];

		if (off >= r->offset && off < r->offset + r->size)
			return r->nodes[((off - r->offset) / g) % r->nr_nodes];
	}
	return -1;
}

_Static_assert(offsetof(struct scn_task, name) == 0, "name first");
_Static_assert(offsetof(struct scn_vma, name) == 0, "name first");
_Static_assert(offsetof(struct scn_mm, name) == 0, "name first");

/* Index of the element of @base whose name (its first member) is @name */
static int find_named(const void *base, unsigned int nr, size_t stride,
		      const char *name)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (!strcmp((const char *)base + i * stride, name))
			return i;
	return -1;
}

int scenario_find_task(const struct scenario *s, const char *name)
{
	return find_named(s->tasks, s->nr_tasks, sizeof(*s->tasks), name);
}

int scenario_find_vma(const struct scenario *s, const char *name)
{
	return find_named(s->vmas, s->nr_vmas, sizeof(*s->vmas), name);
}

int scenario_find_mm(const struct scenario *s, const char *name)
{
	return find_named(s->mms, s->nr_mms, sizeof(*s->mms), name);
}
