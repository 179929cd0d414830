/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Strict JSON parsing shared by the scenario and trace loaders: one
 * object, valid UTF-8, no NUL bytes, nothing after it but white space.
 * Errors come back as a place and a reason so each loader can prefix
 * its own file name and keep its one-line error format.
 */
#ifndef FAULTSIM_JSON_STRICT_H
#define FAULTSIM_JSON_STRICT_H

#include <stdbool.h>
#include <stddef.h>
#include <json-c/json.h>

struct json_strict_error {
	char where[32]; /* "line N", or "" when no place applies */
	char what[96]; /* "JSON syntax error: NUL byte in input" */
};

/*
 * Parse @len bytes of @text.  @doc names the document in the trailing
 * text message ("scenario", "trace").  Returns the root object (caller
 * puts it) or NULL with @err filled.
 */
json_object *json_parse_strict(const char *text, size_t len, const char *doc,
			       struct json_strict_error *err);

/* "null", "a boolean", "a number", ... for "expected X, got Y" messages */
const char *json_strict_type_name(json_object *v);

/*
 * The entry of @names (ending at NULL or after @nr entries) closest to
 * @word within edit distance 2, for "did you mean"; NULL if none.
 */
const char *json_strict_closest(const char *word, const char *const *names,
				size_t nr);

/*
 * Before an input file is opened: 0 if @path is a regular file of at
 * most @cap bytes (0: any size), or does not exist (opening it says
 * so); else -1 and one line in @err: "<path>: not a regular file" (a
 * FIFO, /dev/zero or /dev/stdin would block or never end a read), or
 * "<path>: N bytes, larger than a <what> may be (M MiB)".
 */
int json_strict_input_file(const char *path, size_t cap, const char *what,
			   char *err, size_t len);

/*
 * The whole of @path, checked first by json_strict_input_file() and
 * held to @cap bytes while it is read (the file may have grown since):
 * malloc'd, its length in *@lenp.  NULL with one line in @err:
 * "<path>: cannot open: ...", "<path>: larger than a <what> may be
 * (N MiB)", "<path>: out of memory", "<path>: cannot read: ...".
 */
char *json_strict_read_file(const char *path, size_t cap, const char *what,
			    size_t *lenp, char *err, size_t len);

/*
 * Before a file is written by rename over @path: 0 if @path is missing
 * or a regular file; else -1 and "<path>: not a regular file: not
 * replaced" in @err (a rename would put a file in place of a device).
 */
int json_strict_output_file(const char *path, char *err, size_t len);

/*
 * Whether @len bytes of @s are UTF-8 (RFC 3629: no overlong forms, no
 * surrogates), as the reader's tokener takes them: a string a writer
 * puts in a JSON file must be, or the file does not read back.
 */
bool json_strict_utf8(const char *s, size_t len);

#endif
