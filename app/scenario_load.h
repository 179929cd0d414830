/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Private to the scenario loader (app/scenario_*.c, not the executor):
 * the state of one load, the errors (scenario_errors.c) and field
 * readers (scenario_fields.c) every section uses, and the section
 * loaders the top level calls.
 * The public API is app/scenario.h.
 *
 * Every reader returns 0, or -1 with the one-line error in place; on
 * error the path stays at the value that failed, which is what the
 * message names.
 */
#ifndef FAULTSIM_SCENARIO_LOAD_H
#define FAULTSIM_SCENARIO_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <json-c/json.h>
#include "app/scenario.h"

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
	unsigned int loop_depth;	/* loops around the step being read */
	uint64_t nr_listed;	/* step objects read so far, at any depth */
	/* rotating buffers for quoted user text in messages */
	char quote[NR_QUOTE][QUOTE_ROOM];
	int nq;
};

/* A JSON null, where a json-c getter would hand us NULL */
#define JNULL ((json_object *)-1)

/* errors: "<file>: <path or where>: <problem>"; both return -1 */
__attribute__((format(printf, 2, 3))) int scn_fail(struct ctx *c,
						   const char *fmt, ...);
__attribute__((format(printf, 3, 4))) int
scn_fail_at(struct ctx *c, const char *where, const char *fmt, ...);
int scn_oom(struct ctx *c);

/* text for messages, valid until NR_QUOTE more of them */
const char *scn_qstr(struct ctx *c, const char *s);
const char *scn_show(struct ctx *c, json_object *v);
const char *scn_human(struct ctx *c, uint64_t x);
const char *scn_suggest(struct ctx *c, const char *word,
			const char *const *names, size_t nr);
const char *scn_jtype(json_object *v);

/* the JSON path of the messages: push, check, pop back to the mark */
size_t scn_push_key(struct ctx *c, const char *key);
size_t scn_push_idx(struct ctx *c, size_t i);
void scn_pop(struct ctx *c, size_t mark);

/* json-c access that tells a null apart from a missing value */
bool scn_is(json_object *v, enum json_type t);
json_object *scn_elem(json_object *a, size_t i);
json_object *scn_field(json_object *o, const char *key);
int scn_need(struct ctx *c, json_object *v);
int scn_check_object(struct ctx *c, json_object *v, const char *what,
		     const char *const *keys);

/* What sizes and offsets of a VMA must be multiples of, for messages */
static inline const char *scn_granule_what(const struct scn_vma *vma)
{
	return vma->thp ? " (the THP size)" :
	       vma->folio_order ? " (the folio size)" : "";
}

void *scn_zalloc(size_t n, size_t size);
int scn_lookup_word(const char *word, const char *const *names, size_t nr);

/* values: as_* check a value, rd_* the field @key of object @o */
int scn_as_int(struct ctx *c, json_object *v, int64_t min, int64_t max,
	       int64_t *out);
int scn_as_string(struct ctx *c, json_object *v, const char **out);
int scn_as_name(struct ctx *c, json_object *v, size_t max, char *out);
int scn_as_word(struct ctx *c, json_object *v, const char *what,
		const char *const *names, size_t nr, int *out);
int scn_as_array(struct ctx *c, json_object *v, const char *what, size_t min,
		 size_t max, size_t *nr);
int scn_as_prot(struct ctx *c, json_object *v, unsigned int *out);
int scn_as_node_list(struct ctx *c, json_object *v, bool dups, size_t min,
		     unsigned char *nodes, unsigned int *nr, uint64_t *mask);
int scn_rd_bool(struct ctx *c, json_object *o, const char *key, bool def,
		bool *out);
int scn_rd_int(struct ctx *c, json_object *o, const char *key, bool required,
	       int64_t min, int64_t max, int64_t def, int64_t *out);
int scn_rd_bytes(struct ctx *c, json_object *o, const char *key, bool required,
		 uint64_t def, uint64_t align, const char *align_what,
		 uint64_t *out);
int scn_rd_word(struct ctx *c, json_object *o, const char *key, bool required,
		const char *what, const char *const *names, size_t nr, int def,
		int *out);
int scn_rd_node(struct ctx *c, json_object *o, const char *key, bool required,
		int *out);

/* references of steps and expectations, resolved to indices */
int scn_rd_task(struct ctx *c, json_object *o, int *out);
int scn_rd_vma(struct ctx *c, json_object *o, bool required, int *out);
int scn_rd_span(struct ctx *c, json_object *o, const struct scn_vma *vma,
		const char *len_key, uint64_t *off, uint64_t *len);

/* the sections, each in its file; the path is at the section's key */
int scn_apply_params(struct ctx *c, json_object *root);
int scn_load_machine(struct ctx *c, json_object *v);
int scn_load_sysctl(struct ctx *c, json_object *v, bool step,
		    struct scn_sysctl *out);
int scn_load_tasks(struct ctx *c, json_object *v);
/*
 * A memory policy: "mode", "nodes", "flags" of @v (which has other keys
 * unless @own_object).  @strict: an mbind step's, whose "flags" may also
 * hold "strict" (into *strict); NULL elsewhere.
 */
int scn_load_policy(struct ctx *c, json_object *v, bool own_object,
		    struct scn_policy *p, bool *strict);
int scn_load_vmas(struct ctx *c, json_object *v);
/* a VMA's "placement" (scenario_placement.c), or the default one */
int scn_load_placement(struct ctx *c, json_object *v, struct scn_vma *vma);
int scn_default_placement(struct ctx *c, struct scn_vma *vma);
int scn_load_steps(struct ctx *c, json_object *v);
int scn_load_expect(struct ctx *c, json_object *o, bool step,
		    struct scn_expect **out);
void scn_free_expect(struct scn_expect *e);

#endif /* FAULTSIM_SCENARIO_LOAD_H */
