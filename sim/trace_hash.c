// SPDX-License-Identifier: GPL-2.0-only
/*
 * The event-log hash of a run (docs/traces.md): FNV-1a 64 over each
 * scheduling event, with objects and their classes numbered in
 * first-seen order so that no host address enters it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uthash.h>
#include <kshim/sim.h>
#include "sim/trace.h"

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

struct obj_ent {
	const void *key;
	uint64_t idx;
	UT_hash_handle hh;
};

/* objects and classes are numbered separately */
static struct obj_ent *objs, *classes;
static uint64_t nr_objs, nr_classes;

static uint64_t map_index(struct obj_ent **map, uint64_t *nr, const void *p)
{
	struct obj_ent *e;

	if (!p)
		return SIM_TRACE_NO_OBJ;
	HASH_FIND_PTR(*map, &p, e);
	if (e)
		return e->idx;
	e = malloc(sizeof(*e));
	if (!e)
		sim_out_of_memory("the trace's object map");
	e->key = p;
	e->idx = (*nr)++;
	HASH_ADD_PTR(*map, key, e);
	return e->idx;
}

static void map_clear(struct obj_ent **map, uint64_t *nr)
{
	struct obj_ent *e, *tmp;

	HASH_ITER(hh, *map, e, tmp) {
		HASH_DEL(*map, e);
		free(e);
	}
	*nr = 0;
}

uint64_t sim_trace_obj_index(const void *obj)
{
	return map_index(&objs, &nr_objs, obj);
}

void sim_trace_objmap_reset(void)
{
	map_clear(&objs, &nr_objs);
	map_clear(&classes, &nr_classes);
}

void sim_trace_hash_init(uint64_t *h)
{
	*h = FNV_OFFSET;
}

static void fnv_u64(uint64_t *h, uint64_t x, int bytes)
{
	int i;

	for (i = 0; i < bytes; i++) {
		*h ^= (x >> (8 * i)) & 0xff;
		*h *= FNV_PRIME;
	}
}

void sim_trace_hash_event(uint64_t *h, int tid, int kind,
			  const void *obj_class, uint64_t value)
{
	fnv_u64(h, (uint32_t)tid, 4);
	fnv_u64(h, (uint32_t)kind, 4);
	fnv_u64(h, map_index(&classes, &nr_classes, obj_class), 8);
	fnv_u64(h, value, 8);
}

/* one word: xor, the FNV prime's multiply, then the high bits folded down */
static void mix_word(uint64_t *h, uint64_t w)
{
	*h = (*h ^ w) * FNV_PRIME;
	*h ^= *h >> 29;
}

void sim_trace_hash_bytes(uint64_t *h, const void *p, size_t len)
{
	const unsigned char *b = p;
	size_t left = len;
	uint64_t w;

	for (; left >= sizeof(w); left -= sizeof(w), b += sizeof(w)) {
		memcpy(&w, b, sizeof(w));
		mix_word(h, w);
	}
	if (left) {
		w = 0;
		memcpy(&w, b, left);
		mix_word(h, w);
	}
	/* "ab" and "ab\0" differ */
	mix_word(h, len);
}
