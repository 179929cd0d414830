/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Oracles over the whole machine, checked where nothing is in flight (at
 * the end of a run, or between steps run in order):
 *   tlb_coherence: with no mmu_gather pending on an mm, no CPU holds a
 *     translation more permissive than the page table (present where the
 *     table is not, writable where it is read-only, another pfn);
 *   conservation: every folio's mapcounts equal the page-table entries
 *     that map it, its refcount the references those mappings hold, and
 *     no allocated folio is left unmapped and unreferenced by the model;
 *     the huge zero folio holds its allocation reference and no mapcount;
 *   thp_consistency: a PMD leaf maps the head of a PMD-size folio; the
 *     PTEs that map pages of one large folio in an mm map each page at
 *     its own offset from the folio's first page (a rebuild or a split
 *     that scrambles them is caught);
 * Each violation is a finding named after its oracle ("tlb_coherence:
 * ...", "conservation: ..."); returns the number found.
 */
#ifndef FAULTSIM_MM_MODEL_ORACLES_H
#define FAULTSIM_MM_MODEL_ORACLES_H

#include <stdint.h>

int oracle_tlb_coherence(void);
int oracle_conservation(void);
/* At the end of a run: slab objects allocated after @since still live */
int oracle_slab_leak(uint64_t since);
int oracle_thp_consistency(void);
/*
 * The same checks the plain way, over every page of the memmap: the
 * reference the two above (which visit only what the machine touched,
 * in memory kept across checks) are tested against.
 */
int oracle_conservation_full(void);
int oracle_thp_consistency_full(void);

#endif
