/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The registered designs, by name, for the CLI (no kernel types here).
 */
#ifndef FAULTSIM_DESIGNS_REGISTRY_H
#define FAULTSIM_DESIGNS_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FAULTSIM_DESIGN_BASELINE "baseline-6.12"

/* Number of registered designs; they are listed sorted by name. */
unsigned int faultsim_design_count(void);
const char *faultsim_design_name(unsigned int i);
const char *faultsim_design_rationale(unsigned int i);
const char *faultsim_design_claims(unsigned int i);
/*
 * A claim the matrix checks: no finding whose key starts with @finding
 * ("routing: misrouted", "routing", "restoration", "oops"; "neutrality":
 * the matrix's config neutrality) in any cell of the kconfigs that can
 * host the design, or only of @kconfigs ("full,no-thp") when set.
 */
struct faultsim_claim {
	const char *text;	/* the claim, as the matrix page shows it */
	const char *finding;
	const char *kconfigs;	/* NULL: every kconfig hosting the design */
};

/* What a design needs and promises (designs/design.h) */
const char *const *faultsim_design_needs(unsigned int i);
const char *const *faultsim_design_accepts(unsigned int i);
const struct faultsim_claim *faultsim_design_checked_claims(unsigned int i);
/*
 * The first CONFIG_ symbol the selected design needs that @enabled says
 * this kernel lacks, or NULL: it can be hosted.
 */
const char *faultsim_design_unmet_need(bool (*enabled)(const char *sym));

/* Whether the selected design accepts routing findings of @kind */
bool faultsim_design_accepts_kind(const char *kind);

/* Whether the selected design's reports name virtual addresses */
bool faultsim_design_reports_vaddr(void);
/* The bits that tag the selected design's DAMON hints (0: untagged) */
uint64_t faultsim_design_tag_bits(void);
/* ... design @i's, in the x86-64 or (@arm64) the arm64 encoding */
uint64_t faultsim_design_tag_bits_of(unsigned int i, bool arm64);

/* Index of the design called @name, or -1 */
int faultsim_design_find(const char *name);
/* Whether the selected design has a DAMON hint install at all */
bool faultsim_design_gives_damon_hints(void);
/* Makes design @i the one runs use (kshim hooks); -1 if out of range. */
int faultsim_design_select(unsigned int i);

/*
 * DAMON's report sink for the next runs (damon_core/report.h):
 * "global-array" (the RFC's; the default) or "percpu-ring".
 */
const char *faultsim_sink_name(unsigned int i);	/* NULL past the last */
int faultsim_sink_find(const char *name);		/* -1: unknown */
void faultsim_sink_select(unsigned int i);

/*
 * What a run runs, as the command line gives it and a trace records it
 * (three keys, docs/traces.md): a design, DAMON's report sink and a
 * planted bug, by name.  NULL or "" sink: the default; NULL or ""
 * plant: none; "baseline", what traces before designs say, is the
 * baseline.
 */
struct faultsim_selection {
	const char *design;
	const char *sink;
	const char *plant;
};

/*
 * Installs @sel for the next runs; -1 with one line in @err (no newline)
 * if a name is unknown or a bug is planted in a design other than the
 * baseline (a planted bug breaks the baseline's own path).
 */
int faultsim_select(const struct faultsim_selection *sel, char *err,
		    size_t len);

#endif
