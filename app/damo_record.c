// SPDX-License-Identifier: GPL-2.0-only
/*
 * damo's record format (damo commit df6d55fa, src/_damo_records.py and
 * src/_damon.py, the to_kvpairs(raw=True) methods): a JSON list of
 * records, one per monitoring target, each with the intervals in us and
 * its snapshots; a snapshot's times in ns, its regions with start, end,
 * nr_accesses in samples and age in aggregation intervals.
 * tests/fixtures/damo/ pins the members damo reads.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "app/cli_args.h"
#include "app/cli_results.h"
#include "app/damo_record.h"

static json_object *region_json(const struct synth_region *r)
{
	json_object *o = json_object_new_object(), *acc, *age;
	int bad = !o;

	if (bad)
		return NULL;
	acc = json_object_new_object();
	if (acc) {
		bad |= results_add(acc, "samples",
				   json_object_new_uint64(r->nr_accesses));
		bad |= json_object_object_add(acc, "percent", NULL);
	}
	age = json_object_new_object();
	if (age) {
		bad |= json_object_object_add(age, "usec", NULL);
		bad |= results_add(age, "aggr_intervals",
				   json_object_new_uint64(r->age));
	}
	bad |= results_add(o, "start", json_object_new_uint64(r->start));
	bad |= results_add(o, "end", json_object_new_uint64(r->end));
	bad |= results_add(o, "nr_accesses", acc);
	bad |= results_add(o, "age", age);
	bad |= results_add(o, "probe_hits", json_object_new_array());
	bad |= results_add(o, "sz_filter_passed", json_object_new_int(0));
	if (bad) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

/* a snapshot covers the aggregation interval that ends at its time */
static json_object *snapshot_json(const struct synth_snapshot *s,
				  uint64_t start_ns)
{
	json_object *o = json_object_new_object(), *regions;
	uint64_t total = 0;
	int bad = !o, i;

	if (bad)
		return NULL;
	regions = json_object_new_array_ext(s->nr_regions);
	for (i = 0; regions && i < s->nr_regions; i++) {
		bad |= json_object_array_add(regions,
					     region_json(&s->regions[i]));
		total += s->regions[i].end - s->regions[i].start;
	}
	bad |= results_add(o, "start_time", json_object_new_uint64(start_ns));
	bad |= results_add(o, "end_time", json_object_new_uint64(s->time_ns));
	bad |= results_add(o, "regions", regions);
	bad |= results_add(o, "total_bytes", json_object_new_uint64(total));
	bad |= json_object_object_add(o, "damos_stats", NULL);
	bad |= json_object_object_add(o, "sample_interval_us", NULL);
	if (bad) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

/* 6.12 has no intervals auto-tuning: damo's "disabled" goal (aggrs 0) */
static json_object *goal_json(void)
{
	json_object *o = json_object_new_object();
	int bad = !o;

	if (bad)
		return NULL;
	bad |= results_add(o, "access_bp", json_object_new_int(0));
	bad |= results_add(o, "aggrs", json_object_new_int(0));
	bad |= results_add(o, "min_sample_us", json_object_new_int(0));
	bad |= results_add(o, "max_sample_us", json_object_new_int(0));
	if (bad) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

json_object *damo_record_json(const struct synth_params *p,
			      const struct synth_record *rec)
{
	json_object *list = json_object_new_array(), *r, *iv, *snaps;
	uint64_t aggr_ns = (uint64_t)p->aggr_us * 1000, start;
	int bad = !list, i;

	if (bad)
		return NULL;
	r = json_object_new_object();
	iv = json_object_new_object();
	snaps = json_object_new_array_ext(rec->nr_snapshots);
	bad |= !r || json_object_array_add(list, r);
	if (bad) {
		json_object_put(r);
		json_object_put(iv);
		json_object_put(snaps);
		json_object_put(list);
		return NULL;
	}
	if (iv) {
		bad |= results_add(iv, "sample_us",
				   json_object_new_uint64(p->sample_us));
		bad |= results_add(iv, "aggr_us",
				   json_object_new_uint64(p->aggr_us));
		bad |= results_add(iv, "ops_update_us",
				   json_object_new_uint64(p->ops_update_us));
		bad |= results_add(iv, "intervals_goal", goal_json());
	}
	for (i = 0; snaps && i < rec->nr_snapshots; i++) {
		uint64_t end = rec->snapshots[i].time_ns;

		start = i	      ? rec->snapshots[i - 1].time_ns :
			end > aggr_ns ? end - aggr_ns :
					0;
		bad |= json_object_array_add(
			snaps, snapshot_json(&rec->snapshots[i], start));
	}
	bad |= results_add(r, "kdamond_idx", json_object_new_int(0));
	bad |= results_add(r, "context_idx", json_object_new_int(0));
	bad |= results_add(r, "intervals", iv);
	bad |= json_object_object_add(r, "scheme_idx", NULL);
	bad |= results_add(r, "target_id", json_object_new_int(0));
	bad |= results_add(r, "scheme_filters", json_object_new_array());
	bad |= results_add(r, "snapshots", snaps);
	bad |= results_add(r, "data_source", json_object_new_string("unknown"));
	if (bad) {
		json_object_put(list);
		return NULL;
	}
	return list;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n >= m && !strcmp(s + n - m, tail);
}

int damo_record_write(const char *path, const struct synth_params *p,
		      const struct synth_record *rec)
{
	json_object *o = damo_record_json(p, rec);
	const char *text;
	unsigned char *z = NULL;
	const void *buf;
	uLongf zlen;
	size_t len;
	bool written;
	FILE *f;
	int ret = EXIT_USAGE;

	if (!o)
		return cli_usage_error("out of memory for the damo record");
	text = json_object_to_json_string_ext(
		o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE);
	buf = text;
	len = strlen(text);
	if (!ends_with(path, ".json")) {
		zlen = compressBound(len);
		z = malloc(zlen);
		if (!z ||
		    compress(z, &zlen, (const Bytef *)text, len) != Z_OK) {
			cli_usage_error("cannot compress the damo record");
			goto out;
		}
		buf = z;
		len = zlen;
	}
	f = fopen(path, "wb");
	if (!f) {
		cli_usage_error("cannot write %s: %m", path);
		goto out;
	}
	written = fwrite(buf, 1, len, f) == len;
	if (fclose(f) || !written) {
		cli_usage_error("cannot write %s", path);
		goto out;
	}
	ret = 0;
out:
	free(z);
	json_object_put(o);
	return ret;
}
