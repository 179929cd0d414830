// SPDX-License-Identifier: GPL-2.0-only
/*
 * The TLB's sets (mm_model/hw/tlb.h): a translation goes to the set its
 * virtual page number selects (the 2 MiB page number for a huge one),
 * round-robin among the set's ways; a refill replaces in place; invlpg
 * drops both sizes; a range flush, probing sets or scanning, drops
 * exactly the entries a scan of every slot with the overlap rule would.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <linux/mm.h>
#include <kshim/kshim.h>
#include "sim/sched.h"
#include "mm_model/mm/machine.h"
#include "mm_model/hw/memmap.h"
#include "mm_model/hw/tlb.h"
#include "mm_model/mm/vma.h"
#include "model_test.h"

#define VA 0x7f0000000000UL

struct body {
	void (*fn)(struct mm_struct *mm, struct mm_struct *other,
		   unsigned long pfn);
};

static int task(void *arg)
{
	struct body *b = arg;
	struct mm_struct *mm = mm_create(), *other = mm_create();
	struct folio *folio = memmap_alloc_folio(0, 9, true);

	/* any valid pfns do: the TLB holds what a walk hands it */
	b->fn(mm, other, folio_pfn(folio));
	folio_put(folio);
	mm_destroy(mm);
	mm_destroy(other);
	return 0;
}

static void run(void (*fn)(struct mm_struct *, struct mm_struct *,
			   unsigned long))
{
	struct body b = { .fn = fn };

	assert_int_equal(model_boot(1, 2, 4096), 0);
	kshim_spawn("cpu0", task, &b);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(sim_findings_count(), 0);
	machine_destroy();
}

static void test_set_index(void **state)
{
	assert_int_equal(tlb_set_of(VA, false), 0);
	assert_int_equal(tlb_set_of(VA + 5 * PAGE_SIZE, false), 5);
	assert_int_equal(tlb_set_of(VA + 21 * PAGE_SIZE + 123, false), 5);
	assert_int_equal(tlb_set_of(VA + 3 * PMD_SIZE + PAGE_SIZE, true), 3);
	assert_int_equal(tlb_set_of(VA + 11 * PMD_SIZE, true), 3);
}

/* five pages of one set: the fifth takes the first's way, and so on */
static void round_robin(struct mm_struct *mm, struct mm_struct *other,
			unsigned long pfn)
{
	unsigned long stride = TLB_4K_SETS * PAGE_SIZE, set = 3;
	unsigned long base = VA + set * PAGE_SIZE;
	int i;

	for (i = 0; i < TLB_WAYS; i++)
		tlb_fill(0, mm, base + i * stride, pfn + i, false, true, true);
	for (i = 0; i < TLB_WAYS; i++) {
		const struct tlb_entry *e = tlb_entry_at(0, set * TLB_WAYS + i);

		assert_true(e->valid && e->vaddr == base + i * stride);
	}
	/* a refill of a cached translation: in place, no eviction */
	tlb_fill(0, mm, base + stride, pfn + 9, false, false, false);
	assert_int_equal(tlb_lookup(0, mm, base + stride)->pfn, pfn + 9);
	assert_non_null(tlb_lookup(0, mm, base));
	/* the fifth evicts way 0, the sixth way 1 */
	tlb_fill(0, mm, base + 4 * stride, pfn + 4, false, true, true);
	assert_null(tlb_lookup(0, mm, base));
	assert_non_null(tlb_lookup(0, mm, base + stride));
	tlb_fill(0, mm, base + 5 * stride, pfn + 5, false, true, true);
	assert_null(tlb_lookup(0, mm, base + stride));
	assert_ptr_equal(tlb_lookup(0, mm, base + 5 * stride),
			 tlb_entry_at(0, set * TLB_WAYS + 1));
	/* other sets, the 2 MiB sets and the other CPU untouched */
	assert_int_equal(tlb_count(0, mm), TLB_WAYS);
	tlb_fill(0, mm, VA + 7 * PMD_SIZE, pfn, true, true, true);
	assert_ptr_equal(tlb_lookup(0, mm, VA + 7 * PMD_SIZE + 5 * PAGE_SIZE),
			 tlb_entry_at(0, TLB_4K_ENTRIES + 7 * TLB_WAYS));
	assert_int_equal(tlb_count(1, mm), 0);
	/* an entry is per mm: the same address in another mm misses */
	assert_null(tlb_lookup(0, other, base + 5 * stride));
}

static void test_round_robin_per_set(void **state)
{
	run(round_robin);
}

/* a fill of one size drops the other size's translation of the address */
static void sizes(struct mm_struct *mm, struct mm_struct *other,
		  unsigned long pfn)
{
	unsigned long addr = VA + PMD_SIZE + 3 * PAGE_SIZE;

	tlb_fill(0, mm, addr, pfn, true, true, true);
	assert_true(tlb_lookup(0, mm, addr)->huge);
	tlb_fill(0, mm, addr, pfn + 3, false, true, true);
	assert_false(tlb_lookup(0, mm, addr)->huge);
	assert_null(tlb_lookup(0, mm, addr + PAGE_SIZE));
	assert_int_equal(tlb_count(0, mm), 1);
	tlb_fill(0, mm, addr, pfn, true, true, true);
	assert_int_equal(tlb_count(0, mm), 1);
	/* invlpg: every size */
	tlb_fill(0, mm, addr + PAGE_SIZE, pfn + 4, false, true, true);
	tlb_invalidate_one(0, mm, addr + PAGE_SIZE);
	assert_int_equal(tlb_count(0, mm), 0);
}

static void test_one_translation_per_address(void **state)
{
	run(sizes);
}

/* what a scan of every slot with the overlap rule leaves valid */
static void expect_after_flush(struct tlb_entry *e, struct mm_struct *mm,
			       unsigned long start, unsigned long end)
{
	int i;

	for (i = 0; i < TLB_ENTRIES; i++) {
		unsigned long size = e[i].huge ? PMD_SIZE : PAGE_SIZE;

		if (e[i].valid && e[i].mm == mm &&
		    e[i].vaddr + size > start && e[i].vaddr < end)
			e[i].valid = false;
	}
}

static void flushes(struct mm_struct *mm, struct mm_struct *other,
		    unsigned long pfn)
{
	struct tlb_entry want[2][TLB_ENTRIES];
	struct sim_prng p;
	int iter, i, cpu;

	sim_prng_seed(&p, 14, 0);
	for (iter = 0; iter < 300; iter++) {
		unsigned long start, len;
		struct mm_struct *whose;

		/* entries of both mms, both sizes, on both CPUs */
		for (i = 0; i < 40; i++) {
			bool huge = sim_prng_next(&p) % 4 == 0;
			unsigned long addr = VA + (sim_prng_next(&p) % 4096) *
					     PAGE_SIZE;

			tlb_fill(sim_prng_next(&p) % 2,
				 sim_prng_next(&p) % 3 ? mm : other, addr,
				 huge ? pfn : pfn + 1, huge, true, true);
		}
		for (cpu = 0; cpu < 2; cpu++)
			for (i = 0; i < TLB_ENTRIES; i++)
				want[cpu][i] = *tlb_entry_at(cpu, i);
		start = VA + (sim_prng_next(&p) % 4096) * PAGE_SIZE -
			PAGE_SIZE + sim_prng_next(&p) % 3 * 0x800;
		/* short ranges probe sets, long ones scan */
		len = sim_prng_next(&p) % 2 ?
		      (sim_prng_next(&p) % (TLB_4K_ENTRIES + 2)) * PAGE_SIZE :
		      (sim_prng_next(&p) % 4096) * PAGE_SIZE;
		len += sim_prng_next(&p) % 2 * 0x100;
		whose = sim_prng_next(&p) % 2 ? mm : other;
		tlb_flush_range_all(whose, start, start + len);
		for (cpu = 0; cpu < 2; cpu++) {
			expect_after_flush(want[cpu], whose, start,
					   start + len);
			for (i = 0; i < TLB_ENTRIES; i++)
				assert_int_equal(tlb_entry_at(cpu, i)->valid,
						 want[cpu][i].valid);
		}
	}
	tlb_flush_mm_all(mm);
	tlb_flush_mm_all(other);
	assert_int_equal(tlb_count(0, mm) + tlb_count(1, mm) +
			 tlb_count(0, other) + tlb_count(1, other), 0);
}

static void test_flush_drops_what_a_scan_would(void **state)
{
	run(flushes);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_index),
		cmocka_unit_test(test_round_robin_per_set),
		cmocka_unit_test(test_one_translation_per_address),
		cmocka_unit_test(test_flush_drops_what_a_scan_would),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
