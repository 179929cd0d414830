/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Plain SVG charts written into a FILE* (docs/outputs.md): a heatmap of
 * rectangles and a stacked bar chart, each a <g> placed in a document
 * svg_begin() opened, so a page may put several side by side.  Every
 * datum is one element with its value in data-* attributes, for tests
 * and for a reader's hover (a <title>).
 */
#ifndef FAULTSIM_APP_SVG_H
#define FAULTSIM_APP_SVG_H

#include <stdint.h>
#include <stddef.h>
#include <stdio.h>

/* one rectangle of a heatmap: x (time) and y (address) ranges, a value */
struct svg_cell {
	double x0, x1;
	uint64_t y0, y1;
	double v;
};

/* an address range the y axis shows; the gaps between them are cut */
struct svg_yseg {
	uint64_t start, end;
};

struct svg_heatmap {
	const char *id, *title;
	const char *xlabel, *ylabel;
	double xmin, xmax; /* the x axis */
	uint64_t ymin, ymax; /* the y axis (addresses) */
	double vmax; /* the value drawn darkest */
	/* if any: the y axis is these ranges, sorted, stacked, gaps cut */
	const struct svg_yseg *segs;
	int nr_segs;
	const struct svg_cell *cells;
	size_t nr_cells;
};

/* one stack of a bar chart: a name, a colour, a value per bar */
struct svg_series {
	const char *name, *colour;
	const double *vals;
};

struct svg_bars {
	const char *id, *title, *ylabel;
	const char *const *labels; /* a label per bar */
	int nr_bars;
	const struct svg_series *series;
	int nr_series;
};

/* the <svg> element of @width x @height (px) and its stylesheet */
void svg_begin(FILE *f, int width, int height, const char *title);
void svg_end(FILE *f);
/* @h as a <g id=@h->id> at (@x, @y), @w x @ht px including its axes */
void svg_heatmap(FILE *f, int x, int y, int w, int ht,
		 const struct svg_heatmap *h);
/* @b as a <g id=@b->id>: a stacked bar per label, a legend */
void svg_stacked_bars(FILE *f, int x, int y, int w, int ht,
		      const struct svg_bars *b);
/*
 * @s with &, <, >, " escaped and the control characters XML 1.0 has not
 * left out: text or an attribute's value in SVG, XML or HTML
 */
void svg_text(FILE *f, const char *s);
/* the same for at most @n bytes of @s */
void svg_text_n(FILE *f, const char *s, size_t n);

#endif
