// SPDX-License-Identifier: GPL-2.0-only
/*
 * The scenario loader's field readers (app/scenario_load.h): the checks
 * of each kind of value: booleans, integers, byte counts, names, words
 * from a list, arrays, protections, node ids, and the references of
 * steps and expectations to tasks and VMAs.  Their errors are made in
 * scenario_errors.c.
 *
 * A field reader pushes the key, checks, pops; on error the path stays
 * at the field, which is what the message names.
 */
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "app/scenario_load.h"

bool scn_is(json_object *v, enum json_type t)
{
	return v && v != JNULL && json_object_is_type(v, t);
}

/* Element i of an array; JNULL for a null element */
json_object *scn_elem(json_object *a, size_t i)
{
	json_object *v = json_object_array_get_idx(a, i);

	return v ? v : JNULL;
}

void *scn_zalloc(size_t n, size_t size)
{
	return calloc(n ? n : 1, size);
}

/* Index of word in names, or -1 */
int scn_lookup_word(const char *word, const char *const *names, size_t nr)
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
int scn_check_object(struct ctx *c, json_object *v, const char *what,
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

json_object *scn_field(json_object *o, const char *key)
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
int scn_need(struct ctx *c, json_object *v)
{
	if (!v)
		return scn_fail(c, "required");
	if (v == JNULL)
		return scn_fail(c, "null is not allowed here");
	return 0;
}

int scn_rd_bool(struct ctx *c, json_object *o, const char *key, bool def,
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
int scn_as_int(struct ctx *c, json_object *v, int64_t min, int64_t max,
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

int scn_rd_int(struct ctx *c, json_object *o, const char *key, bool required,
	       int64_t min, int64_t max, int64_t def, int64_t *out)
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

/*
 * A byte field that must be a multiple of align; as the user wrote it in
 * the message, so "3K" stays "3K".
 */
int scn_rd_bytes(struct ctx *c, json_object *o, const char *key, bool required,
		 uint64_t def, uint64_t align, const char *align_what,
		 uint64_t *out)
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

int scn_as_string(struct ctx *c, json_object *v, const char **out)
{
	if (scn_need(c, v))
		return -1;
	if (!scn_is(v, json_type_string))
		return scn_fail(c, "expected a string, got %s", scn_jtype(v));
	*out = json_object_get_string(v);
	return 0;
}

/* A name: 1..max of [A-Za-z0-9_.-] */
int scn_as_name(struct ctx *c, json_object *v, size_t max, char *out)
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
int scn_as_word(struct ctx *c, json_object *v, const char *what,
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

int scn_rd_word(struct ctx *c, json_object *o, const char *key, bool required,
		const char *what, const char *const *names, size_t nr, int def,
		int *out)
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

int scn_as_array(struct ctx *c, json_object *v, const char *what, size_t min,
		 size_t max, size_t *nr)
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
int scn_as_prot(struct ctx *c, json_object *v, unsigned int *out)
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
int scn_as_node_list(struct ctx *c, json_object *v, bool dups, size_t min,
		     unsigned char *nodes, unsigned int *nr, uint64_t *mask)
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

int scn_rd_node(struct ctx *c, json_object *o, const char *key, bool required,
		int *out)
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

int scn_rd_task(struct ctx *c, json_object *o, int *out)
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

int scn_rd_vma(struct ctx *c, json_object *o, bool required, int *out)
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
int scn_rd_span(struct ctx *c, json_object *o, const struct scn_vma *vma,
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
