// SPDX-License-Identifier: GPL-2.0-only
/* Strict JSON parsing for scenario and trace files; see json_strict.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>

#include "sim/json_strict.h"

static json_object *set_error(struct json_strict_error *err, const char *text,
			      size_t len, size_t off, const char *what)
{
	size_t i, line = 1;

	if (off > len)
		off = len;
	for (i = 0; i < off; i++)
		line += text[i] == '\n';
	snprintf(err->where, sizeof(err->where), "line %zu", line);
	snprintf(err->what, sizeof(err->what), "JSON syntax error: %s", what);
	return NULL;
}

json_object *json_parse_strict(const char *text, size_t len, const char *doc,
			       struct json_strict_error *err)
{
	char trailing[64];
	struct json_tokener *tok;
	json_object *root;
	const char *nul;
	size_t end;

	/* json-c stops at a NUL; say so rather than report garbage */
	nul = memchr(text, '\0', len);
	if (nul)
		return set_error(err, text, len, nul - text,
				 "NUL byte in input");
	tok = json_tokener_new_ex(JSON_TOKENER_DEFAULT_DEPTH);
	if (!tok) {
		err->where[0] = '\0';
		snprintf(err->what, sizeof(err->what), "out of memory");
		return NULL;
	}
	/* trailing text is checked below, with a clearer message */
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
					    JSON_TOKENER_ALLOW_TRAILING_CHARS |
					    JSON_TOKENER_VALIDATE_UTF8);
	root = json_tokener_parse_ex(tok, text, len);
	end = json_tokener_get_parse_end(tok);
	if (!root) {
		enum json_tokener_error e = json_tokener_get_error(tok);

		json_tokener_free(tok);
		if (e == json_tokener_continue || e == json_tokener_success)
			return set_error(err, text, len, end,
					 len ? "unexpected end of input" :
					       "empty input");
		return set_error(err, text, len, end,
				 json_tokener_error_desc(e));
	}
	json_tokener_free(tok);
	while (end < len && strchr(" \t\r\n", text[end]))
		end++;
	if (end < len) {
		json_object_put(root);
		snprintf(trailing, sizeof(trailing),
			 "unexpected text after the %s object", doc);
		return set_error(err, text, len, end, trailing);
	}
	return root;
}

const char *json_strict_type_name(json_object *v)
{
	switch (v ? json_object_get_type(v) : json_type_null) {
	case json_type_null:
		return "null";
	case json_type_boolean:
		return "a boolean";
	case json_type_double:
	case json_type_int:
		return "a number";
	case json_type_string:
		return "a string";
	case json_type_array:
		return "an array";
	case json_type_object:
		return "an object";
	}
	return "?";
}

/* Edit distance; short strings only */
static unsigned int distance(const char *a, const char *b)
{
	unsigned int d[33][33];
	size_t la = strlen(a), lb = strlen(b), i, j;

	if (la > 32 || lb > 32)
		return 99;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			unsigned int m =
				d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);

			if (d[i - 1][j] + 1 < m)
				m = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < m)
				m = d[i][j - 1] + 1;
			d[i][j] = m;
		}
	}
	return d[la][lb];
}

const char *json_strict_closest(const char *word, const char *const *names,
				size_t nr)
{
	const char *best = NULL;
	unsigned int bd = 3;
	size_t i;

	for (i = 0; i < nr && names[i]; i++) {
		unsigned int d = distance(word, names[i]);

		if (d < bd) {
			bd = d;
			best = names[i];
		}
	}
	return best;
}

/* one line, always: a file name may hold anything */
static void one_line(char *s)
{
	for (; s && *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = '?';
}

int json_strict_input_file(const char *path, size_t cap, const char *what,
			   char *err, size_t len)
{
	struct stat st;

	if (stat(path, &st))
		return 0;
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, len, "%s: not a regular file", path);
		one_line(len ? err : NULL);
		return -1;
	}
	/* before the read: json-c takes ten times the file's size */
	if (cap && (unsigned long long)st.st_size > cap) {
		snprintf(err, len, "%s: %lld bytes, larger than a %s may be "
			 "(%zu MiB)", path, (long long)st.st_size, what,
			 cap >> 20);
		one_line(len ? err : NULL);
		return -1;
	}
	return 0;
}

char *json_strict_read_file(const char *path, size_t cap, const char *what,
			    size_t *lenp, char *err, size_t len)
{
	size_t size = 65536, got = 0;
	char *buf = NULL, *nb;
	FILE *f;

	if (json_strict_input_file(path, cap, what, err, len))
		return NULL;
	f = fopen(path, "rb");
	if (!f) {
		snprintf(err, len, "%s: cannot open: %s", path, strerror(errno));
		goto fail_msg;
	}
	for (;;) {
		nb = realloc(buf, size);
		if (!nb) {
			snprintf(err, len, "%s: out of memory", path);
			goto fail;
		}
		buf = nb;
		got += fread(buf + got, 1, size - got, f);
		/* the size stat() saw may have grown since */
		if (got > cap) {
			snprintf(err, len, "%s: larger than a %s may be "
				 "(%zu MiB)", path, what, cap >> 20);
			goto fail;
		}
		if (got < size)
			break;
		size *= 2;
	}
	if (ferror(f)) {
		snprintf(err, len, "%s: cannot read: %s", path, strerror(errno));
		goto fail;
	}
	fclose(f);
	*lenp = got;
	return buf;
fail:
	fclose(f);
	free(buf);
fail_msg:
	one_line(len ? err : NULL);
	return NULL;
}

int json_strict_output_file(const char *path, char *err, size_t len)
{
	struct stat st;

	if (lstat(path, &st) || S_ISREG(st.st_mode))
		return 0;
	snprintf(err, len, "%s: not a regular file: not replaced", path);
	return -1;
}

bool json_strict_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	while (p < end) {
		unsigned int c = *p++, n, cp, min;

		if (c < 0x80)
			continue;
		if (c >= 0xc2 && c <= 0xdf)
			n = 1, cp = c & 0x1f, min = 0x80;
		else if (c >= 0xe0 && c <= 0xef)
			n = 2, cp = c & 0x0f, min = 0x800;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 3, cp = c & 0x07, min = 0x10000;
		else
			return false;
		if ((size_t)(end - p) < n)
			return false;
		for (; n; n--, p++) {
			if ((*p & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (*p & 0x3f);
		}
		/* no overlong forms, no surrogates, nothing past U+10FFFF */
		if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return false;
	}
	return true;
}
