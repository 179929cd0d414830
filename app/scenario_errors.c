// SPDX-License-Identifier: GPL-2.0-only
/*
 * The scenario loader's errors (app/scenario_load.h): one line, "<file>:
 * <JSON path>: <problem>", the path kept as the readers descend, and
 * user text quoted, escaped and cut short in the message; "did you
 * mean" for a word that is not one of the list.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <json-c/json.h>
#include "sim/json_strict.h"
#include "app/scenario_load.h"

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

int scn_fail(struct ctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	put_err(c, c->plen ? c->path : "top level", fmt, ap);
	va_end(ap);
	return -1;
}

int scn_fail_at(struct ctx *c, const char *where, const char *fmt, ...)
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

const char *scn_qstr(struct ctx *c, const char *s)
{
	return quote(c, s, strlen(s));
}

const char *scn_jtype(json_object *v)
{
	return json_strict_type_name(v == JNULL ? NULL : v);
}

/* A value as the user wrote it, for messages */
const char *scn_show(struct ctx *c, json_object *v)
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

size_t scn_push_key(struct ctx *c, const char *key)
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

size_t scn_push_idx(struct ctx *c, size_t i)
{
	size_t mark = c->plen;

	c->plen += snprintf(c->path + c->plen, sizeof(c->path) - c->plen,
			    "[%zu]", i);
	if (c->plen >= sizeof(c->path))
		c->plen = sizeof(c->path) - 1;
	return mark;
}

void scn_pop(struct ctx *c, size_t mark)
{
	c->plen = mark;
	c->path[mark] = '\0';
}

int scn_oom(struct ctx *c)
{
	return scn_fail(c, "out of memory");
}

/*
 * "; did you mean "x"?" or "(one of: a, b, c)" for an unknown word;
 * names ends with NULL or after nr entries.
 */
const char *scn_suggest(struct ctx *c, const char *word,
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

/* "2M" style rendering of a byte count, for messages */
const char *scn_human(struct ctx *c, uint64_t x)
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
