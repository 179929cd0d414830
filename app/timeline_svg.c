// SPDX-License-Identifier: GPL-2.0-only
/*
 * A replay's schedule as plain SVG (no script, no external font): one
 * lane per simulated thread, labelled with its CPU; each scheduling
 * point a mark coloured by kind, in run order along x, its kernel
 * function written where a thread starts running, its object and the
 * entry before/after in the mark's <title>; NUMA-hint stores ringed;
 * the finding a red rule at the end.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "app/svg.h"
#include "app/timeline.h"

#define LEFT 190	/* the lane labels */
#define TOP 46
#define LANE 34
#define MARK 12

static const char *colour(enum sim_point_kind kind)
{
	static const char *const by_kind[NR_SIM_POINT_KINDS] = {
		[SIM_PT_LOCK] = "#1f77b4",	[SIM_PT_UNLOCK] = "#aec7e8",
		[SIM_PT_ATOMIC] = "#9467bd",	[SIM_PT_PT_LOAD] = "#2ca02c",
		[SIM_PT_PT_STORE] = "#ff7f0e",
	};

	/* the other kinds (yield, hw_ad, tlb, ...) in grey */
	return by_kind[kind] ? by_kind[kind] : "#7f7f7f";
}

/* lanes: the threads in order of first appearance */
static int lane_of(const int *tids, int nr, int tid)
{
	int i;

	for (i = 0; i < nr; i++)
		if (tids[i] == tid)
			return i;
	return -1;
}

int timeline_write_svg(const struct timeline *tl, const char *path,
		       char *err, size_t len)
{
	static const enum sim_point_kind legend[] = {
		SIM_PT_LOCK, SIM_PT_UNLOCK, SIM_PT_ATOMIC, SIM_PT_PT_LOAD,
		SIM_PT_PT_STORE, SIM_PT_YIELD };
	int tids[256], nr = 0, lane, prev = -1;
	double px, x, last_label[256], last_hint[256];
	size_t i, k;
	FILE *f;
	int w, h;

	for (i = 0; i < tl->nr && nr < 256; i++)
		if (lane_of(tids, nr, tl->ev[i].tid) < 0)
			tids[nr++] = tl->ev[i].tid;
	/* wide enough to read a short replay, bounded for a long one */
	px = tl->nr > 2000 ? 16000.0 / tl->nr : 8;
	w = LEFT + (int)(px * tl->nr) + 220;
	h = TOP + nr * LANE + 60;
	f = fopen(path, "w");
	if (!f) {
		snprintf(err, len, "%s: cannot write the timeline: %s", path,
			 strerror(errno));
		return -1;
	}
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
		"height=\"%d\" viewBox=\"0 0 %d %d\" "
		"font-family=\"monospace\" font-size=\"10\">\n", w, h, w, h);
	fputs("<title>faultsim schedule timeline: ", f);
	svg_text(f, tl->title);
	fputs("</title>\n<rect width=\"100%\" height=\"100%\" "
	      "fill=\"white\"/>\n<text x=\"8\" y=\"16\" font-size=\"13\">", f);
	svg_text(f, tl->title);
	fprintf(f, " — %zu scheduling points, one column each</text>\n",
		tl->nr);
	for (lane = 0; lane < nr; lane++) {
		for (i = 0; i < tl->nr && tl->ev[i].tid != tids[lane]; i++)
			;
		fprintf(f, "<g class=\"lane\" data-tid=\"%d\">\n"
			"<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\" "
			"fill=\"%s\"/>\n<text x=\"8\" y=\"%d\" "
			"font-size=\"12\">", tids[lane], TOP + lane * LANE, w,
			LANE, lane % 2 ? "#f4f4f4" : "#ffffff",
			TOP + lane * LANE + 21);
		svg_text(f, tl->ev[i].thread);
		fprintf(f, " [cpu%d]</text>\n</g>\n", tl->ev[i].cpu);
		last_label[lane] = last_hint[lane] = -1e9;
	}
	for (i = 0; i < tl->nr; i++) {
		const struct timeline_event *e = &tl->ev[i];
		int y;

		lane = lane_of(tids, nr, e->tid);
		if (lane < 0)
			continue;
		x = LEFT + px * i;
		y = TOP + lane * LANE + (LANE - MARK) / 2;
		fprintf(f, "<rect class=\"point\" x=\"%.2f\" y=\"%d\" "
			"width=\"%.2f\" height=\"%d\" fill=\"%s\"><title>",
			x, y, px > 2 ? px - 1 : px, MARK, colour(e->kind));
		fprintf(f, "#%u %" PRIu64 " ns cpu%d ", e->step, e->ns,
			e->cpu);
		svg_text(f, e->fn);
		fprintf(f, ": %s ", sim_point_kind_name(e->kind));
		svg_text(f, e->obj);
		if (e->entry)
			fprintf(f, " before=0x%" PRIx64, e->before);
		if (e->stored)
			fprintf(f, " after=0x%" PRIx64, e->after);
		if (e->hint)
			fputs(" (NUMA hint)", f);
		fputs("</title></rect>\n", f);
		if (e->hint)
			fprintf(f, "<circle class=\"hint\" cx=\"%.2f\" cy=\"%d\""
				" r=\"%d\" fill=\"none\" stroke=\"#d62728\" "
				"stroke-width=\"1.5\"/>\n", x + px / 2,
				y + MARK / 2, MARK);
		/* before->after under a hint store, where it does not overlap */
		if (e->hint && x - last_hint[lane] > 150) {
			fprintf(f, "<text x=\"%.2f\" y=\"%d\" font-size=\"8\" "
				"fill=\"#d62728\">0x%" PRIx64 "→0x%" PRIx64
				"</text>\n", x, y + MARK + 9, e->before,
				e->after);
			last_hint[lane] = x;
		}
		/* the function where the thread (re)starts, if room */
		if (e->tid != prev && x - last_label[lane] > 90) {
			fprintf(f, "<text class=\"fn\" x=\"%.2f\" y=\"%d\" "
				"font-size=\"9\">", x, y - 2);
			svg_text(f, e->fn);
			fputs("</text>\n", f);
			last_label[lane] = x;
		}
		prev = e->tid;
	}
	if (tl->finding[0]) {
		x = LEFT + px * tl->nr + 2;
		fprintf(f, "<g class=\"finding\"><line x1=\"%.2f\" y1=\"%d\" "
			"x2=\"%.2f\" y2=\"%d\" stroke=\"#d62728\" "
			"stroke-width=\"2\"/>\n<text x=\"8\" y=\"34\" "
			"fill=\"#d62728\">finding: ", x, TOP - 4, x,
			TOP + nr * LANE);
		svg_text(f, tl->finding);
		fputs("</text></g>\n", f);
	}
	x = 8;
	for (k = 0; k < sizeof(legend) / sizeof(legend[0]); k++) {
		fprintf(f, "<rect x=\"%.0f\" y=\"%d\" width=\"10\" "
			"height=\"10\" fill=\"%s\"/><text x=\"%.0f\" y=\"%d\">"
			"%s</text>\n", x, TOP + nr * LANE + 16,
			colour(legend[k]), x + 14, TOP + nr * LANE + 25,
			sim_point_kind_name(legend[k]));
		x += 90;
	}
	fprintf(f, "<circle cx=\"%.0f\" cy=\"%d\" r=\"6\" fill=\"none\" "
		"stroke=\"#d62728\"/><text x=\"%.0f\" y=\"%d\">NUMA-hint "
		"store (before→after)</text>\n</svg>\n", x + 5,
		TOP + nr * LANE + 21, x + 14, TOP + nr * LANE + 25);
	/* both, always: the file is closed even after an error */
	if (ferror(f) | fclose(f)) {
		snprintf(err, len, "%s: cannot write the timeline", path);
		return -1;
	}
	return 0;
}
