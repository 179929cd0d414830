// SPDX-License-Identifier: GPL-2.0-only
/*
 * The registered designs (the faultsim_designs linker section, filled by
 * FAULTSIM_DESIGN()), sorted by name, and the one runs use.  Built into
 * the designs library, not the kernel objects, so the selection survives
 * each simulated boot's reset of the kernel's statics.  Selecting a
 * design hands its DAMON install to the DAMON side (damon_core), which
 * knows no design.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/mm.h>
#include <kshim/sim.h>
#include "designs/design.h"
#include "designs/planted.h"
#include "damon_core/report.h"
#ifdef CONFIG_DAMON
#include "damon_core/sim_damon.h"
#endif

extern const struct faultsim_design *const __start_faultsim_designs[]
	__attribute__((weak));
extern const struct faultsim_design *const __stop_faultsim_designs[]
	__attribute__((weak));

static const struct faultsim_design **sorted;
static unsigned int nr_designs;
static const struct faultsim_design *selected;

static int by_name(const void *a, const void *b)
{
	const struct faultsim_design *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

static void collect(void)
{
	unsigned int i;

	if (sorted)
		return;
	nr_designs = __stop_faultsim_designs - __start_faultsim_designs;
	sorted = calloc(nr_designs ? nr_designs : 1, sizeof(*sorted));
	if (!sorted)
		sim_out_of_memory("the table of designs");
	for (i = 0; i < nr_designs; i++)
		sorted[i] = __start_faultsim_designs[i];
	qsort(sorted, nr_designs, sizeof(*sorted), by_name);
	for (i = 1; i < nr_designs; i++)
		BUG_ON(!strcmp(sorted[i - 1]->name, sorted[i]->name));
}

unsigned int faultsim_design_count(void)
{
	collect();
	return nr_designs;
}

const char *faultsim_design_name(unsigned int i)
{
	return i < faultsim_design_count() ? sorted[i]->name : NULL;
}

const char *faultsim_design_rationale(unsigned int i)
{
	return i < faultsim_design_count() ? sorted[i]->rationale : NULL;
}

const char *faultsim_design_claims(unsigned int i)
{
	return i < faultsim_design_count() ? sorted[i]->claims : NULL;
}

const char *const *faultsim_design_needs(unsigned int i)
{
	return i < faultsim_design_count() ? sorted[i]->needs : NULL;
}

const char *const *faultsim_design_accepts(unsigned int i)
{
	return i < faultsim_design_count() ? sorted[i]->accepts : NULL;
}

const struct faultsim_claim *faultsim_design_checked_claims(unsigned int i)
{
	return i < faultsim_design_count() ? sorted[i]->checked_claims :
					     NULL;
}

const char *faultsim_design_unmet_need(bool (*enabled)(const char *sym))
{
	const char *const *n = faultsim_design()->needs;

	for (; n && *n; n++)
		if (!enabled(*n))
			return *n;
	return NULL;
}

bool faultsim_design_accepts_kind(const char *kind)
{
	const char *const *a;

	for (a = faultsim_design()->accepts; a && *a; a++)
		if (!strcmp(*a, kind))
			return true;
	return false;
}

int faultsim_design_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < faultsim_design_count(); i++)
		if (!strcmp(sorted[i]->name, name))
			return i;
	return -1;
}

int faultsim_design_select(unsigned int i)
{
	if (i >= faultsim_design_count())
		return -1;
	selected = sorted[i];
#ifdef CONFIG_DAMON
	damon_sim_set_fault_install(selected->damon_install);
#endif
	return 0;
}

const struct faultsim_design *faultsim_design(void)
{
	if (!selected) {
		int i = faultsim_design_find(FAULTSIM_DESIGN_BASELINE);

		BUG_ON(i < 0);
		selected = sorted[i];
	}
	return selected;
}

bool faultsim_design_reports_vaddr(void)
{
	return faultsim_design()->reports_vaddr;
}

uint64_t faultsim_design_tag_bits(void)
{
	if (kshim_arch_arm64())
		return faultsim_design()->tag_bits_arm64;
	return faultsim_design()->tag_bits;
}

uint64_t faultsim_design_tag_bits_of(unsigned int i, bool arm64)
{
	if (i >= faultsim_design_count())
		return 0;
	return arm64 ? sorted[i]->tag_bits_arm64 : sorted[i]->tag_bits;
}

bool faultsim_design_gives_damon_hints(void)
{
	return faultsim_design()->damon_install != NULL;
}

long faultsim_design_damon_install(struct vm_area_struct *vma,
				   unsigned long addr)
{
	const struct faultsim_design *d = faultsim_design();

	if (!d->damon_install)
		return -EOPNOTSUPP;
	return d->damon_install(vma, addr);
}

/* Every kconfig parses --sink and traces, with or without DAMON */
static const char *const sink_names[FAULTSIM_NR_SINKS] =
	FAULTSIM_REPORT_SINK_NAMES;

const char *faultsim_sink_name(unsigned int i)
{
	return i < ARRAY_SIZE(sink_names) ? sink_names[i] : NULL;
}

int faultsim_sink_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sink_names); i++)
		if (!strcmp(name, sink_names[i]))
			return i;
	return -1;
}

void faultsim_sink_select(unsigned int i)
{
#ifdef CONFIG_DAMON
	faultsim_report_sink_select(i);
#endif
	/* !CONFIG_DAMON: no reports, nothing to select */
}

int faultsim_select(const struct faultsim_selection *sel, char *err,
		    size_t len)
{
	const char *design = sel->design;
	const char *plant = sel->plant && sel->plant[0] ? sel->plant : NULL;
	int d, sink = 0;

	if (!strcmp(design, "baseline"))
		design = FAULTSIM_DESIGN_BASELINE;
	d = faultsim_design_find(design);
	if (d < 0) {
		snprintf(err, len, "design: unknown design '%s'", sel->design);
		return -1;
	}
	if (sel->sink && sel->sink[0]) {
		sink = faultsim_sink_find(sel->sink);
		if (sink < 0) {
			snprintf(err, len, "sink: unknown report sink '%s'",
				 sel->sink);
			return -1;
		}
	}
	if (plant && strcmp(design, FAULTSIM_DESIGN_BASELINE)) {
		snprintf(err, len, "plant: a bug is planted in the baseline, "
			 "not in '%s'", sel->design);
		return -1;
	}
	if (faultsim_plant(plant)) {
		snprintf(err, len, "plant: unknown planted bug '%s'", plant);
		return -1;
	}
	faultsim_design_select(d);
	faultsim_sink_select(sink);
	return 0;
}
