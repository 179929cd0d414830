// SPDX-License-Identifier: GPL-2.0-only
/*
 * Runs a loaded scenario (app/scenario.h) in order on the simulated
 * machine and the real kernel code: boot, machine and sysctl, address
 * spaces populated as the kernel would have left them, then each step in
 * the thread of the task it names (its CPU, mm and pid are what the
 * kernel code sees), and the expectations checked against vmstat deltas,
 * page-table entries and findings.  Interleavings come with the
 * exploration engine; here one step runs at a time.  The statistics the
 * run prints are app/scenario_report.c's.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/mmap_lock.h>
#include <linux/vmstat.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <kshim/kshim.h>
#include "sim/sched.h"
#include "app/scenario.h"
#include "app/scenario_exec.h"
#include "sim/strategy.h"
#include "mm_model/mm/machine.h"
#include "mm_model/mm/mempolicy.h"
#include "mm_model/hw/mmu.h"
#include "mm_model/mm/numa_balancing.h"
#include "mm_model/mm/numa_scan.h"
#include "oracles/registry.h"
#include "oracles/oracles.h"
#include "mm_model/mm/populate.h"
#include "app/scenario_ops.h"
#include "app/scenario_report.h"
#include "mm_model/mm/syscalls.h"
#include "mm_model/mm/thp.h"
#include "mm_model/mm/vma.h"
#include "designs/design.h"
#ifdef CONFIG_DAMON
#include "damon_core/sim_damon.h"
#endif

static struct sim_strategy *strategy;	/* NULL: in order */
static bool verbose;	/* scenario_exec_set_verbose() */
static bool skipped;
static uint64_t last_state;	/* scenario_exec_state() */
static bool last_state_valid;
static void (*step_hook)(int, struct vm_area_struct *const *, void *);
static void *step_hook_arg;
static FILE *samples_file;	/* scenario_exec_set_samples() */
static enum scenario_samples_format samples_format;
static struct exec *live_exec;	/* scenario_exec_mms(): its address spaces */

struct exec_task {
	struct task_struct *task;
	struct exec *ex;
	int idx;
	const struct scn_step *step;	/* work handed to this task */
	const char *where;		/* its JSON path, for messages */
	bool quit;
	struct sim_waitq wait;		/* the task waits for work here */
};

struct exec {
	const struct scenario *s;
	FILE *out;
	struct mm_struct **mms;
	struct vm_area_struct **vmas;
	/* cow_shared: the forked child of each mm, its copy of each VMA */
	struct mm_struct **child_mms;
	struct vm_area_struct **child_vmas;
	struct exec_task *tasks;
	int vm_event[SCN_NR_VMSTAT];	/* kshim item per scenario name */
	unsigned long start[NR_VM_EVENT_ITEMS];
	int failed_expectations;
	int setup_error;
	bool not_applicable;		/* the design cannot do a step */
	uint64_t state;			/* state_digest() at the end */
	char numa_groups[256];		/* note_numa_groups() at the end */
	bool (*config_enabled)(const char *sym);	/* this kconfig's */
	int pending;			/* task steps handed out, not done */
	struct sim_waitq driver_wait;	/* the driver waits for a step */
	uint64_t sample_rows;		/* sample steps run so far */
	char error[256];
};

static void exec_error(struct exec *ex, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void exec_error(struct exec *ex, const char *fmt, ...)
{
	va_list ap;

	if (ex->error[0])
		return;
	va_start(ap, fmt);
	vsnprintf(ex->error, sizeof(ex->error), fmt, ap);
	va_end(ap);
}

static unsigned long vm_flags_of(const struct scn_vma *v)
{
	unsigned long f = 0;

	if (v->prot & SCN_PROT_READ)
		f |= VM_READ;
	if (v->prot & SCN_PROT_WRITE)
		f |= VM_WRITE;
	if (v->prot & SCN_PROT_EXEC)
		f |= VM_EXEC;
	if (v->flags & SCN_VMA_SHARED)
		f |= VM_SHARED;
	if (v->flags & SCN_VMA_HUGEPAGE)
		f |= VM_HUGEPAGE;
	if (v->flags & SCN_VMA_NOHUGEPAGE)
		f |= VM_NOHUGEPAGE;
	if (v->flags & SCN_VMA_UFFD_WP)
		f |= VM_UFFD_WP;
	return f;
}

/* Populates one VMA as first touches by its mm's first task would. */
static int populate_vma(struct exec *ex, int i)
{
	const struct scn_vma *v = &ex->s->vmas[i];
	struct vm_area_struct *vma = ex->vmas[i];
	bool write = (v->prot & SCN_PROT_WRITE) || v->dirty;
	uint64_t g = scenario_vma_granule(v), off;
	unsigned int r;

	/* a THP-less kernel never maps a PMD leaf: the scenario's mistake */
	if (v->thp && !IS_ENABLED(CONFIG_TRANSPARENT_HUGEPAGE)) {
		exec_error(ex, "vmas[%d] \"%s\": \"thp\" needs "
			   "CONFIG_TRANSPARENT_HUGEPAGE, which this kconfig "
			   "lacks (say so in \"requires\")", i, v->name);
		return -EINVAL;
	}

	for (r = 0; r < v->nr_ranges; r++) {
		const struct scn_range *rg = &v->ranges[r];

		for (off = rg->offset; off < rg->offset + rg->size; off += g) {
			unsigned long addr = vma->vm_start + off;
			int nid = scenario_vma_node(v, off);
			int err;

			if (v->thp)
				err = scenario_populate_thp(vma, addr, nid, write);
			else if (v->folio_order)
				err = scenario_populate_large(vma, addr, nid,
							      v->folio_order,
							      write);
			else
				err = populate_anon(vma, addr, addr + g, nid,
						    write);
			if (err) {
				exec_error(ex, "vmas[%d] \"%s\": cannot populate "
					   "offset %#llx on node %d (%d)", i,
					   v->name, (unsigned long long)off,
					   nid, err);
				return err;
			}
			/* UFFDIO_WRITEPROTECT after the first touch */
			if ((v->flags & SCN_VMA_UFFD_WP) &&
			    populate_uffd_wp(vma, addr, addr + g) < 0) {
				exec_error(ex, "vmas[%d] \"%s\": cannot "
					   "uffd-wp offset %#llx", i, v->name,
					   (unsigned long long)off);
				return -EINVAL;
			}
			/* the child really maps them: the oracles count it */
			for (unsigned long a = addr; v->cow_shared &&
						     a < addr + g;
			     a += PAGE_SIZE) {
				err = fork_cow_page(vma, ex->child_vmas[i], a);
				if (err)
					return err;
			}
		}
	}
	return 0;
}

/*
 * The child a fork() of the VMA's mm left, with its copy of the VMA:
 * it runs nothing, but its PTEs map the shared pages, as the
 * mapcounts say (populate_vma() fills them).
 */
static int fork_child(struct exec *ex, unsigned int i)
{
	const struct scn_vma *v = &ex->s->vmas[i];

	if (!ex->child_mms[v->mm])
		ex->child_mms[v->mm] = mm_create();
	if (!ex->child_mms[v->mm])
		return -ENOMEM;
	ex->child_vmas[i] = vma_create(ex->child_mms[v->mm], v->start,
				       v->start + v->size, vm_flags_of(v),
				       NULL);
	return ex->child_vmas[i] ? 0 : -ENOMEM;
}

static int setup_address_spaces(struct exec *ex)
{
	const struct scenario *s = ex->s;
	unsigned int i;

	for (i = 0; i < s->nr_mms; i++) {
		ex->mms[i] = mm_create();
		if (!ex->mms[i])
			sim_out_of_memory("the address space mms[%u]", i);
		/* mm_users: change_pte_range()'s target_node needs it */
		atomic_set(&ex->mms[i]->mm_users, max(s->mms[i].nr_tasks, 1));
	}
	for (i = 0; i < s->nr_vmas; i++) {
		const struct scn_vma *v = &s->vmas[i];

		if (v->flags & SCN_VMA_FILE) {
			exec_error(ex, "vmas[%u] \"%s\": file-backed VMAs are "
				   "not modelled yet", i, v->name);
			return -EINVAL;
		}
		ex->vmas[i] = vma_create(ex->mms[v->mm], v->start,
					 v->start + v->size, vm_flags_of(v),
					 NULL);
		if (!ex->vmas[i]) {
			exec_error(ex, "vmas[%u] \"%s\": cannot map it", i,
				   v->name);
			return -EINVAL;
		}
		if (v->cow_shared && fork_child(ex, i))
			return -ENOMEM;
		if (populate_vma(ex, i))
			return -ENOMEM;
	}
	return 0;
}

static void teardown_mm(struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	if (!mm)
		return;
	list_for_each_entry(vma, &mm->kshim_vmas, kshim_node) {
		populate_zap_large(vma);
		/* remove_vma() -> mpol_put(): an mbind step's policy */
		mpol_free(vma->vm_policy);
		vma->vm_policy = NULL;
	}
	mm_destroy(mm);
}

static const char *slab_site(void)
{
	struct sim_thread *t = sim_current();

	return t ? sim_kstack_top(t) : NULL;
}

static void teardown_address_spaces(struct exec *ex)
{
	unsigned int i;

	live_exec = NULL;
	for (i = 0; i < ex->s->nr_mms; i++) {
		teardown_mm(ex->mms[i]);
		teardown_mm(ex->child_mms[i]);
	}
}

unsigned int scenario_exec_mms(struct mm_struct **out, unsigned int max)
{
	unsigned int i, n = 0;

	if (!live_exec)
		return 0;
	for (i = 0; i < live_exec->s->nr_mms; i++) {
		if (live_exec->mms[i] && n < max)
			out[n++] = live_exec->mms[i];
		if (live_exec->child_mms[i] && n < max)
			out[n++] = live_exec->child_mms[i];
	}
	return n;
}

static const char *finding_name(const struct sim_finding *f)
{
	switch (f->kind) {
	case SIM_FINDING_WARN:
		return "warning";
	case SIM_FINDING_BUG:
		return "bug";
	case SIM_FINDING_DEADLOCK:
		return "deadlock";
	case SIM_FINDING_OOPS:
		return "oops";
	case SIM_FINDING_ORACLE: {
		/* "<oracle name>: detail", the name with '_' for ' ' */
		static char name[SCN_NAME_MAX + 1];
		size_t i;

		for (i = 0; i < SCN_NAME_MAX && f->msg[i] && f->msg[i] != ':';
		     i++)
			name[i] = f->msg[i] == ' ' ? '_' : f->msg[i];
		name[i] = '\0';
		return name;
	}
	}
	return "?";
}

static bool finding_listed(const struct scn_expect *e, const char *name)
{
	unsigned int i;

	for (i = 0; i < e->nr_findings; i++)
		if (!strcmp(e->findings[i], name))
			return true;
	return false;
}

static void expect_fail(struct exec *ex, const char *where, const char *fmt,
			...) __attribute__((format(printf, 3, 4)));

static void expect_fail(struct exec *ex, const char *where, const char *fmt,
			...)
{
	va_list ap;

	fprintf(ex->out, "expect failed: %s: ", where);
	va_start(ap, fmt);
	vfprintf(ex->out, fmt, ap);
	va_end(ap);
	fputc('\n', ex->out);
	ex->failed_expectations++;
}

static void check_pte(struct exec *ex, const char *where,
		      const struct scn_pte_check *c)
{
	struct vm_area_struct *vma = ex->vmas[c->vma];
	uint64_t p;

	for (p = 0; p < c->pages; p++) {
		unsigned long addr = vma->vm_start + c->offset + p * PAGE_SIZE;
		pte_t *ptep = populate_ptep(vma, addr);
		pte_t pte = ptep ? READ_ONCE(*ptep) : __pte(0);
		bool huge = false, present, zero = false;
		int node = -1;

		if (!ptep) {
			pmd_t *pmdp = scenario_pmd_of(vma, addr);

			if (pmdp && pmd_leaf(READ_ONCE(*pmdp))) {
				huge = true;
				pte = __pte(pmd_val(READ_ONCE(*pmdp)));
			}
		}
		present = pte_present(pte);
		if (present) {
			node = folio_nid(pfn_folio(pte_pfn(pte) +
				(huge ? (addr & ~PMD_MASK) >> PAGE_SHIFT : 0)));
			zero = huge ? is_huge_zero_pmd(__pmd(pte_val(pte))) :
				      is_zero_pfn(pte_pfn(pte));
		}
#define CHECK(bit, field, value)                                              \
		if ((c->mask & (bit)) && c->field != (value)) {               \
			expect_fail(ex, where, "%s+%#llx: " #field " is %d, "   \
				    "expected %d (pte %#llx)",                  \
				    ex->s->vmas[c->vma].name,                   \
				    (unsigned long long)(c->offset +            \
							 p * PAGE_SIZE),        \
				    (int)(value), (int)c->field,                \
				    (unsigned long long)pte_val(pte));          \
			return;                                               \
		}
		CHECK(SCN_PTE_PRESENT, present, present);
		if (!present)
			continue;
		/* the pte_*() tests return the masked bit: compare as bools */
		CHECK(SCN_PTE_PROTNONE, protnone, !!pte_protnone(pte));
		CHECK(SCN_PTE_WRITE, write, !!pte_write(pte));
		CHECK(SCN_PTE_YOUNG, young, !!pte_young(pte));
		CHECK(SCN_PTE_DIRTY, dirty, !!pte_dirty(pte));
		CHECK(SCN_PTE_HUGE, huge, huge);
		CHECK(SCN_PTE_NODE, node, node);
		CHECK(SCN_PTE_ZERO, zero, zero);
#undef CHECK
	}
}

static void check_expect(struct exec *ex, const struct scn_expect *e,
			 const char *where)
{
	unsigned int i;
	int f;

	/*
	 * A scenario's expectations describe its in-order run; under an
	 * exploration strategy other schedules give other counts, and only
	 * findings (oracles, kernel assertions, fault loops) are failures.
	 */
	if (strategy)
		return;

	for (i = 0; i < SCN_NR_VMSTAT; i++) {
		unsigned long delta;

		if (!(e->vmstat_mask & (1U << i)))
			continue;
		delta = kshim_vm_event_read(ex->vm_event[i]) -
			ex->start[ex->vm_event[i]];
		if (delta != e->vmstat[i])
			expect_fail(ex, where, "%s is %lu, expected %llu",
				    scn_vmstat_names[i], delta,
				    (unsigned long long)e->vmstat[i]);
	}
	for (i = 0; i < e->nr_ptes; i++)
		check_pte(ex, where, &e->ptes[i]);
	if (!e->check_findings)
		return;
	for (f = 0; f < sim_findings_count(); f++) {
		const struct sim_finding *fd = sim_finding_get(f);

		if (fd && !finding_listed(e, finding_name(fd)))
			expect_fail(ex, where, "unexpected finding %s: %s",
				    finding_name(fd), fd->msg);
	}
	for (i = 0; i < e->nr_findings; i++) {
		bool seen = false;

		for (f = 0; f < sim_findings_count(); f++) {
			const struct sim_finding *fd = sim_finding_get(f);

			seen |= fd && !strcmp(finding_name(fd), e->findings[i]);
		}
		if (!seen)
			expect_fail(ex, where, "expected finding %s did not "
				    "happen", e->findings[i]);
	}
}

/* One pass of an access step over its pages; false: stop the step. */
static bool access_pages(struct exec *ex, const struct scn_step *st)
{
	struct vm_area_struct *vma = ex->vmas[st->access.vma];
	struct task_struct *t = current;
	uint64_t p;

	for (p = 0; p < st->access.pages; p++) {
		unsigned long addr = vma->vm_start + st->access.offset +
				     p * PAGE_SIZE;
		enum mmu_result res = mmu_access(t->cpu, t->mm, addr,
						 st->access.write, NULL);

		if (res == MMU_SIGSEGV || res == MMU_SIGBUS) {
			fprintf(ex->out, "%s: %s at %#lx: %s\n", t->comm,
				st->access.write ? "write" : "read", addr,
				res == MMU_SIGSEGV ? "SIGSEGV" : "SIGBUS");
			return false;
		}
		if (res == MMU_FAULT_LOOP)
			return false;	/* the MMU recorded the finding */
	}
	return true;
}

/* "repeat" passes, each followed by a sleep of "every_us" (virtual) */
static void run_access(struct exec *ex, const struct scn_step *st)
{
	uint32_t i;

	for (i = 0; i < st->access.repeat; i++) {
		if (!access_pages(ex, st))
			return;
		if (st->access.every_us)
			usleep_range(st->access.every_us, st->access.every_us);
	}
}

#ifdef CONFIG_DAMON
/* run_damon_start() casts one enum to the other */
_Static_assert((int)SCN_DAMON_VADDR == (int)DAMON_SIM_VADDR &&
	       (int)SCN_DAMON_VADDR_FAULT == (int)DAMON_SIM_VADDR_FAULT &&
	       (int)SCN_DAMON_PADDR_FAULT == (int)DAMON_SIM_PADDR_FAULT &&
	       (int)SCN_DAMON_PADDR == (int)DAMON_SIM_PADDR &&
	       (int)SCN_NR_DAMON_OPS == (int)DAMON_SIM_NR_OPS,
	       "enum scn_damon_ops and enum damon_sim_ops differ");

#endif

/*
 * Whether this kernel can host the design's DAMON hints at all
 * (designs/design.h: needs); else the run is not applicable.
 */
static bool design_hostable(struct exec *ex, const char *where)
{
	const char *need = ex->config_enabled ?
		faultsim_design_unmet_need(ex->config_enabled) : NULL;

	if (!need)
		return true;
	fprintf(ex->out, "%s: not applicable: design %s needs %s\n", where,
		faultsim_design()->name, need);
	ex->not_applicable = true;
	return false;
}

/* One definition per function (gcovr merges the kconfigs' coverage) */
static void run_damon_start(struct exec *ex, const struct scn_step *st,
			    const char *where)
{
#ifdef CONFIG_DAMON
	struct damon_sim_attrs a = {
		/* enum scn_damon_ops and damon_sim_ops share the order */
		.ops = (enum damon_sim_ops)st->damon_start.ops,
		.sample_us = st->damon_start.sample_us,
		.aggr_us = st->damon_start.aggr_us,
		.min_nr_regions = st->damon_start.min_nr_regions,
		.max_nr_regions = st->damon_start.max_nr_regions,
	};
	char err[200];
	int ret;

	if (st->damon_start.task >= 0)
		a.task = ex->tasks[st->damon_start.task].task;
	if (damon_sim_ops_fault(a.ops) && !design_hostable(ex, where))
		return;
	if (damon_sim_ops_fault(a.ops) &&
	    !faultsim_design_gives_damon_hints()) {
		/* else a first sample that hints nothing would hide it */
		fprintf(ex->out, "%s: not applicable: design %s gives DAMON "
			"no hints\n", where, faultsim_design()->name);
		ex->not_applicable = true;
		return;
	}
	ret = damon_sim_start(&a, err, sizeof(err));
	if (ret == -EOPNOTSUPP) {
		/* the design's fault, not the scenario's: not applicable */
		fprintf(ex->out, "%s: not applicable: %s\n", where, err);
		ex->not_applicable = true;
	} else if (ret == -ENOMEM) {
		/*
		 * An injected slab failure: damon_start fails as the sysfs
		 * write would, and the run goes on without DAMON (the
		 * oracles still check what the failure left behind).
		 */
		fprintf(ex->out, "%s: damon_start returned %d: %s\n", where,
			ret, err);
	} else if (ret) {
		exec_error(ex, "%s: damon_start: %s", where, err);
	}
#else
	exec_error(ex, "%s: damon_start: this build has no CONFIG_DAMON",
		   where);
#endif
}

static void stop_damon(struct exec *ex, const char *where)
{
#ifdef CONFIG_DAMON
	int err = damon_sim_stop();

	if (err)
		fprintf(ex->out, "%s: damon_stop returned %d\n", where, err);
	scenario_report_damon(ex->out, where);
#endif
}

/*
 * DAMON hints each page of the span through the design, as a fault-based
 * operations set's prepare_access_checks does for its sample pages
 * (under the mmap read lock).  A design without DAMON hints makes the
 * run not applicable.
 */
static void run_damon_hint(struct exec *ex, const struct scn_step *st,
			   const char *where)
{
	struct vm_area_struct *vma = ex->vmas[st->damon_hint.vma];
	uint64_t off, end = st->damon_hint.offset + st->damon_hint.size;

	if (!IS_ENABLED(CONFIG_DAMON)) {
		/* no DAMON in this kernel: nobody would install them */
		fprintf(ex->out, "%s: not applicable: kconfig without "
			"CONFIG_DAMON\n", where);
		ex->not_applicable = true;
		return;
	}
	if (!design_hostable(ex, where))
		return;
	for (off = st->damon_hint.offset; off < end; off += PAGE_SIZE) {
		long n;

		mmap_read_lock(vma->vm_mm);
		n = faultsim_design_damon_install(vma, vma->vm_start + off);
		mmap_read_unlock(vma->vm_mm);
		if (n == -EOPNOTSUPP) {
			fprintf(ex->out, "%s: not applicable: design %s "
				"gives DAMON no hints\n", where,
				faultsim_design()->name);
			ex->not_applicable = true;
			return;
		}
	}
}

/* The sysctl section or step: what it gives, in the enum's order */
static int sysctl_write(const struct scn_sysctl *sc)
{
	int i, err = 0;

	BUILD_BUG_ON((int)SCN_NR_SCAN_TUNABLES != (int)NR_NUMA_SCAN_TUNABLES);
	BUILD_BUG_ON((int)SCN_THP_ALWAYS != (int)THP_ENABLED_ALWAYS ||
		     (int)SCN_THP_MADVISE != (int)THP_ENABLED_MADVISE ||
		     (int)SCN_THP_NEVER != (int)THP_ENABLED_NEVER);
	if (sc->numa_balancing != SCN_NUMAB_BOOT_DEFAULT)
		err = numa_balancing_sysctl_write(sc->numa_balancing);
	for (i = 0; i < SCN_NR_SCAN_TUNABLES && !err; i++)
		if (sc->scan[i] != SCN_TUNABLE_UNSET)
			numa_scan_tunable_write(i, (unsigned int)sc->scan[i]);
	if (sc->thp_enabled != SCN_THP_UNSET)
		thp_set_enabled((enum thp_enabled)sc->thp_enabled);
	return err;
}

static int run_mprotect(struct exec *ex, const struct scn_step *st)
{
	struct vm_area_struct *vma = ex->vmas[st->mprotect.vma];
	unsigned long prot = 0;

	if (st->mprotect.prot & SCN_PROT_READ)
		prot |= PROT_READ;
	if (st->mprotect.prot & SCN_PROT_WRITE)
		prot |= PROT_WRITE;
	if (st->mprotect.prot & SCN_PROT_EXEC)
		prot |= PROT_EXEC;
	return sys_mprotect(vma->vm_mm, vma->vm_start + st->mprotect.offset,
			    st->mprotect.size, prot);
}

static int run_madvise(struct exec *ex, const struct scn_step *st)
{
	struct vm_area_struct *vma = ex->vmas[st->madvise.vma];
	unsigned long start = vma->vm_start + st->madvise.offset;

	if (st->madvise.advice != SCN_MADV_DONTNEED)
		return sys_madvise_hugepage(vma->vm_mm, start,
					    st->madvise.size,
					    st->madvise.advice ==
						    SCN_MADV_HUGEPAGE);
	return sys_madvise_dontneed(vma->vm_mm, start, st->madvise.size);
}

/* scn_policy's modes and flags are the kernel's (app/scenario.h) */
_Static_assert((int)SCN_MPOL_BIND == MPOL_BIND &&
	       (int)SCN_MPOL_WEIGHTED_INTERLEAVE == MPOL_WEIGHTED_INTERLEAVE,
	       "enum scn_mpol_mode is not the uapi MPOL_* order");

static int run_set_mempolicy(const struct scn_step *st)
{
	const struct scn_policy *p = &st->set_mempolicy.policy;

	return sys_set_mempolicy(p->mode, p->nodes,
				 p->flags & SCN_MPOL_F_NUMA_BALANCING);
}

static int run_mbind(struct exec *ex, const struct scn_step *st)
{
	struct vm_area_struct *vma = ex->vmas[st->mbind.vma];
	const struct scn_policy *p = &st->mbind.policy;

	return sys_mbind(vma->vm_mm, vma->vm_start + st->mbind.offset,
			 st->mbind.size, p->mode, p->nodes,
			 p->flags & SCN_MPOL_F_NUMA_BALANCING,
			 st->mbind.strict);
}

/*
 * A sample: one line in the report, one row in the samples file (CSV:
 * a line per value; JSON: an object per row).  What is read is read
 * without scheduling points (an observer's look), at the step's place
 * in virtual time.
 */
struct sample_out {
	FILE *csv, *json;
	uint64_t row, t_ns;
	const char *name;
	bool first_key;
};

/* JSON: "kind": { opened (a comma before all but the row's first) */
static void json_open(struct sample_out *o, const char *key, bool first)
{
	if (o->json)
		fprintf(o->json, "%s\"%s\": {", first ? "" : ", ", key);
	o->first_key = true;
}

static void json_close(struct sample_out *o)
{
	if (o->json)
		fputc('}', o->json);
}

static void sample_value(struct sample_out *o, FILE *out, const char *kind,
			 const char *subject, const char *key, long long v)
{
	fprintf(out, " %s=%lld", key, v);
	if (o->csv)
		fprintf(o->csv, "%llu,%llu,%s,%s,%s,%s,%lld\n",
			(unsigned long long)o->row,
			(unsigned long long)o->t_ns, o->name, kind,
			subject ? subject : "", key, v);
	if (o->json)
		fprintf(o->json, "%s\"%s\": %lld", o->first_key ? "" : ", ",
			key, v);
	o->first_key = false;
}

static void sample_vmstat(struct exec *ex, const struct scn_sample *sm,
			  struct sample_out *o)
{
	unsigned int i;

	fprintf(ex->out, " vmstat");
	json_open(o, "vmstat", false);
	for (i = 0; i < SCN_NR_VMSTAT; i++) {
		int e = ex->vm_event[i];

		/* "all" leaves out what this build does not count */
		if (!(sm->vmstat_mask & (1U << i)) || e < 0)
			continue;
		sample_value(o, ex->out, "vmstat", NULL, scn_vmstat_names[i],
			     kshim_vm_event_read(e) - ex->start[e]);
	}
	json_close(o);
}

/* Each VMA's pages by node, as /proc/PID/numa_maps counts them */
static void sample_vmas(struct exec *ex, const struct scn_sample *sm,
			struct sample_out *o)
{
	unsigned long nodes[SCN_MAX_NODES], anon, huge;
	unsigned int i, n;
	char key[16];

	json_open(o, "vmas", false);
	for (i = 0; i < sm->nr_vmas; i++) {
		const struct scn_vma *v = &ex->s->vmas[sm->vmas[i]];

		scenario_numa_maps(ex->mms[v->mm], v->start,
				   v->start + v->size, nodes, &anon, &huge);
		fprintf(ex->out, "%s vma %s", i ? ";" : "", v->name);
		json_open(o, v->name, i == 0);
		for (n = 0; n < ex->s->nr_nodes; n++) {
			snprintf(key, sizeof(key), "N%u", n);
			sample_value(o, ex->out, "vma", v->name, key, nodes[n]);
		}
		sample_value(o, ex->out, "vma", v->name, "anon", anon);
		sample_value(o, ex->out, "vma", v->name, "huge", huge);
		json_close(o);
	}
	json_close(o);
}

/* The NUMA-balancing fields of each task's task_struct */
static void sample_tasks(struct exec *ex, const struct scn_sample *sm,
			 struct sample_out *o)
{
	unsigned int i;

	json_open(o, "tasks", false);
	for (i = 0; i < sm->nr_tasks; i++) {
		const char *name = ex->s->tasks[sm->tasks[i]].name;
		struct task_struct *t = ex->tasks[sm->tasks[i]].task;

		fprintf(ex->out, "%s task %s", i ? ";" : "", name);
		json_open(o, name, i == 0);
		sample_value(o, ex->out, "task", name, "numa_scan_period",
			     t->numa_scan_period);
		sample_value(o, ex->out, "task", name, "numa_preferred_nid",
			     t->numa_preferred_nid);
		sample_value(o, ex->out, "task", name, "numa_scan_seq",
			     t->numa_scan_seq);
		json_close(o);
	}
	json_close(o);
}

static void run_sample(struct exec *ex, const struct scn_sample *sm,
		       const char *where)
{
	struct sample_out o = {
		.row = ex->sample_rows++,
		.t_ns = ktime_get_ns(),
		.name = sm->name,
	};
	char path[160];

	/* unnamed: its JSON path, the same every time round a loop */
	if (!sm->name[0]) {
		snprintf(path, sizeof(path), "%.*s", (int)strcspn(where, " "),
			 where);
		o.name = path;
	}

	if (samples_file && samples_format == SCENARIO_SAMPLES_CSV)
		o.csv = samples_file;
	if (samples_file && samples_format == SCENARIO_SAMPLES_JSON) {
		o.json = samples_file;
		fprintf(o.json, "%s\n    {\"row\": %llu, \"time_ns\": %llu, "
			"\"sample\": \"%s\"", o.row ? "," : "",
			(unsigned long long)o.row,
			(unsigned long long)o.t_ns, o.name);
	}
	fprintf(ex->out, "sample %s at %llu.%09llu s:", o.name,
		(unsigned long long)(o.t_ns / NSEC_PER_SEC),
		(unsigned long long)(o.t_ns % NSEC_PER_SEC));
	if (sm->vmstat_mask)
		sample_vmstat(ex, sm, &o);
	if (sm->vmstat_mask && sm->nr_vmas)
		fputc(';', ex->out);
	if (sm->nr_vmas)
		sample_vmas(ex, sm, &o);
	if ((sm->vmstat_mask || sm->nr_vmas) && sm->nr_tasks)
		fputc(';', ex->out);
	if (sm->nr_tasks)
		sample_tasks(ex, sm, &o);
	fputc('\n', ex->out);
	if (o.json)
		fputc('}', o.json);
}

/* One step, in the thread it belongs to. */
static void run_step(struct exec *ex, const struct scn_step *st,
		     const char *where)
{
	int err = 0;

	switch (st->op) {
	case SCN_OP_ACCESS:
		run_access(ex, st);
		break;
	case SCN_OP_SCAN:
		scenario_numa_scan(current, st->scan.force);
		break;
	case SCN_OP_RUN:
		scenario_numa_run(current, st->run.ms);
		break;
	case SCN_OP_SYSCTL:
		err = sysctl_write(&st->sysctl);
		break;
	case SCN_OP_MPROTECT:
		err = run_mprotect(ex, st);
		break;
	case SCN_OP_MADVISE:
		err = run_madvise(ex, st);
		break;
	case SCN_OP_SET_MEMPOLICY:
		err = run_set_mempolicy(st);
		break;
	case SCN_OP_MBIND:
		err = run_mbind(ex, st);
		break;
	case SCN_OP_SAMPLE:
		run_sample(ex, st->sample, where);
		break;
	case SCN_OP_SPLIT_THP:
		err = scenario_split_thp(ex->vmas[st->split_thp.vma],
					 ex->vmas[st->split_thp.vma]->vm_start +
						 st->split_thp.offset,
					 st->split_thp.folio);
		break;
	case SCN_OP_ADVANCE:
		msleep((unsigned int)st->advance.ms);
		break;
	case SCN_OP_MIGRATE_FAIL:
		scenario_migrate_fail(st->migrate_fail.when ==
					      SCN_FAIL_AFTER_UNMAP,
				      st->migrate_fail.count);
		break;
	case SCN_OP_MOVE_TASK:
		kshim_rq_move_task(ex->tasks[st->move_task.task].task,
				   st->move_task.cpu);
		break;
	case SCN_OP_EXPECT:
		check_expect(ex, st->expect, where);
		break;
	case SCN_OP_DAMON_START:
		run_damon_start(ex, st, where);
		break;
	case SCN_OP_DAMON_STOP:
		stop_damon(ex, where);
		break;
	case SCN_OP_DAMON_HINT:
		run_damon_hint(ex, st, where);
		break;
	case SCN_OP_CONCURRENTLY:	/* the driver hands these out */
	case SCN_OP_LOOP:
	case SCN_NR_OPS:
		BUG();
	}
	if (err)
		fprintf(ex->out, "%s: %s returned %d\n", where,
			scn_op_names[st->op], err);
}

static int task_of(const struct scn_step *st)
{
	switch (st->op) {
	case SCN_OP_ACCESS:
		return st->access.task;
	case SCN_OP_SCAN:
		return st->scan.task;
	case SCN_OP_SET_MEMPOLICY:
		return st->set_mempolicy.task;	/* its own policy */
	case SCN_OP_RUN:
		return st->run.task;
	default:
		return -1;	/* the driver runs it */
	}
}

/* A scenario task: runs the steps handed to it, as itself. */
static int task_fn(void *arg)
{
	struct exec_task *et = arg;
	struct exec *ex = et->ex;

	scenario_numa_init_task(current, ex->s->tasks[et->idx].mm_start ==
						  SCN_MM_EXEC);
	for (;;) {
		while (!et->step && !et->quit)
			sim_wait(&et->wait, et);
		if (et->quit)
			break;
		run_step(ex, et->step, et->where);
		et->step = NULL;
		ex->pending--;
		sim_wake_all(&ex->driver_wait);
	}
	/*
	 * do_exit() -> mpol_put(): the task's policy goes with it; its
	 * fault statistics and numa group with its last reference
	 * (__put_task_struct() -> task_numa_free()).
	 */
	mpol_free(current->mempolicy);
	current->mempolicy = NULL;
	current->mm = NULL;
	return 0;
}

static int start_tasks(struct exec *ex)
{
	const struct scenario *s = ex->s;
	unsigned int i;

	for (i = 0; i < s->nr_tasks; i++) {
		const struct scn_task *st = &s->tasks[i];
		struct exec_task *et = &ex->tasks[i];
		struct task_struct *t;

		et->ex = ex;
		et->idx = i;
		t = kthread_create(task_fn, et, "%s", st->name);
		if (IS_ERR(t))
			sim_out_of_memory("the task tasks[%u] \"%s\"", i,
					  st->name);
		t->flags &= ~PF_KTHREAD;	/* a user task */
		t->mm = ex->mms[st->mm];
		t->cpu = st->cpu;
		t->numa_preferred_nid = NUMA_NO_NODE;
		if (st->policy.mode != SCN_MPOL_DEFAULT) {
			t->mempolicy = mpol_new(st->policy.mode,
						st->policy.nodes,
						st->policy.flags &
							SCN_MPOL_F_NUMA_BALANCING);
			if (!t->mempolicy) {
				exec_error(ex, "tasks[%u] \"%s\": policy not "
					   "accepted", i, st->name);
				return -EINVAL;
			}
		}
		et->task = t;
		wake_up_process(t);
	}
	return 0;
}

/*
 * Hands each task step to its task, runs the step without a task (if
 * any) in the driver, and waits for every task step to finish.  Which
 * runs first at each scheduling point is the strategy's choice.
 */
static void run_concurrently(struct exec *ex, const struct scn_step *steps,
			     unsigned int nr, const char *where)
{
	const struct scn_step *own = NULL;
	unsigned int i;

	for (i = 0; i < nr; i++) {
		int t = task_of(&steps[i]);

		if (t < 0) {
			own = &steps[i];
			continue;
		}
		ex->pending++;
		ex->tasks[t].step = &steps[i];
		ex->tasks[t].where = where;
		sim_wake_all(&ex->tasks[t].wait);
	}
	if (own)
		run_step(ex, own, where);
	while (ex->pending)
		sim_wait(&ex->driver_wait, ex);
}

/* A finding's kernel stacks, one "  stack <thread>: f > g" line each */
static void print_detail(FILE *out, const char *detail)
{
	const char *p = detail, *nl;

	while (*p) {
		nl = strchr(p, '\n');
		fprintf(out, "  stack %.*s\n",
			(int)(nl ? nl - p : (ptrdiff_t)strlen(p)), p);
		if (!nl)
			break;
		p = nl + 1;
	}
}

static uint64_t fnv1a(uint64_t h, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++, v >>= 8)
		h = (h ^ (v & 0xff)) * 0x100000001b3ULL;
	return h;
}

/*
 * What a run leaves behind, for config neutrality (a design against the
 * baseline in the same kconfig): every entry mapping each VMA page (the
 * PMD for a huge mapping), the vmstat deltas, and the injected failures.
 */
static uint64_t state_digest(struct exec *ex)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	unsigned int v, i;

	for (v = 0; v < ex->s->nr_vmas; v++) {
		struct vm_area_struct *vma = ex->vmas[v];
		unsigned long addr;

		for (addr = vma->vm_start; addr < vma->vm_end;
		     addr += PAGE_SIZE) {
			pte_t *ptep = populate_ptep(vma, addr);
			pmd_t *pmdp = ptep ? NULL : scenario_pmd_of(vma, addr);

			h = fnv1a(h, ptep ? pte_val(READ_ONCE(*ptep)) :
				  pmdp ? pmd_val(READ_ONCE(*pmdp)) : 0);
		}
	}
	for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
		h = fnv1a(h, kshim_vm_event_read(i) - ex->start[i]);
	/* an injected failure is part of where the run ended (none: as before) */
	if (sim_inject_failed())
		h = fnv1a(h, sim_inject_failed());
	return h;
}

/*
 * The task that @i's numa group (kernel/sched/fair.c:task_numa_group())
 * was first seen with, or -1: none.
 */
static int numa_group_first(const struct exec *ex, unsigned int i)
{
	const struct task_struct *t = ex->tasks[i].task;
	unsigned int j;

	if (!t || !t->numa_group)
		return -1;
	for (j = 0; j <= i; j++)
		if (ex->tasks[j].task &&
		    ex->tasks[j].task->numa_group == t->numa_group)
			return j;
	return -1;
}

/*
 * Who shares a numa group at the end: "main worker; other", empty when
 * no task has one.  Who joined whom is an outcome of the schedule, so
 * it is in the end state too (state_digest() of a run without groups
 * is unchanged).
 */
static uint64_t note_numa_groups(struct exec *ex, uint64_t h)
{
	size_t len = 0, room = sizeof(ex->numa_groups);
	unsigned int i, j;

	ex->numa_groups[0] = '\0';
	for (i = 0; i < ex->s->nr_tasks; i++) {
		if (numa_group_first(ex, i) != (int)i)
			continue;
		for (j = i; j < ex->s->nr_tasks && len < room; j++)
			if (numa_group_first(ex, j) == (int)i)
				len += snprintf(ex->numa_groups + len, room - len,
						"%s%s", j == i ? (len ? "; " : "")
							       : " ",
						ex->s->tasks[j].name);
	}
	if (!len)
		return h;
	for (i = 0; i < ex->s->nr_tasks; i++)
		h = fnv1a(h, (uint64_t)(numa_group_first(ex, i) + 1));
	return h;
}

static bool run_stopped(const struct exec *ex)
{
	return ex->setup_error || ex->error[0] || ex->not_applicable;
}

/*
 * Steps in order, a loop's body as many times as it says; @where is the
 * JSON path of the steps' array ("steps", "steps[3].steps"), and
 * @round which time round each enclosing loop is ("7", "7.2"; "" outside
 * loops), for messages: "steps[3].steps[0] (round 7)".  @top: the
 * scenario's own steps, which the hook sees.
 */
static void run_steps(struct exec *ex, const struct scn_step *steps,
		      unsigned int nr, const char *where, const char *round,
		      bool top)
{
	char path[160], msg[sizeof(path) + 80];
	unsigned int i;
	uint32_t r;

	for (i = 0; !run_stopped(ex) && i < nr; i++) {
		const struct scn_step *st = &steps[i];

		snprintf(path, sizeof(path), "%s[%u]", where, i);
		if (round[0])
			snprintf(msg, sizeof(msg), "%s (round %s)", path,
				 round);
		else
			snprintf(msg, sizeof(msg), "%s", path);
		if (st->op == SCN_OP_LOOP) {
			char sub[sizeof(path) + 8], rnd[64];

			snprintf(sub, sizeof(sub), "%s.steps", path);
			for (r = 0; !run_stopped(ex) && r < st->loop.times;
			     r++) {
				snprintf(rnd, sizeof(rnd), "%s%s%u", round,
					 round[0] ? "." : "", r + 1);
				run_steps(ex, st->loop.steps, st->loop.nr, sub,
					  rnd, false);
			}
		} else if (st->op == SCN_OP_CONCURRENTLY) {
			run_concurrently(ex, st->concurrently.steps,
					 st->concurrently.nr, msg);
		} else {
			run_concurrently(ex, st, 1, msg);
		}
		if (top && step_hook)
			step_hook(i, ex->vmas, step_hook_arg);
	}
}

static int driver_fn(void *arg)
{
	struct exec *ex = arg;
	const struct scenario *s = ex->s;
	unsigned int i;

	sysctl_write(&s->sysctl);
	live_exec = ex;
	ex->setup_error = setup_address_spaces(ex);
	if (!ex->setup_error)
		ex->setup_error = start_tasks(ex);
	for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
		ex->start[i] = kshim_vm_event_read(i);
	/* injected failures (run --inject) in the steps, not the setup */
	sim_inject_window(true);
	/* a failed step (a damon_start that cannot run) ends the run */
	run_steps(ex, s->steps, s->nr_steps, "steps", "", true);
#ifdef CONFIG_DAMON
	/* kdamond still running: stop it before the checks and teardown */
	if (damon_sim_running())
		stop_damon(ex, "at the end");
#endif
	sim_inject_window(false);
	if (!ex->setup_error) {
		/* quiescent: every step done, no gather in flight */
		oracles_check_quiescent();
		ex->state = note_numa_groups(ex, state_digest(ex));
	}
	if (!ex->setup_error && s->expect)
		check_expect(ex, s->expect, "expect");
	for (i = 0; i < s->nr_tasks; i++) {
		if (!ex->tasks[i].task)
			continue;
		ex->tasks[i].quit = true;
		sim_wake_all(&ex->tasks[i].wait);
	}
	return 0;
}

/* The names are the build's constants: matched once, not every run. */
static int map_vmstat_names(struct exec *ex)
{
	static int vm_event_of[SCN_NR_VMSTAT];
	static bool mapped;
	int i, j;

	if (!mapped) {
		for (i = 0; i < SCN_NR_VMSTAT; i++) {
			vm_event_of[i] = -1;
			for (j = 0; j < NR_VM_EVENT_ITEMS; j++)
				if (!strcmp(kshim_vm_event_name(j),
					    scn_vmstat_names[i]))
					vm_event_of[i] = j;
		}
		mapped = true;
	}
	for (i = 0; i < SCN_NR_VMSTAT; i++)
		ex->vm_event[i] = vm_event_of[i];
	return 0;
}

static const char *uncounted_in(struct exec *ex, uint32_t mask)
{
	unsigned int i;

	for (i = 0; i < SCN_NR_VMSTAT; i++)
		if ((mask & (1U << i)) && ex->vm_event[i] < 0)
			return scn_vmstat_names[i];
	return NULL;
}

/* The first vmstat that @nr steps (loops' included) name and no build counts */
static const char *uncounted_steps(struct exec *ex, const struct scn_step *st,
				   unsigned int nr)
{
	const char *name = NULL;
	unsigned int k;

	for (k = 0; k < nr && !name; k++) {
		if (st[k].op == SCN_OP_EXPECT)
			name = uncounted_in(ex, st[k].expect->vmstat_mask);
		else if (st[k].op == SCN_OP_SAMPLE && !st[k].sample->vmstat_all)
			name = uncounted_in(ex, st[k].sample->vmstat_mask);
		else if (st[k].op == SCN_OP_LOOP)
			name = uncounted_steps(ex, st[k].loop.steps,
					       st[k].loop.nr);
	}
	return name;
}

/* Every vmstat the scenario checks must be one this build counts. */
static const char *uncounted_vmstat(struct exec *ex)
{
	const struct scenario *s = ex->s;
	const char *name = uncounted_steps(ex, s->steps, s->nr_steps);

	if (!name && s->expect)
		name = uncounted_in(ex, s->expect->vmstat_mask);
	return name;
}

void scenario_exec_set_samples(FILE *f, enum scenario_samples_format fmt)
{
	samples_file = f;
	samples_format = fmt;
}

void scenario_exec_set_strategy(struct sim_strategy *s)
{
	strategy = s;
}

void scenario_exec_set_verbose(bool v)
{
	verbose = v;
}

bool scenario_exec_skipped(void)
{
	return skipped;
}

bool scenario_exec_state(uint64_t *digest)
{
	*digest = last_state;
	return last_state_valid;
}

void scenario_exec_set_step_hook(void (*hook)(int step_no,
					      struct vm_area_struct *const *vmas,
					      void *arg),
				 void *arg)
{
	step_hook = hook;
	step_hook_arg = arg;
}

/* Whether this build lacks a CONFIG_ the scenario requires: a skip */
static bool lacks_requires(const struct scenario *s, const char *path,
			   const char *kconfig,
			   bool (*config_enabled)(const char *), FILE *out)
{
	unsigned int i;

	for (i = 0; i < s->nr_requires; i++) {
		if (!config_enabled(s->requires[i])) {
			fprintf(out, "%s: skipped: kconfig %s lacks %s\n", path,
				kconfig, s->requires[i]);
			return true;
		}
	}
	return false;
}

/*
 * The host memory a machine takes: a struct page per page, the free
 * bitmaps and the bitmap of touched pages (mm_model/hw/memmap.c).
 * Page tables and folios come later, as the run maps.
 */
static uint64_t machine_bytes(const struct scenario *s, uint64_t *pages)
{
	uint64_t n = 0;
	unsigned int i;

	for (i = 0; i < s->nr_nodes; i++)
		n += s->nodes[i].pages;
	*pages = n;
	return n * sizeof(struct page) + n / 4;
}

/*
 * Whether the machine's memory map can fit under the limit at all,
 * checked before it is allocated: with overcommit, a calloc() larger
 * than the memory there is may succeed, and the first pass over it
 * bring the OOM killer.  (What the process uses already is no test:
 * the allocator's reserved space counts there, and may hold the map.)
 * The limit does not move during a run of faultsim: a machine no
 * larger than one that fitted fits, without asking the host again
 * (an open() and read() of /proc/self/statm, a quarter of a schedule
 * of a small scenario).
 */
static bool machine_fits(const struct scenario *s)
{
	static uint64_t fitted;
	struct sim_host_memory m;
	uint64_t pages, bytes = machine_bytes(s, &pages);

	if (bytes <= fitted)
		return true;
	sim_host_memory(&m);
	if (bytes > m.limit)
		return false;
	fitted = bytes;
	return true;
}

/* A machine too big for the host: its size and the limit, exit 2 */
static _Noreturn void refuse_machine(const struct scenario *s)
{
	struct sim_host_memory m;
	uint64_t pages, need = machine_bytes(s, &pages);
	char in_use[64] = "";

	sim_host_memory(&m);
	if (m.used)
		snprintf(in_use, sizeof(in_use), ", %llu MiB of it in use",
			 (unsigned long long)(m.used >> 20));
	sim_out_of_memory("a machine of %llu pages (%llu MiB) needs %llu MiB "
			  "for its memory map; %s is %llu MiB%s",
			  (unsigned long long)pages,
			  (unsigned long long)(pages * PAGE_SIZE >> 20),
			  (unsigned long long)((need + (1 << 20) - 1) >> 20),
			  m.what, (unsigned long long)(m.limit >> 20), in_use);
}

/* Boots the simulated kernel with @seed, then builds the machine of @s */
static int boot_machine(const struct scenario *s, const char *path,
			uint64_t seed)
{
	struct machine_config cfg = { .nr_nodes = s->nr_nodes,
				      .nr_cpus = s->nr_cpus };
	unsigned int i;
	int err;

	for (i = 0; i < s->nr_nodes; i++) {
		cfg.node_pages[i] = s->nodes[i].pages;
		cfg.node_toptier[i] = s->nodes[i].toptier;
	}
	for (i = 0; i < s->nr_cpus; i++)
		cfg.cpu_node[i] = s->cpus[i].node;
	sim_reset(seed);
#ifdef CONFIG_DAMON
	damon_sim_reset();
#endif
	kshim_log_set_console(KSHIM_LOG_WARNING, stderr);
	if (kshim_boot() || sim_run(UINT64_MAX) != SIM_RUN_DONE ||
	    kshim_initcalls_failed()) {
		fprintf(stderr, "faultsim: %s: simulated boot failed\n", path);
		return SCENARIO_FINDING;
	}
	err = machine_fits(s) ? machine_init(&cfg) : -ENOMEM;
	if (err == -ENOMEM)
		refuse_machine(s);
	if (err) {
		fprintf(stderr, "faultsim: %s: machine: cannot build it\n",
			path);
		return SCENARIO_BAD_INPUT;
	}
	return SCENARIO_OK;
}

/* Each finding, its oracle's name said once, and its kernel stacks */
static void print_findings(FILE *out)
{
	int f;

	for (f = 0; f < sim_findings_count(); f++) {
		const struct sim_finding *fd = sim_finding_get(f);
		const char *msg, *colon;

		if (!fd)
			continue;
		/* an oracle's message starts with its name: say it once */
		msg = fd->msg;
		colon = strchr(msg, ':');
		if (fd->kind == SIM_FINDING_ORACLE && colon)
			msg = colon[1] == ' ' ? colon + 2 : colon + 1;
		fprintf(out, "finding %s: %s in %s (%s, %llu ns)\n",
			finding_name(fd), msg, fd->where, fd->thread,
			(unsigned long long)fd->time_ns);
		print_detail(out, fd->detail);
	}
}

/* What the run left: vmstat deltas, hints, the state digest */
static void print_stats(struct exec *ex)
{
	scenario_report_vmstat(ex->out, ex->start);
	scenario_report_hints(ex->out);
	if (ex->numa_groups[0])
		fprintf(ex->out, "numa-groups: %s\n", ex->numa_groups);
	fprintf(ex->out, "state %016llx\n", (unsigned long long)ex->state);
	last_state = ex->state;
	last_state_valid = true;
}

/* The findings and the verdict: SCENARIO_OK or SCENARIO_FINDING */
static int print_verdict(struct exec *ex, enum sim_run_result res)
{
	print_findings(ex->out);
	if (res != SIM_RUN_DONE)
		fprintf(ex->out, "run ended: %s\n", res == SIM_RUN_DEADLOCK ?
			"deadlock" : "time limit");
	fprintf(ex->out, "%d finding(s), %d failed expectation(s)\n",
		sim_findings_count(), ex->failed_expectations);
	if (sim_findings_count() || ex->failed_expectations ||
	    res != SIM_RUN_DONE)
		return SCENARIO_FINDING;
	return SCENARIO_OK;
}

/*
 * The run, its report into @out; an error that stops it goes to stderr
 * after the report, which it then withholds unless verbose.
 */
static int run_report(struct exec *ex, const char *path, uint64_t seed,
		      const char *kconfig)
{
	const struct scenario *s = ex->s;
	enum sim_run_result res;
	int ret;

	ret = boot_machine(s, path, seed);
	if (ret != SCENARIO_OK)
		return ret;
	fprintf(ex->out, "scenario %s (kconfig %s, seed %llu)\n", s->name,
		kconfig, (unsigned long long)seed);
	/* its task_struct is the simulated slab's: a failure is the host's */
	kshim_slab_set_site_fn(slab_site);
	if (IS_ERR(kshim_spawn("scenario", driver_fn, ex)))
		sim_out_of_memory("the scenario's thread");
	if (strategy)
		sim_strategy_install(strategy);	/* sim_reset() cleared it */
	res = sim_run(UINT64_MAX);
	if (ex->error[0]) {
		ret = SCENARIO_BAD_INPUT;
		goto out_machine;
	}
	if (ex->not_applicable) {
		skipped = true;
		if (res == SIM_RUN_DONE)
			teardown_address_spaces(ex);
		goto out_machine;
	}
	print_stats(ex);
	/* before the report: a WARN while unmapping is a finding too */
	if (res == SIM_RUN_DONE) {
		teardown_address_spaces(ex);
		/* after the teardown: what the run left allocated */
		oracle_slab_leak(0);
	}
	ret = print_verdict(ex, res);
out_machine:
	live_exec = NULL;
	machine_destroy();
	return ret;
}

/* The samples file's header: CSV's columns, JSON's run description */
static void samples_begin(const struct scenario *s, uint64_t seed,
			  const char *kconfig)
{
	if (!samples_file)
		return;
	if (samples_format == SCENARIO_SAMPLES_CSV)
		fputs("row,time_ns,sample,kind,subject,key,value\n",
		      samples_file);
	else
		fprintf(samples_file, "{\"faultsim_samples\": 1, "
			"\"scenario\": \"%s\", \"kconfig\": \"%s\", "
			"\"seed\": %llu,\n  \"rows\": [", s->name, kconfig,
			(unsigned long long)seed);
}

static void samples_end(void)
{
	if (samples_file && samples_format == SCENARIO_SAMPLES_JSON)
		fputs("\n  ]\n}\n", samples_file);
	if (samples_file)
		fflush(samples_file);
}

static int run_scenario(const struct scenario *s, const char *path,
			uint64_t seed, const char *kconfig,
			bool (*config_enabled)(const char *), FILE *out)
{
	struct exec ex = { .s = s, .config_enabled = config_enabled };
	const char *uncounted;
	char *report = NULL;
	size_t len = 0;
	int ret;

	skipped = false;
	last_state_valid = false;
	if (lacks_requires(s, path, kconfig, config_enabled, out)) {
		skipped = true;
		return SCENARIO_OK;
	}
	map_vmstat_names(&ex);
	uncounted = uncounted_vmstat(&ex);
	if (uncounted) {
		fprintf(stderr, "faultsim: %s: vmstat %s is not counted by "
			"this build\n", path, uncounted);
		return SCENARIO_BAD_INPUT;
	}

	ex.out = open_memstream(&report, &len);
	ex.mms = calloc(s->nr_mms ? s->nr_mms : 1, sizeof(*ex.mms));
	ex.vmas = calloc(s->nr_vmas ? s->nr_vmas : 1, sizeof(*ex.vmas));
	ex.tasks = calloc(s->nr_tasks ? s->nr_tasks : 1, sizeof(*ex.tasks));
	ex.child_mms = calloc(s->nr_mms ? s->nr_mms : 1,
			      sizeof(*ex.child_mms));
	ex.child_vmas = calloc(s->nr_vmas ? s->nr_vmas : 1,
			       sizeof(*ex.child_vmas));
	if (!ex.out || !ex.mms || !ex.vmas || !ex.tasks || !ex.child_mms ||
	    !ex.child_vmas)
		sim_out_of_memory("the scenario's %u address spaces, %u VMAs "
				  "and %u tasks", s->nr_mms, s->nr_vmas,
				  s->nr_tasks);
	ret = run_report(&ex, path, seed, kconfig);
	fclose(ex.out);
	ex.out = NULL;
	/* one line for what stops the run; the report so far on request */
	if (ret != SCENARIO_BAD_INPUT || verbose)
		fwrite(report, 1, len, out);
	if (ex.error[0])
		fprintf(stderr, "faultsim: %s: %s\n", path, ex.error);
	free(report);
	free(ex.mms);
	free(ex.vmas);
	free(ex.tasks);
	free(ex.child_mms);
	free(ex.child_vmas);
	return ret;
}

int scenario_run(const struct scenario *s, const char *path, uint64_t seed,
		 const char *kconfig, bool (*config_enabled)(const char *),
		 FILE *out)
{
	int ret;

	samples_begin(s, seed, kconfig);
	ret = run_scenario(s, path, seed, kconfig, config_enabled, out);
	samples_end();
	return ret;
}
