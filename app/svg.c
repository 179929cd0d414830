// SPDX-License-Identifier: GPL-2.0-only
/*
 * Plain SVG charts (app/svg.h): written by hand, no library, so that
 * any browser opens them from file:// and tests read them as XML.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include "app/svg.h"

#define MARGIN_L 90 /* room for the y labels */
#define MARGIN_B 36 /* room for the x labels */
#define MARGIN_T 22 /* the title */

void svg_text_n(FILE *f, const char *s, size_t n)
{
	for (; s && n && *s; s++, n--) {
		if (*s == '&')
			fputs("&amp;", f);
		else if (*s == '<')
			fputs("&lt;", f);
		else if (*s == '>')
			fputs("&gt;", f);
		else if (*s == '"')
			fputs("&quot;", f);
		/* XML 1.0 has no control characters but these */
		else if ((unsigned char)*s >= 0x20 || *s == '\t' || *s == '\n')
			fputc(*s, f);
	}
}

void svg_text(FILE *f, const char *s)
{
	svg_text_n(f, s, SIZE_MAX);
}

void svg_begin(FILE *f, int width, int height, const char *title)
{
	fprintf(f,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
		"height=\"%d\" viewBox=\"0 0 %d %d\" "
		"font-family=\"sans-serif\" font-size=\"11\">\n<title>",
		width, height, width, height);
	svg_text(f, title);
	fputs("</title>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
	      f);
}

void svg_end(FILE *f)
{
	fputs("</svg>\n", f);
}

/* white (0) to dark red (1) */
static void heat_colour(FILE *f, double t)
{
	int r, g, b;

	if (t < 0)
		t = 0;
	if (t > 1)
		t = 1;
	r = (int)(255 - 75 * t);
	g = (int)(255 - 255 * t);
	b = (int)(255 - 235 * t);
	fprintf(f, "rgb(%d,%d,%d)", r, g, b);
}

static void title_text(FILE *f, int x, int y, const char *title)
{
	fprintf(f,
		"<text class=\"title\" x=\"%d\" y=\"%d\" "
		"font-weight=\"bold\">",
		x, y);
	svg_text(f, title);
	fputs("</text>\n", f);
}

/* a y axis's label, centred on (@x, @y), read bottom to top */
static void rotated_label(FILE *f, double x, double y, const char *label)
{
	fprintf(f,
		"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
		"transform=\"rotate(-90 %.1f %.1f)\">",
		x, y, x, y);
	svg_text(f, label);
	fputs("</text>\n", f);
}

/* @a's offset on @h's y axis (0 .. its span): linear, or gaps cut */
static double y_offset(const struct svg_heatmap *h, uint64_t a)
{
	double off = 0;
	int i;

	if (!h->nr_segs)
		return (double)(a - h->ymin);
	for (i = 0; i < h->nr_segs; i++) {
		const struct svg_yseg *g = &h->segs[i];

		if (a <= g->start)
			return off;
		if (a <= g->end)
			return off + (double)(a - g->start);
		off += (double)(g->end - g->start);
	}
	return off;
}

static double y_span(const struct svg_heatmap *h)
{
	double span = h->nr_segs ? y_offset(h, UINT64_MAX) :
				   (double)(h->ymax - h->ymin);

	return span > 0 ? span : 1;
}

/* each range's first address where it starts; a dashed line at a cut */
static void seg_labels(FILE *f, const struct svg_heatmap *h, double px,
		       double py, double pw, double ph, double yspan)
{
	double last = -100;
	int i;

	for (i = 0; i < h->nr_segs; i++) {
		double sy = py + y_offset(h, h->segs[i].start) / yspan * ph;

		if (i)
			fprintf(f,
				"<line class=\"cut\" x1=\"%.1f\" "
				"y1=\"%.2f\" x2=\"%.1f\" y2=\"%.2f\" "
				"stroke=\"#555\" stroke-dasharray=\"4 3\"/>\n",
				px, sy, px + pw, sy);
		if (sy - last < 12)
			continue;
		fprintf(f,
			"<text x=\"%.1f\" y=\"%.1f\" "
			"text-anchor=\"end\">0x%" PRIx64 "</text>\n",
			px - 4, sy + 10, h->segs[i].start);
		last = sy;
	}
}

void svg_heatmap(FILE *f, int x, int y, int w, int ht,
		 const struct svg_heatmap *h)
{
	double pw = w - MARGIN_L - 10, ph = ht - MARGIN_T - MARGIN_B;
	double xspan = h->xmax > h->xmin ? h->xmax - h->xmin : 1;
	double yspan = y_span(h);
	double px = x + MARGIN_L, py = y + MARGIN_T;
	size_t i;

	fprintf(f, "<g id=\"");
	svg_text(f, h->id);
	fprintf(f, "\" class=\"heatmap\" data-cells=\"%zu\">\n", h->nr_cells);
	title_text(f, x + MARGIN_L, y + 14, h->title);
	fprintf(f,
		"<rect class=\"frame\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		"height=\"%.1f\" fill=\"none\" stroke=\"#888\"/>\n",
		px, py, pw, ph);
	for (i = 0; i < h->nr_cells; i++) {
		const struct svg_cell *c = &h->cells[i];
		/* low addresses at the top, as damo's heatmap reads */
		double cx = px + (c->x0 - h->xmin) / xspan * pw;
		double cw = (c->x1 - c->x0) / xspan * pw;
		double cy = py + y_offset(h, c->y0) / yspan * ph;
		double ch =
			(y_offset(h, c->y1) - y_offset(h, c->y0)) / yspan * ph;

		fprintf(f,
			"<rect class=\"cell\" x=\"%.2f\" y=\"%.2f\" "
			"width=\"%.2f\" height=\"%.2f\" fill=\"",
			cx, cy, cw, ch);
		heat_colour(f, h->vmax > 0 ? c->v / h->vmax : 0);
		fprintf(f,
			"\" data-x0=\"%g\" data-x1=\"%g\" "
			"data-start=\"0x%" PRIx64 "\" data-end=\"0x%" PRIx64
			"\" data-v=\"%g\"><title>%g-%g: 0x%" PRIx64
			"-0x%" PRIx64 ": %g</title></rect>\n",
			c->x0, c->x1, c->y0, c->y1, c->v, c->x0, c->x1, c->y0,
			c->y1, c->v);
	}
	if (h->nr_segs)
		seg_labels(f, h, px, py, pw, ph, yspan);
	else
		fprintf(f,
			"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">0x%" PRIx64
			"</text>\n<text x=\"%.1f\" y=\"%.1f\" "
			"text-anchor=\"end\">0x%" PRIx64 "</text>\n",
			px - 4, py + 10, h->ymin, px - 4, py + ph, h->ymax);
	rotated_label(f, x + 10.0, py + ph / 2, h->ylabel);
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">%g</text>\n", px, py + ph + 14,
		h->xmin);
	fprintf(f,
		"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%g</text>\n",
		px + pw, py + ph + 14, h->xmax);
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
		px + pw / 2, py + ph + 28);
	svg_text(f, h->xlabel);
	fputs("</text>\n</g>\n", f);
}

void svg_stacked_bars(FILE *f, int x, int y, int w, int ht,
		      const struct svg_bars *b)
{
	double pw = w - MARGIN_L - 220, ph = ht - MARGIN_T - MARGIN_B;
	double px = x + MARGIN_L, py = y + MARGIN_T, top = 0, bw;
	int i, s;

	for (i = 0; i < b->nr_bars; i++) {
		double sum = 0;

		for (s = 0; s < b->nr_series; s++)
			sum += b->series[s].vals[i];
		if (sum > top)
			top = sum;
	}
	if (top <= 0)
		top = 1;
	bw = b->nr_bars ? pw / b->nr_bars : pw;
	fprintf(f, "<g id=\"");
	svg_text(f, b->id);
	fprintf(f, "\" class=\"bars\" data-bars=\"%d\" data-series=\"%d\">\n",
		b->nr_bars, b->nr_series);
	title_text(f, x + MARGIN_L, y + 14, b->title);
	fprintf(f,
		"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		"stroke=\"#888\"/>\n",
		px, py + ph, px + pw, py + ph);
	fprintf(f,
		"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%g</text>\n",
		px - 4, py + 10, top);
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">0</text>\n",
		px - 4, py + ph);
	rotated_label(f, x + 10.0, py + ph / 2, b->ylabel);
	for (i = 0; i < b->nr_bars; i++) {
		double base = py + ph;

		for (s = 0; s < b->nr_series; s++) {
			double v = b->series[s].vals[i];
			double h = v / top * ph;

			base -= h;
			fprintf(f,
				"<rect class=\"bar\" x=\"%.2f\" y=\"%.2f\" "
				"width=\"%.2f\" height=\"%.2f\" fill=\"%s\" "
				"data-bar=\"%d\" data-series=\"",
				px + i * bw + bw * 0.1, base, bw * 0.8, h,
				b->series[s].colour, i);
			svg_text(f, b->series[s].name);
			fprintf(f, "\" data-v=\"%g\"><title>", v);
			svg_text(f, b->labels[i]);
			fputs(": ", f);
			svg_text(f, b->series[s].name);
			fprintf(f, " %g</title></rect>\n", v);
		}
		fprintf(f,
			"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
			px + (i + 0.5) * bw, py + ph + 14);
		svg_text(f, b->labels[i]);
		fputs("</text>\n", f);
	}
	for (s = 0; s < b->nr_series; s++) {
		fprintf(f,
			"<g class=\"legend\"><rect x=\"%.1f\" y=\"%.1f\" "
			"width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%.1f\" "
			"y=\"%.1f\">",
			px + pw + 12, py + 16.0 * s, b->series[s].colour,
			px + pw + 26, py + 16.0 * s + 9);
		svg_text(f, b->series[s].name);
		fputs("</text></g>\n", f);
	}
	fputs("</g>\n", f);
}
